import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import {
  startEtcdServer,
  startKafkaServer,
  startRedisServer,
  type TestServer,
} from "@layer8/connections/testing";

export type BackendKind = "redis" | "etcd" | "kafka";

/** The Redis, etcd and Kafka servers the bench starts for itself, each on first use. */
export interface Backends {
  /** The running server of that kind; undefined (said once, with the reason) when unavailable. */
  get(kind: BackendKind): Promise<TestServer | undefined>;
  /**
   * The component metadata that reaches that server (`url`, `endpoints` or `brokers`, as the
   * drivers name it), or undefined when it is unavailable.
   */
  connection(kind: BackendKind): Promise<Record<string, string> | undefined>;
  /** Stops every server started. */
  dispose(): Promise<void>;
}

function binary(variable: string, name: string): string | undefined {
  if (process.env[variable]) return process.env[variable];
  try {
    return (
      execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim() || undefined
    );
  } catch {
    return undefined;
  }
}

/**
 * Kafka's jars: `LAYER8_KAFKA_LIBS`, else the cache `npm test` fills from Maven Central
 * (scripts/services.sh), so that `pnpm bench` from a fresh shell finds them too.
 */
function kafkaLibs(): string | undefined {
  if (process.env.LAYER8_KAFKA_LIBS) return process.env.LAYER8_KAFKA_LIBS;
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  const libs = join(cache, "layer8", "kafka-3.9.1");
  return existsSync(join(libs, ".complete")) ? libs : undefined;
}

const STARTERS: Record<BackendKind, () => Promise<TestServer> | string> = {
  redis: () => {
    const redis = binary("LAYER8_REDIS_SERVER", "redis-server");
    return redis
      ? startRedisServer({ binary: redis })
      : "redis-server is not installed (npm test installs it)";
  },
  etcd: () => {
    const etcd = binary("LAYER8_ETCD_SERVER", "etcd");
    return etcd
      ? startEtcdServer({ binary: etcd })
      : "etcd is not installed (npm test installs it)";
  },
  kafka: () => {
    const libs = kafkaLibs();
    return libs
      ? startKafkaServer({ libs })
      : "Kafka's jars are not fetched (npm test fetches them) and LAYER8_KAFKA_LIBS is not set";
  },
};

/** The metadata field each driver of that backend reads its address from. */
const ADDRESS_FIELD: Record<BackendKind, string> = {
  redis: "url",
  etcd: "endpoints",
  kafka: "brokers",
};

export function lazyBackends(): Backends {
  const started = new Map<BackendKind, Promise<TestServer | undefined>>();
  const backends: Backends = {
    get: (kind) => {
      let server = started.get(kind);
      if (!server) {
        const starting = STARTERS[kind]();
        if (typeof starting === "string") {
          console.log(`${kind} rows skipped: ${starting}`);
          server = Promise.resolve(undefined);
        } else {
          console.log(`starting a ${kind} server for the ${kind} rows`);
          server = starting;
        }
        started.set(kind, server);
      }
      return server;
    },
    connection: async (kind) => {
      const server = await backends.get(kind);
      return server && { [ADDRESS_FIELD[kind]]: server.url };
    },
    dispose: async () => {
      for (const server of started.values()) {
        await (await server.catch(() => undefined))?.dispose();
      }
    },
  };
  return backends;
}
