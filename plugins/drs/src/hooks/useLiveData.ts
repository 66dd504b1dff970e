import { useCallback, useEffect, useRef, useState } from 'react';

/** What `useSignal` reports for the channel whose messages say the data changed. */
export interface SignalState {
  lastSignal: unknown;
  isSignalsAvailable: boolean;
}

/** For views with no signal channel of their own (the ops page). */
export const NO_SIGNALS: SignalState = {
  lastSignal: null,
  isSignalsAvailable: false,
};

/** Refetch interval while something is active and no signal will say when it changes. */
export const POLL_INTERVAL_MS = 10_000;
/**
 * Signals are best effort (a message sent while the socket reconnects is lost), so active
 * data is still refetched now and then with signals available.
 */
export const SIGNAL_SAFETY_INTERVAL_MS = 60_000;
/** Consecutive failures double the interval up to this. */
export const MAX_POLL_INTERVAL_MS = 5 * 60_000;

export interface LiveData<T> {
  /** The last value fetched; kept while refetching and when a refetch fails. */
  value?: T;
  /** The last refetch's error; cleared by the next success. */
  error?: Error;
  loading: boolean;
  /** When `value` was fetched. */
  fetchedAt?: Date;
  refresh: () => void;
}

interface State<T> {
  value?: T;
  error?: Error;
  loading: boolean;
  fetchedAt?: Date;
  consecutiveFailures: number;
}

/**
 * Data that stays current without a page refresh: fetched afresh when `load` changes, refetched
 * when a signal arrives and, while `isActive(value)`, on an interval that backs off on errors.
 * Nothing polls when nothing is active. Pass a `load` wrapped in useCallback.
 */
export function useLiveData<T>(
  load: () => Promise<T>,
  options: {
    signal: SignalState;
    isActive: (value: T) => boolean;
    intervalMs?: number;
  },
): LiveData<T> {
  const { signal, isActive, intervalMs = POLL_INTERVAL_MS } = options;
  const [state, setState] = useState<State<T>>({
    loading: true,
    consecutiveFailures: 0,
  });
  // Only the newest request may write state: a slow answer never overwrites a newer one.
  const latestRequest = useRef(0);

  const refresh = useCallback(() => {
    const request = ++latestRequest.current;
    setState(current => ({ ...current, loading: true }));
    load().then(
      value => {
        if (request !== latestRequest.current) return;
        setState({
          value,
          loading: false,
          fetchedAt: new Date(),
          consecutiveFailures: 0,
        });
      },
      error => {
        if (request !== latestRequest.current) return;
        setState(current => ({
          ...current,
          error,
          loading: false,
          consecutiveFailures: current.consecutiveFailures + 1,
        }));
      },
    );
  }, [load]);
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;

  // a new `load` asks for other data (another page, filter or ID): the old value does not answer it
  useEffect(() => {
    setState({ loading: true, consecutiveFailures: 0 });
    refresh();
  }, [refresh]);

  useEffect(
    () => () => {
      latestRequest.current += 1;
    },
    [],
  );

  useEffect(() => {
    if (signal.lastSignal) refreshRef.current();
  }, [signal.lastSignal]);

  const active = state.value !== undefined && isActive(state.value);
  const baseInterval = signal.isSignalsAvailable
    ? SIGNAL_SAFETY_INTERVAL_MS
    : intervalMs;
  // undefined while loading, so each completed request schedules the next one afresh
  const delay =
    active && !state.loading
      ? Math.min(
          baseInterval * 2 ** state.consecutiveFailures,
          MAX_POLL_INTERVAL_MS,
        )
      : undefined;
  useEffect(() => {
    if (delay === undefined) return undefined;
    const timer = setTimeout(() => refreshRef.current(), delay);
    return () => clearTimeout(timer);
  }, [delay]);

  return {
    value: state.value,
    error: state.error,
    loading: state.loading,
    fetchedAt: state.fetchedAt,
    refresh,
  };
}
