import type { RuntimeMetrics } from "@layer8/actuator";
import { codeName } from "@layer8/core";
import type { CallPolicy } from "./call-policy.js";

/** Counts every call by rpc and status code, with its latency, in the runtime's metrics. */
export function metricsPolicy(metrics: RuntimeMetrics): CallPolicy {
  return {
    start(call) {
      const started = performance.now();
      return (code) => {
        const seconds = (performance.now() - started) / 1000;
        metrics.rpc(call.service, call.method, code === 0 ? "OK" : codeName(code), seconds);
      };
    },
  };
}
