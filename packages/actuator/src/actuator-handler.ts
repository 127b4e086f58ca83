import type { IncomingMessage, ServerResponse } from "node:http";
import { Code, isLayer8Error, Layer8Error } from "@layer8/core";
import type { HealthRegistry, Probe } from "./health.js";

/** What the actuator's HTTP endpoints serve; the runtime supplies each part. */
export interface ActuatorOptions {
  health: HealthRegistry;
  /** How long one indicator may take before it counts as DOWN. Default 2,000 ms. */
  healthTimeoutMs?: number;
  /** `GET /actuator/info`: app id, version, building blocks and components. */
  info: () => Record<string, unknown>;
  /** `GET /metrics`: Prometheus text exposition. Without it, 404. */
  metrics?: { contentType: string; render: () => Promise<string> };
  /**
   * `POST /actuator/logger` with `{"level": "...", "component": "..."}` (component optional:
   * all). Throws a Layer8Error (INVALID_ARGUMENT, NOT_FOUND) for a bad level or component.
   */
  setLogLevel?: (level: string, component: string | undefined) => Record<string, unknown>;
  /**
   * Decides whether a request may proceed (e.g. an API token). Liveness is never asked: a
   * prober that cannot hold a secret must still be able to tell that the process is alive.
   */
  authorize?: (request: IncomingMessage) => boolean;
}

/** Larger bodies are refused: the only body the actuator reads is a small JSON command. */
const MAX_BODY_BYTES = 16 * 1024;

// gRPC codes (as Layer8Error carries) to HTTP statuses for the actuator's JSON errors.
const HTTP_STATUS: Partial<Record<Code, number>> = {
  [Code.InvalidArgument]: 400,
  [Code.NotFound]: 404,
  [Code.PermissionDenied]: 403,
  [Code.Unauthenticated]: 401,
};

/** The actuator as a plain `node:http` request handler, so it can be mounted on any server. */
export function createActuatorHandler(
  options: ActuatorOptions,
): (request: IncomingMessage, response: ServerResponse) => void {
  const timeoutMs = options.healthTimeoutMs ?? 2000;

  const probe = async (which: Probe, response: ServerResponse) => {
    const report = await options.health.report(which, timeoutMs);
    // Kubernetes and load balancers read the HTTP status; people and tools read the body.
    json(response, report.status === "UP" ? 200 : 503, report);
  };

  return (request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    const route = `${request.method} ${path}`;
    const handle = async () => {
      if (route === "GET /actuator/health/liveness") return probe("liveness", response);
      if (options.authorize && !options.authorize(request)) {
        return json(response, 401, { error: "missing or wrong API token" });
      }
      if (route === "GET /actuator/health/readiness") return probe("readiness", response);
      if (route === "GET /actuator/health") return probe("readiness", response);
      if (route === "GET /actuator/info") return json(response, 200, options.info());
      if (route === "GET /metrics" && options.metrics) {
        const body = await options.metrics.render();
        response.writeHead(200, { "content-type": options.metrics.contentType });
        response.end(body);
        return;
      }
      if (route === "POST /actuator/logger" && options.setLogLevel) {
        const body = (await readJson(request)) as { level?: unknown; component?: unknown };
        if (typeof body.level !== "string") {
          return json(response, 400, { error: 'the body needs "level", e.g. {"level":"debug"}' });
        }
        if (body.component !== undefined && typeof body.component !== "string") {
          return json(response, 400, { error: '"component" must be a string when given' });
        }
        return json(response, 200, options.setLogLevel(body.level, body.component));
      }
      return json(response, 404, { error: `no actuator endpoint ${route}` });
    };
    handle().catch((error: unknown) => {
      const status = isLayer8Error(error) ? (HTTP_STATUS[error.code] ?? 500) : 500;
      const message = isLayer8Error(error)
        ? error.rawMessage
        : error instanceof Error
          ? error.message
          : String(error);
      if (!response.headersSent) json(response, status, { error: message });
      else response.destroy();
    });
  };
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(`${JSON.stringify(body)}\n`);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw bodyError(`the body is over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
  } catch {
    throw bodyError("the body is not JSON");
  }
}

function bodyError(message: string): Layer8Error {
  return new Layer8Error(Code.InvalidArgument, `actuator: ${message}`);
}
