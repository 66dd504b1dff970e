import { setTimeout as sleep } from 'timers/promises';
import { DeployStackError } from './deployStackErrors';

export interface PollOptions {
  intervalMs: number;
  timeoutMs: number;
  /** The task's abort signal: a cancelled task stops waiting (CloudFormation carries on). */
  signal?: AbortSignal;
}

/** Calls `check` until it returns a value, `intervalMs` apart, for at most `timeoutMs`. */
export async function pollUntil<T>(
  what: string,
  options: PollOptions,
  check: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const result = await check();
    if (result !== undefined) return result;
    if (Date.now() + options.intervalMs > deadline) {
      throw new DeployStackError(
        `Gave up waiting for ${what} after ${Math.round(
          options.timeoutMs / 1000,
        )} s; it may still finish, check it in the CloudFormation console`,
      );
    }
    try {
      await sleep(options.intervalMs, undefined, { signal: options.signal });
    } catch {
      throw new DeployStackError(
        `Stopped waiting for ${what}: the task was cancelled; CloudFormation carries on with it`,
      );
    }
  }
}
