import { describeSeconds } from './durations';

describe('describeSeconds', () => {
  it.each([
    [0, '0s'],
    [-5, '0s'],
    [45.4, '45s'],
    [600, '10m'],
    [3725, '1h 2m'],
    [7200, '2h'],
    [86_405, '1d'],
    [90_061, '1d 1h'],
  ])('%d seconds read %s', (seconds, words) => {
    expect(describeSeconds(seconds)).toBe(words);
  });
});
