import { readFileSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import { HealthRegistry, RuntimeMetrics } from "@layer8/actuator";
import { type Component, closeAll, initAll } from "@layer8/core";
import { Runtime } from "@layer8/proto";
import { Health } from "@layer8/proto/grpc-health";
import type { PubSubApi } from "@layer8/pubsub";
import type { DestinationStream } from "pino";
import { startAppCallbackDelivery } from "./app-callback/app-callback-delivery.js";
import { BLOCK_MODULES } from "./blocks/index.js";
import { EMBEDDED_COMPONENTS } from "./building-blocks.js";
import type { Components } from "./components.js";
import { ConfigError } from "./config/config-error.js";
import { EMBEDDED_DEFAULTS, type LoadedConfig, loadConfig } from "./config/load-config.js";
import { instrumentComponent } from "./instrument.js";
import { type Logger, Logging } from "./logging/logger.js";
import { prepare } from "./prepare.js";
import { RuntimeState } from "./runtime-state.js";
import { type ActuatorServer, startActuatorServer } from "./server/actuator-server.js";
import { apiTokenPolicy, checkToken } from "./server/api-token.js";
import { type GrpcServer, startGrpcServer } from "./server/grpc-server.js";
import { healthService } from "./server/health-service.js";
import { logPolicy } from "./server/log-policy.js";
import { metricsPolicy } from "./server/metrics-policy.js";
import { rateLimitPolicy } from "./server/rate-limit.js";
import { runtimeService } from "./server/runtime-service.js";
import type { Tracing } from "./tracing/tracing.js";
import { tracingPolicy } from "./tracing/tracing-policy.js";
import { sidecarVersion } from "./version.js";

export interface SidecarOptions {
  /** A YAML or JSON config file; without it, embedded defaults. */
  configFile?: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Where log records go; default stdout. */
  logDestination?: DestinationStream;
}

export interface RunningSidecar {
  readonly config: LoadedConfig;
  /** The runtime's own logger. */
  readonly logger: Logger;
  readonly logging: Logging;
  readonly grpc: GrpcServer;
  readonly actuator: ActuatorServer;
  /** Stops accepting calls, drains in-flight ones, closes components in reverse order. */
  stop(): Promise<void>;
}

/**
 * Validates the whole config and builds every component before anything connects, starts the
 * components, and only then listens. Any failure undoes what was done: nothing half-starts.
 */
export async function runSidecar(options: SidecarOptions): Promise<RunningSidecar> {
  const loaded = loadConfig({
    ...(options.configFile
      ? { file: options.configFile }
      : { raw: { components: EMBEDDED_COMPONENTS } }),
    env: options.env,
  });
  const { config, source } = loaded;
  const components = prepare(loaded);
  const logging = new Logging({
    level: config.logging.level,
    base: { app: config.appId },
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });
  const logger = logging.logger("runtime");
  const { apiToken } = config.security;
  // Read once: info is asked for often (dashboards poll it) and never changes.
  const about = info(config.appId, sidecarVersion(), components);
  const runtime = new RuntimeState();
  const health = healthOf(components, runtime);
  const metrics = new RuntimeMetrics();
  // Loaded only when on: the OpenTelemetry SDK and exporter weigh on start-up time and memory.
  const tracing = config.tracing.enabled
    ? new (await import("./tracing/tracing.js")).Tracing({
        endpoint: config.tracing.endpoint,
        serviceName: config.tracing.serviceName ?? config.appId,
        sampleRatio: config.tracing.sampleRatio,
      })
    : undefined;
  const served = instrumented(components, { metrics, logging, tracing });

  // The actuator answers first, so a prober sees INIT while components connect.
  const actuator = await startActuatorServer({
    host: config.actuator.host,
    port: config.actuator.port,
    health,
    info: () => about,
    metrics: { contentType: metrics.contentType, render: () => metrics.render() },
    setLogLevel: (level, name) => logging.setLevel(level, name),
    ...(apiToken
      ? {
          authorize: (request: IncomingMessage) =>
            checkToken(apiToken, (name) => headerText(request.headers[name])) === "ok",
        }
      : {}),
  }).catch((error: unknown) => {
    throw listenError(error, loaded, "actuator");
  });

  let grpc: GrpcServer;
  try {
    await initAll(components.all);
    try {
      grpc = await startGrpcServer({
        host: config.grpc.host,
        port: config.grpc.port,
        unixSocket: config.grpc.unixSocket,
        tls: config.grpc.tls && {
          cert: readFileSync(config.grpc.tls.certFile),
          key: readFileSync(config.grpc.tls.keyFile),
        },
        maxMessageBytes: config.grpc.maxMessageBytes,
        services: [
          { service: Runtime, impl: runtimeService(BLOCK_MODULES, served, { metrics, tracing }) },
          { service: Health, impl: healthService(health) },
        ],
        policies: [
          metricsPolicy(metrics),
          logPolicy(logging.logger("grpc")),
          ...(apiToken ? [apiTokenPolicy(apiToken)] : []),
          rateLimitPolicy(config.flowControl.rules, metrics),
          ...(tracing ? [tracingPolicy(tracing)] : []),
        ],
      });
    } catch (error) {
      await closeAll(components.all).catch(() => undefined);
      throw listenError(error, loaded, "grpc");
    }
  } catch (error) {
    await actuator.close();
    throw error;
  }
  runtime.serving();
  logger.info(
    `layer8 sidecar for app '${config.appId}' listening on ${grpc.url}, actuator on http://${actuator.host}:${actuator.port} (config: ${source}; ${describe(components)})`,
  );
  // In the background: the app may come later, and readiness does not wait for it.
  const delivery = config.app.grpcCallback
    ? startAppCallbackDelivery({
        address: config.app.grpcCallback,
        pubsubs: (served.get("pubsub") ?? new Map()) as ReadonlyMap<string, PubSubApi>,
        logger: logging.logger("app-callback"),
        metrics,
      })
    : undefined;

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      runtime.draining();
      // Deliveries in flight finish (or go back to their groups) before components close.
      await Promise.all([grpc.close(config.shutdown.drainTimeoutMs), delivery?.close()]);
      await closeAll(components.all);
      await actuator.close();
      await tracing?.shutdown().catch(() => undefined);
    })();
    return stopping;
  };
  return { config: loaded, logger, logging, grpc, actuator, stop };
}

