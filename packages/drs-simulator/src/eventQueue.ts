interface ScheduledEvent {
  at: number;
  /** Schedule order, so events due at the same time run in the order they were scheduled. */
  seq: number;
  run: () => void;
}

function before(a: ScheduledEvent, b: ScheduledEvent): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/**
 * What happens next, in simulated time. State only changes when `runDue` is called
 * (on every request and clock advance), which makes runs under the manual clock
 * fully deterministic and needs no timers. A binary heap: thousands of jobs schedule
 * hundreds of thousands of events, and each insert and removal stays O(log n).
 */
export class EventQueue {
  private heap: ScheduledEvent[] = [];
  private nextSeq = 0;

  schedule(at: number, run: () => void): void {
    const heap = this.heap;
    heap.push({ at, seq: this.nextSeq++, run });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >>> 1;
      if (!before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  runDue(now: number): void {
    while (this.heap.length && this.heap[0].at <= now) {
      this.pop().run();
    }
  }

  clear(): void {
    this.heap = [];
  }

  private pop(): ScheduledEvent {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && before(heap[left], heap[smallest]))
          smallest = left;
        if (right < heap.length && before(heap[right], heap[smallest]))
          smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
        i = smallest;
      }
    }
    return top;
  }
}
