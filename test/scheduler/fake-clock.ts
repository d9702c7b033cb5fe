// test helper: a simulated clock. Timers fire in time order as the test advances it; between two timers the
// event loop runs, so jobs that finish at once finish before the next timer.
import type { Clock } from '../../src/scheduler/index.ts';

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export class FakeClock implements Clock {
  private t: number;
  private timers: Timer[] = [];
  private seq = 0;

  constructor(start: Date) {
    this.t = start.getTime();
  }

  now(): Date {
    return new Date(this.t);
  }

  setTimer(at: Date, fn: () => void): () => void {
    const timer = { id: ++this.seq, at: at.getTime(), fn };
    this.timers.push(timer);
    return () => (this.timers = this.timers.filter((x) => x !== timer));
  }

  /** Lets pending promises settle. */
  async settle(): Promise<void> {
    for (let i = 0; i < 10; i++) await tick();
  }

  /** Moves time forward to `target`, firing every timer due on the way, in order. */
  async advanceTo(target: Date): Promise<void> {
    await this.settle();
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.timers[0];
      if (!next || next.at > target.getTime()) break;
      this.timers.shift();
      this.t = Math.max(this.t, next.at);
      next.fn();
      await this.settle();
    }
    this.t = Math.max(this.t, target.getTime());
  }

  advance(ms: number): Promise<void> {
    return this.advanceTo(new Date(this.t + ms));
  }
}

/** A promise with its resolve function outside. */
export function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