/** Each block's components as the rpc handlers use them: with their operations measured. */
function instrumented(
  components: Components,
  { metrics, logging, tracing }: { metrics: RuntimeMetrics; logging: Logging; tracing?: Tracing },
): Map<string, Map<string, Component>> {
  const byBlock = new Map<string, Map<string, Component>>();
  for (const [block, named] of components.byBlock) {
    const measured = new Map<string, Component>();
    for (const [name, component] of named) {
      const logger = logging.logger(`${block}.${name}`);
      measured.set(
        name,
        instrumentComponent(block, name, component, {
          metrics,
          logger,
          ...(tracing ? { tracing } : {}),
        }),
      );
    }
    byBlock.set(block, measured);
  }
  return byBlock;
}

/** Readiness: the runtime and a real check of every component; liveness: the runtime only. */
function healthOf(components: Components, runtime: RuntimeState): HealthRegistry {
  const health = new HealthRegistry();
  health.register("runtime", ["liveness"], async () => runtime.liveness());
  health.register("runtime", ["readiness"], async () => runtime.readiness());
  for (const { block, name, component } of components.all) {
    health.register(`${block}.${name}`, ["readiness"], () => component.health());
  }
  return health;
}

/** `GET /actuator/info`: what this sidecar is and which components back each building block. */
function info(appId: string, version: string, components: Components): Record<string, unknown> {
  const blocks: Record<string, Record<string, { type: string }>> = {};
  for (const { block, name, type } of components.all) {
    blocks[block] ??= {};
    blocks[block][name] = { type };
  }
  return { appId, version, runtime: "layer8", buildingBlocks: blocks };
}

function describe(components: Components): string {
  if (components.all.length === 0) return "no components";
  return components.all.map((c) => `${c.block}.${c.name}=${c.type}`).join(", ");
}

function listenError(error: unknown, loaded: LoadedConfig, listener: "grpc" | "actuator"): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const { host, port } = loaded.config[listener];
  const where = loaded.source === EMBEDDED_DEFAULTS ? "a config file (--config)" : loaded.source;
  if (code === "EADDRINUSE") {
    return new ConfigError(loaded.source, [
      {
        path: `${listener}.port`,
        message: `${host}:${port} is already in use by another process`,
        fix: `stop the process using port ${port}, or set ${listener}.port to a free port (0 picks one) in ${where}`,
      },
    ]);
  }
  if (code === "EADDRNOTAVAIL" || code === "EACCES") {
    return new ConfigError(loaded.source, [
      {
        path: `${listener}.${code === "EACCES" ? "port" : "host"}`,
        message: `cannot listen on ${host}:${port} (${code})`,
        fix:
          code === "EACCES"
            ? "use a port above 1023"
            : "use an address of this machine, e.g. 127.0.0.1",
      },
    ]);
  }
  return error as Error;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
