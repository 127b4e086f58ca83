import { Code } from "@layer8/core";
import type { Logger } from "../logging/logger.js";
import { type CallPolicy, statusName } from "./call-policy.js";

// Codes that say the sidecar or a backend is unwell, not that the caller asked for something wrong.
const SERVER_SIDE = new Set<number>([Code.Internal, Code.Unknown, Code.DataLoss]);
const BACKEND_SIDE = new Set<number>([Code.Unavailable, Code.DeadlineExceeded]);

/**
 * One log record per call: at debug for every call (rpc, code, duration), at warn for a backend
 * that failed, at error for a failure of the sidecar itself. The caller's errors (bad input, not
 * found) stay at debug: they are the app's to handle, and would flood the log.
 */
export function logPolicy(logger: Logger): CallPolicy {
  return {
    start(call) {
      const started = performance.now();
      return (code) => {
        const serverSide = SERVER_SIDE.has(code);
        const backendSide = BACKEND_SIDE.has(code);
        if (!serverSide && !backendSide && !logger.isDebugEnabled()) return;
        const fields = {
          rpc: call.method,
          code: statusName(code),
          ms: Math.round((performance.now() - started) * 100) / 100,
        };
        if (serverSide) logger.error(`${call.method} failed`, fields);
        else if (backendSide) logger.warn(`${call.method} failed`, fields);
        else logger.debug(call.method, fields);
      };
    },
  };
}
