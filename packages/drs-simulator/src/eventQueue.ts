interface ScheduledEvent {
  at: number;
  run: () => void;
}

/**
 * What happens next, in simulated time. State only changes when `runDue` is called
 * (on every request and clock advance), which makes runs under the manual clock
 * fully deterministic and needs no timers.
 */
export class EventQueue {
  private events: ScheduledEvent[] = [];

  /** Events due at the same time run in the order they were scheduled. */
  schedule(at: number, run: () => void): void {
    const event = { at, run };
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.events[middle].at <= at) low = middle + 1;
      else high = middle;
    }
    this.events.splice(low, 0, event);
  }

  runDue(now: number): void {
    while (this.events.length && this.events[0].at <= now) {
      this.events.shift()!.run();
    }
  }

  clear(): void {
    this.events = [];
  }
}
