import { closeAll, initAll } from "@layer8/core";
import { Runtime } from "@layer8/proto";
import { BLOCK_MODULES } from "./blocks/index.js";
import { createDriverRegistry, EMBEDDED_COMPONENTS } from "./building-blocks.js";
import { buildComponents, type Components } from "./components.js";
import { ConfigError } from "./config/config-error.js";
import { EMBEDDED_DEFAULTS, type LoadedConfig, loadConfig } from "./config/load-config.js";
import type { Logger } from "./logger.js";
import { type GrpcServer, startGrpcServer } from "./server/grpc-server.js";
import { runtimeService } from "./server/runtime-service.js";

export interface SidecarOptions {
  /** A YAML or JSON config file; without it, embedded defaults. */
  configFile?: string;
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
}

export interface RunningSidecar {
  readonly config: LoadedConfig;
  readonly grpc: GrpcServer;
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
  const components = buildComponents(config, source, createDriverRegistry());
  await initAll(components.all);

  let grpc: GrpcServer;
  try {
    grpc = await startGrpcServer({
      host: config.grpc.host,
      port: config.grpc.port,
      routes: (router) =>
        router.service(Runtime, runtimeService(BLOCK_MODULES, components.byBlock)),
    });
  } catch (error) {
    await closeAll(components.all).catch(() => undefined);
    throw listenError(error, loaded);
  }
  options.logger.info(
    `layer8 sidecar for app '${config.appId}' listening on grpc://${grpc.host}:${grpc.port} (config: ${source}; ${describe(components)})`,
  );

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await grpc.close(config.shutdown.drainTimeoutMs);
      await closeAll(components.all);
    })();
    return stopping;
  };
  return { config: loaded, grpc, stop };
}

function describe(components: Components): string {
  if (components.all.length === 0) return "no components";
  return components.all.map((c) => `${c.block}.${c.name}=${c.type}`).join(", ");
}

function listenError(error: unknown, loaded: LoadedConfig): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const { host, port } = loaded.config.grpc;
  const where = loaded.source === EMBEDDED_DEFAULTS ? "a config file (--config)" : loaded.source;
  if (code === "EADDRINUSE") {
    return new ConfigError(loaded.source, [
      {
        path: "grpc.port",
        message: `${host}:${port} is already in use by another process`,
        fix: `stop the process using port ${port}, or set grpc.port to a free port (0 picks one) in ${where}`,
      },
    ]);
  }
  if (code === "EADDRNOTAVAIL" || code === "EACCES") {
    return new ConfigError(loaded.source, [
      {
        path: code === "EACCES" ? "grpc.port" : "grpc.host",
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
