import { SignalPayload, SignalsService } from '@backstage/plugin-signals-node';
import { JsonObject } from '@backstage/types';
import { performance } from 'perf_hooks';

export interface RecordedSignal {
  channel: string;
  message: JsonObject;
  /** performance.now() when the plugin called publish. */
  at: number;
}

/** A signals service that records when each signal was published, instead of sending it. */
export class SignalRecorder implements SignalsService {
  readonly published: RecordedSignal[] = [];
  private readonly waiters = new Set<() => void>();

  async publish<TMessage extends JsonObject = JsonObject>(
    signal: SignalPayload<TMessage>,
  ) {
    const at = performance.now();
    this.published.push({
      channel: signal.channel,
      message: signal.message,
      at,
    });
    this.waiters.forEach(wake => wake());
  }

  /** The last signal published about the execution, if any. */
  last(executionId: string): RecordedSignal | undefined {
    return this.published.findLast(s => s.message.executionId === executionId);
  }

  /** The first signal about the execution published at or after `since` that `matches`; fails after `timeoutMs`. */
  async next(
    executionId: string,
    since: number,
    matches: (message: JsonObject) => boolean,
    timeoutMs: number,
  ): Promise<RecordedSignal> {
    const find = () =>
      this.published.find(
        s =>
          s.message.executionId === executionId &&
          s.at >= since &&
          matches(s.message),
      );
    let wake: () => void = () => {};
    const found = new Promise<RecordedSignal>(resolve => {
      wake = () => {
        const signal = find();
        if (signal) resolve(signal);
      };
      this.waiters.add(wake);
      wake();
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `No signal about ${executionId} within ${timeoutMs / 1000} s`,
            ),
          ),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([found, timeout]);
    } finally {
      this.waiters.delete(wake);
      clearTimeout(timer);
    }
  }
}
