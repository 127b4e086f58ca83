import type { HandlerContext, ServiceImpl } from "@connectrpc/connect";
import type { HealthRegistry } from "@layer8/actuator";
import { Code, Layer8Error } from "@layer8/core";
import { Runtime } from "@layer8/proto";
import {
  type Health,
  HealthCheckResponse_ServingStatus as Status,
} from "@layer8/proto/grpc-health";

/** How long one readiness check may take, as on the actuator. */
const CHECK_TIMEOUT_MS = 2000;
/** How often a Watch re-checks readiness; a change reaches the watcher within this time. */
const WATCH_INTERVAL_MS = 1000;

/**
 * `grpc.health.v1.Health` over the same checks as the actuator's readiness: the server ("")
 * and the Runtime service are SERVING exactly when readiness is UP.
 */
export function healthService(
  health: HealthRegistry,
  options: { watchIntervalMs?: number } = {},
): ServiceImpl<typeof Health> {
  const known = new Set(["", Runtime.typeName]);
  const status = async (service: string): Promise<Status> => {
    if (!known.has(service)) {
      throw new Layer8Error(
        Code.NotFound,
        `health: unknown service '${service}'; known: "" (the server), ${Runtime.typeName}`,
        { field: "service" },
      );
    }
    const report = await health.report("readiness", CHECK_TIMEOUT_MS);
    return report.status === "UP" ? Status.SERVING : Status.NOT_SERVING;
  };
  const interval = options.watchIntervalMs ?? WATCH_INTERVAL_MS;

  return {
    async check(request) {
      return { status: await status(request.service) };
    },

    async *watch(request, context) {
      // gRPC's rule for Watch: an unknown service is reported, not refused, and may appear later.
      const current = () => status(request.service).catch(() => Status.SERVICE_UNKNOWN as Status);
      let last = await current();
      yield { status: last };
      while (!context.signal.aborted) {
        await sleep(interval, context);
        if (context.signal.aborted) return;
        const now = await current();
        if (now !== last) {
          last = now;
          yield { status: now };
        }
      }
    },
  };
}

function sleep(ms: number, context: HandlerContext): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      context.signal.removeEventListener("abort", done);
      resolve();
    }
    context.signal.addEventListener("abort", done, { once: true });
  });
}
