import type { RuntimeMetrics } from "@layer8/actuator";
import { type Component, codeName, isLayer8Error } from "@layer8/core";
import type { Logger } from "./logging/logger.js";
import { endSpan } from "./tracing/end-span.js";
import type { Tracing } from "./tracing/tracing.js";

/** The lifecycle, which the runtime calls itself; only the block's operations are measured. */
const NOT_OPERATIONS = new Set<PropertyKey>(["init", "close", "health", "constructor", "then"]);

/**
 * The component as the rpc handlers see it: each operation (a method returning a promise) is
 * timed into `layer8_component_operation_seconds`, and its failures counted by code. Streams
 * (methods returning iterables) are passed through as they are. Failures are logged at debug
 * under the component's own logger (`state.orders`), whose level the actuator can raise alone.
 */
export function instrumentComponent<T extends Component>(
  block: string,
  name: string,
  component: T,
  { metrics, logger, tracing }: { metrics: RuntimeMetrics; logger: Logger; tracing?: Tracing },
): T {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(component, {
    get(target, property) {
      // The target as receiver: getters and methods may use private fields, which a proxy lacks.
      const value = Reflect.get(target, property);
      if (typeof value !== "function" || NOT_OPERATIONS.has(property)) return value;
      let timed = wrapped.get(property);
      if (timed === undefined) {
        const operation = String(property);
        timed = function (this: unknown, ...args: unknown[]) {
          const started = performance.now();
          const span = tracing?.startOperation(block, name, operation);
          const result: unknown = value.apply(target, args);
          if (!(result instanceof Promise)) {
            if (span) endSpan(span, "OK");
            return result;
          }
          return result.then(
            (answer) => {
              metrics.operation(block, name, operation, (performance.now() - started) / 1000);
              if (span) endSpan(span, "OK");
              return answer;
            },
            (error: unknown) => {
              const code = isLayer8Error(error) ? codeName(error.code) : "UNKNOWN";
              metrics.operation(block, name, operation, (performance.now() - started) / 1000, code);
              if (span) endSpan(span, code);
              if (logger.isDebugEnabled()) logger.debug(`${operation} failed`, { code, error });
              throw error;
            },
          );
        };
        wrapped.set(property, timed);
      }
      return timed;
    },
  });
}
