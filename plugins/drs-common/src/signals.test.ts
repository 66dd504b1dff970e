import { entitySignalChannel } from './signals';

describe('entitySignalChannel', () => {
  it('is one channel per entity, named by its ref', () => {
    expect(entitySignalChannel('component:default/checkout')).toBe(
      'drs:entity:component:default/checkout',
    );
    expect(entitySignalChannel('component:default/checkout')).not.toBe(
      entitySignalChannel('component:default/payments'),
    );
  });
});
