import { deepCopy, deepEqual } from './plainData';

describe('plain data', () => {
  const execution = {
    id: 'e-1',
    count: 3,
    flag: false,
    missing: null,
    waves: [
      { name: 'db', servers: [{ id: 's-1', status: 'LAUNCHED' }], tags: {} },
      { name: 'app', servers: [], note: undefined },
    ],
  };

  it('copies deeply: the copy is equal and shares no object with the original', () => {
    const copy = deepCopy(execution);
    expect(copy).toEqual(execution);
    expect(deepEqual(copy, execution)).toBe(true);
    copy.waves[0].servers[0].status = 'HEALTHY';
    expect(execution.waves[0].servers[0].status).toBe('LAUNCHED');
    expect(copy.waves).not.toBe(execution.waves);
  });

  it('treats a property set to undefined as missing, in either argument', () => {
    expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(deepEqual({ a: 1, b: undefined }, { a: 1, c: 2 })).toBe(false);
    expect(deepEqual({ a: 1, c: 2 }, { a: 1, b: undefined })).toBe(false);
  });

  it.each([
    ['a changed leaf', { ...execution, count: 4 }],
    ['an extra key', { ...execution, extra: 'x' }],
    ['a missing key', { ...execution, flag: undefined }],
    ['a shorter array', { ...execution, waves: execution.waves.slice(1) }],
    ['an array for an object', { ...execution, waves: {} }],
    ['null for an object', { ...execution, waves: null }],
  ])('tells %s apart', (_, other) => {
    expect(deepEqual(execution, other)).toBe(false);
    expect(deepEqual(other, execution)).toBe(false);
  });
});
