/** A retry policy with every field decided. */
export interface ResolvedRetryPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
  /** 0: no limit. */
  maxAttempts: number;
}

/**
 * The wait after failed attempt number `attempt` (1-based): `initialDelayMs` after the first,
 * doubling after each further one, never above `maxDelayMs`. No jitter, so that the delays an
 * app sees are the ones it configured.
 */
export function retryDelayMs(policy: ResolvedRetryPolicy, attempt: number): number {
  const exponent = Math.min(attempt - 1, 40);
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** exponent);
}

/** True when attempt number `attempt` was the last one allowed. */
export function attemptsExhausted(policy: ResolvedRetryPolicy, attempt: number): boolean {
  return policy.maxAttempts > 0 && attempt >= policy.maxAttempts;
}
