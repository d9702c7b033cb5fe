// scheduler stage: the clock the service runs on — the system clock in production, a simulated one in tests, so a
// day of schedules runs in milliseconds.

/** Time and timers. */
export interface Clock {
  now(): Date;
  /** Calls `fn` at `at` (at once when it is past). Returns a function that cancels it. */
  setTimer(at: Date, fn: () => void): () => void;
}

/** setTimeout cannot wait longer than about 24.8 days; longer waits re-arm. */
const MAX_DELAY = 2 ** 31 - 1;

/** The real clock. */
export const systemClock: Clock = {
  now: () => new Date(),
  setTimer(at, fn) {
    let handle: NodeJS.Timeout;
    const arm = () => {
      const delay = at.getTime() - Date.now();
      handle = delay > MAX_DELAY ? setTimeout(arm, MAX_DELAY) : setTimeout(fn, Math.max(0, delay));
    };
    arm();
    return () => clearTimeout(handle);
  },
};
