export * from './DrsApi';
export * from './DrsClient';
