import { RuntimeMetrics } from "@layer8/actuator";
import { Code } from "@layer8/core";
import { describe, expect, it } from "vitest";
import { rateLimitPolicy, TokenBucket } from "./rate-limit.js";

describe("token bucket", () => {
  it("allows a burst, then the refill rate, and never more than the burst after idling", () => {
    let now = 0;
    const bucket = new TokenBucket(10, 3, () => now);
    expect([1, 2, 3, 4].map(() => bucket.tryTake())).toEqual([true, true, true, false]);
    now += 100; // one token at 10/s
    expect([bucket.tryTake(), bucket.tryTake()]).toEqual([true, false]);
    now += 60_000;
    expect([1, 2, 3, 4].map(() => bucket.tryTake())).toEqual([true, true, true, false]);
  });
});

describe("rate limit policy", () => {
  const call = (method: string) => ({
    service: "spec.proto.runtime.v1.Runtime",
    method,
    headers: new Headers(),
  });

  it("limits only the named rpcs, by name or full path, with RESOURCE_EXHAUSTED naming the rule", () => {
    const metrics = new RuntimeMetrics({ processMetrics: false });
    const policy = rateLimitPolicy(
      [
        { method: "SayHello", perSecond: 0.001, burst: 2 },
        { method: "/spec.proto.runtime.v1.Runtime/GetState", perSecond: 0.001, burst: 1 },
      ],
      metrics,
    );
    policy.admit!(call("SayHello"));
    policy.admit!(call("SayHello"));
    expect(() => policy.admit!(call("SayHello"))).toThrow(
      expect.objectContaining({
        code: Code.ResourceExhausted,
        rawMessage:
          "SayHello: over the rate limit of 0.001 calls/s (burst 2) set by flowControl.rules.0; retry later",
      }),
    );
    policy.admit!(call("GetState"));
    expect(() => policy.admit!(call("GetState"))).toThrow(/flowControl.rules.1/);
    for (let i = 0; i < 100; i += 1) policy.admit!(call("SaveState"));
  });
});
