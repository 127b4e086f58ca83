import type { Span } from "@opentelemetry/api";
import { type CallInfo, type CallPolicy, statusName } from "../server/call-policy.js";
import { endSpan } from "./end-span.js";
import type { Tracing } from "./tracing.js";

/** A SERVER span per rpc (continuing the caller's trace), current while its handler runs. */
export function tracingPolicy(tracing: Tracing): CallPolicy {
  const spans = new WeakMap<CallInfo, Span>();
  return {
    start(call) {
      const span = tracing.startRpc(call.service, call.method, call.headers);
      spans.set(call, span);
      return (code) => endSpan(span, statusName(code));
    },
    around(call, handler) {
      const span = spans.get(call);
      return span ? tracing.within(span, handler) : handler();
    },
  };
}
