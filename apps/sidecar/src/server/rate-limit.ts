import type { RuntimeMetrics } from "@layer8/actuator";
import { Code, Layer8Error } from "@layer8/core";
import type { CallPolicy } from "./call-policy.js";

export interface FlowRule {
  method: string;
  perSecond: number;
  burst?: number | undefined;
}

/**
 * A token bucket: holds up to `burst` tokens, refills at `perSecond`, and each call takes one.
 * Refilled lazily from the clock on each call, so an idle rule costs nothing.
 */
export class TokenBucket {
  #tokens: number;
  #refilledAt: number;

  constructor(
    readonly perSecond: number,
    readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.#tokens = burst;
    this.#refilledAt = now();
  }

  tryTake(): boolean {
    const now = this.now();
    this.#tokens = Math.min(
      this.burst,
      this.#tokens + ((now - this.#refilledAt) / 1000) * this.perSecond,
    );
    this.#refilledAt = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

/**
 * Flow control (as Layotto's): per-rpc rate limits. A call over its rpc's limit gets
 * RESOURCE_EXHAUSTED naming the limit, and is counted in `layer8_rate_limited_total`.
 * A rule names an rpc (`GetState`) or its full path (`/spec.proto.runtime.v1.Runtime/GetState`).
 */
export function rateLimitPolicy(rules: readonly FlowRule[], metrics: RuntimeMetrics): CallPolicy {
  const buckets = new Map<string, { bucket: TokenBucket; index: number }>();
  rules.forEach((rule, index) => {
    const burst = rule.burst ?? Math.max(1, Math.floor(rule.perSecond));
    buckets.set(rule.method, { bucket: new TokenBucket(rule.perSecond, burst), index });
    metrics.rateLimit(rule.method.split("/").at(-1) ?? rule.method, rule.perSecond);
  });
  return {
    admit(call) {
      const limited = buckets.get(`/${call.service}/${call.method}`) ?? buckets.get(call.method);
      if (!limited || limited.bucket.tryTake()) return;
      metrics.rateLimited(call.method);
      throw new Layer8Error(
        Code.ResourceExhausted,
        `${call.method}: over the rate limit of ${limited.bucket.perSecond} calls/s (burst ${limited.bucket.burst}) set by flowControl.rules.${limited.index}; retry later`,
      );
    },
  };
}
