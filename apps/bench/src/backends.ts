import { execFileSync } from "node:child_process";
import {
  startEtcdServer,
  startKafkaServer,
  startRedisServer,
  type TestServer,
} from "@layer8/connections/testing";

/** The Redis, etcd and Kafka servers the bench starts for itself; absent when not installed. */
export interface Backends {
  redis?: TestServer;
  etcd?: TestServer;
  kafka?: TestServer;
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

export async function startBackends(): Promise<Backends> {
  const redisBinary = binary("LAYER8_REDIS_SERVER", "redis-server");
  const etcdBinary = binary("LAYER8_ETCD_SERVER", "etcd");
  if (!redisBinary)
    console.log("redis rows skipped: redis-server is not installed (npm test installs it)");
  if (!etcdBinary) console.log("etcd rows skipped: etcd is not installed (npm test installs it)");
  // Kafka's jars, which `npm test` fetches from Maven Central (scripts/kafka).
  const kafkaLibs = process.env.LAYER8_KAFKA_LIBS;
  if (!kafkaLibs) console.log("kafka rows skipped: LAYER8_KAFKA_LIBS is not set");
  const redis = redisBinary ? await startRedisServer({ binary: redisBinary }) : undefined;
  const etcd = etcdBinary ? await startEtcdServer({ binary: etcdBinary }) : undefined;
  const kafka = kafkaLibs ? await startKafkaServer({ libs: kafkaLibs }) : undefined;
  return {
    ...(redis ? { redis } : {}),
    ...(etcd ? { etcd } : {}),
    ...(kafka ? { kafka } : {}),
    dispose: async () => {
      await redis?.dispose();
      await etcd?.dispose();
      await kafka?.dispose();
    },
  };
}
