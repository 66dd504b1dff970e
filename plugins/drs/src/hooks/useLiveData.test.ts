import { act, renderHook } from '@testing-library/react';
import {
  MAX_POLL_INTERVAL_MS,
  NO_SIGNALS,
  POLL_INTERVAL_MS,
  SIGNAL_SAFETY_INTERVAL_MS,
  SignalState,
  useLiveData,
} from './useLiveData';

interface Status {
  active: boolean;
  n: number;
}

const isActive = (status: Status) => status.active;

/** Lets resolved promises settle inside act. */
async function flush() {
  await act(async () => {});
}

async function advance(ms: number) {
  await act(async () => {
    jest.advanceTimersByTime(ms);
  });
  await flush();
}

function renderLive(
  load: () => Promise<Status>,
  signal: SignalState = NO_SIGNALS,
) {
  return renderHook(
    ({ currentSignal }) =>
      useLiveData(load, { signal: currentSignal, isActive }),
    { initialProps: { currentSignal: signal } },
  );
}

describe('useLiveData', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('never polls while nothing is active', async () => {
    const load = jest.fn().mockResolvedValue({ active: false, n: 1 });
    const { result } = renderLive(load);
    await flush();
    expect(result.current.value).toEqual({ active: false, n: 1 });
    await advance(MAX_POLL_INTERVAL_MS * 2);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('polls while active without signals, keeping the last value while it refetches', async () => {
    let n = 0;
    let answer: (status: Status) => void = () => {};
    const load = jest.fn(() => {
      n += 1;
      return n === 1
        ? Promise.resolve({ active: true, n })
        : new Promise<Status>(resolve => {
            answer = resolve;
          });
    });
    const { result } = renderLive(load);
    await flush();
    await advance(POLL_INTERVAL_MS - 1);
    expect(load).toHaveBeenCalledTimes(1);
    await advance(1);
    expect(load).toHaveBeenCalledTimes(2);
    // refetching: the last value stays, so the view does not flicker
    expect(result.current.loading).toBe(true);
    expect(result.current.value).toEqual({ active: true, n: 1 });
    await act(async () => answer({ active: false, n: 2 }));
    expect(result.current.value).toEqual({ active: false, n: 2 });
    await advance(POLL_INTERVAL_MS * 10);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('backs off on errors and keeps showing the last value with the error', async () => {
    const load = jest
      .fn()
      .mockResolvedValueOnce({ active: true, n: 1 })
      .mockRejectedValueOnce(new Error('boom 1'))
      .mockRejectedValueOnce(new Error('boom 2'))
      .mockResolvedValue({ active: true, n: 4 });
    const { result } = renderLive(load);
    await flush();
    await advance(POLL_INTERVAL_MS);
    expect(load).toHaveBeenCalledTimes(2);
    expect(result.current.error?.message).toBe('boom 1');
    expect(result.current.value).toEqual({ active: true, n: 1 });
    // one failure: twice the interval
    await advance(POLL_INTERVAL_MS * 2 - 1);
    expect(load).toHaveBeenCalledTimes(2);
    await advance(1);
    expect(load).toHaveBeenCalledTimes(3);
    // two failures: four times
    await advance(POLL_INTERVAL_MS * 4 - 1);
    expect(load).toHaveBeenCalledTimes(3);
    await advance(1);
    expect(load).toHaveBeenCalledTimes(4);
    expect(result.current.error).toBeUndefined();
    expect(result.current.value).toEqual({ active: true, n: 4 });
    // success: back to the base interval
    await advance(POLL_INTERVAL_MS);
    expect(load).toHaveBeenCalledTimes(5);
  });

  it('refetches when a signal arrives, and polls only as a slow safety net with signals', async () => {
    const load = jest
      .fn()
      .mockResolvedValueOnce({ active: true, n: 1 })
      .mockResolvedValue({ active: true, n: 2 });
    const { result, rerender } = renderLive(load, {
      lastSignal: null,
      isSignalsAvailable: true,
    });
    await flush();
    await advance(POLL_INTERVAL_MS * 3);
    expect(load).toHaveBeenCalledTimes(1);

    rerender({
      currentSignal: {
        lastSignal: { status: 'COMPLETED' },
        isSignalsAvailable: true,
      },
    });
    await flush();
    expect(load).toHaveBeenCalledTimes(2);
    expect(result.current.value).toEqual({ active: true, n: 2 });

    await advance(SIGNAL_SAFETY_INTERVAL_MS);
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('drops the old value when asked for other data', async () => {
    const first = jest.fn().mockResolvedValue({ active: false, n: 1 });
    const second = jest.fn(() => new Promise<Status>(() => {}));
    const { result, rerender } = renderHook(
      ({ load }) => useLiveData(load, { signal: NO_SIGNALS, isActive }),
      { initialProps: { load: first as () => Promise<Status> } },
    );
    await flush();
    expect(result.current.value).toEqual({ active: false, n: 1 });
    rerender({ load: second });
    expect(result.current.value).toBeUndefined();
    expect(result.current.loading).toBe(true);
  });

  it('ignores an answer that arrives after a newer one', async () => {
    const answers: ((status: Status) => void)[] = [];
    const load = jest.fn(
      () => new Promise<Status>(resolve => answers.push(resolve)),
    );
    const { result } = renderLive(load);
    act(() => result.current.refresh());
    await act(async () => answers[1]({ active: false, n: 2 }));
    await act(async () => answers[0]({ active: false, n: 1 }));
    expect(result.current.value).toEqual({ active: false, n: 2 });
  });
});
