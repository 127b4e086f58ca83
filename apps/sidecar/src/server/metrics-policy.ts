import type { RuntimeMetrics } from "@layer8/actuator";
import { type CallPolicy, statusName } from "./call-policy.js";

/** Counts every call by rpc and status code, with its latency, in the runtime's metrics. */
export function metricsPolicy(metrics: RuntimeMetrics): CallPolicy {
  return {
    start(call) {
      const started = performance.now();
      return (code) => {
        const seconds = (performance.now() - started) / 1000;
        metrics.rpc(call.service, call.method, statusName(code), seconds);
      };
    },
  };
}
