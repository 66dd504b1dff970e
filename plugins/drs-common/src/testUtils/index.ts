/** Helpers for tests of the DRS plugins; not part of the product. */
export { Dice } from './dice';
