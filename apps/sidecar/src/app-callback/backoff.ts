/** Exponential backoff: how long to wait before attempt `failures + 1`. */
export interface Backoff {
  /** The first delay, in ms; each further failure doubles it. */
  initialDelayMs: number;
  /** The longest delay, in ms. */
  maxDelayMs: number;
}

/** The delay after `failures` failures in a row (1 or more): initial, doubled each time, capped. */
export function backoffDelayMs(backoff: Backoff, failures: number): number {
  const doublings = Math.min(Math.max(failures - 1, 0), 30);
  return Math.min(backoff.initialDelayMs * 2 ** doublings, backoff.maxDelayMs);
}

/** Resolves after `ms`, or at once when `signal` aborts (it never rejects). */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
