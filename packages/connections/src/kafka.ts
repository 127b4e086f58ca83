import { Code, type Health, isLayer8Error, Layer8Error, withDeadline } from "@layer8/core";
import type { Admin, Kafka, KafkaConfig } from "kafkajs";
import { z } from "zod";
import { flag, millis } from "./flags.js";

/** A connected client: the kafkajs entry point plus the admin client kept for health checks. */
export interface KafkaClient {
  kafka: Kafka;
  admin: Admin;
}

const DEFAULT_PORT = 9092;

/** One bootstrap broker, normalised to `host:port`. */
const broker = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const match = /^([^\s:/@]+|\[[0-9a-fA-F:]+\])(?::(\d{1,5}))?$/.exec(text);
    const port = Number(match?.[2] ?? DEFAULT_PORT);
    if (!match || port < 1 || port > 65535) {
      ctx.addIssue({
        code: "custom",
        message: `'${text}' is not a broker address; write host:port, e.g. 127.0.0.1:9092`,
      });
      return z.NEVER;
    }
    return `${match[1]}:${port}`;
  });

/**
 * Kafka connection metadata, the same for every building block. `brokers` lists bootstrap
 * brokers, comma-separated (`10.0.0.1:9092,10.0.0.2:9092`) or as a list; the client learns the
 * rest of the cluster from them.
 */
export const kafkaConnectionMetadata = {
  /** Bootstrap brokers as host:port. Required. The port defaults to 9092. */
  brokers: z
    .union([z.string(), z.array(z.string())])
    .transform((value) =>
      (typeof value === "string" ? value.split(",") : value)
        .map((item) => item.trim())
        .filter((item) => item !== ""),
    )
    .pipe(z.array(broker).min(1, "list at least one broker, e.g. 127.0.0.1:9092")),
  /** The client id brokers see in their logs and quotas. Default `layer8`. */
  clientId: z.string().min(1).default("layer8"),
  /** SASL mechanism when `username` is set. Default `plain`. */
  saslMechanism: z.enum(["plain", "scram-sha-256", "scram-sha-512"]).default("plain"),
  /** User for SASL authentication. Default: none (no authentication). */
  username: z.string().min(1).optional(),
  /** Password of `username`. Default: none. */
  password: z.string().optional(),
  /** Connect with TLS (the system's CAs). Default false. */
  tls: flag.default(false),
  /** How long connecting to a broker may take. Default 5,000 ms. */
  connectTimeoutMs: millis.default(5000),
  /** How long one request may take before it fails. Default 30,000 ms (as kafkajs). */
  requestTimeoutMs: millis.default(30_000),
};

const schema = z.object(kafkaConnectionMetadata);
export type KafkaConnectionMetadata = z.output<typeof schema>;

/**
 * Turns connection metadata into kafkajs options. Pure (nothing connects), so it can be tested
 * without a broker. Throws INVALID_ARGUMENT when fields contradict each other.
 */
export function kafkaOptions(metadata: KafkaConnectionMetadata): KafkaConfig {
  if (metadata.password !== undefined && metadata.username === undefined) {
    throw new Layer8Error(
      Code.InvalidArgument,
      "kafka connection: a password is set without a username; set both or neither",
      { field: "username" },
    );
  }
  return {
    clientId: metadata.clientId,
    brokers: metadata.brokers,
    ssl: metadata.tls,
    ...(metadata.username !== undefined
      ? {
          sasl: {
            mechanism: metadata.saslMechanism,
            username: metadata.username,
            password: metadata.password ?? "",
          } as KafkaConfig["sasl"],
        }
      : {}),
    connectionTimeout: metadata.connectTimeoutMs,
    requestTimeout: metadata.requestTimeoutMs,
    // Libraries do not log: failures reach the caller as errors. (kafkajs logs to the console.)
    logLevel: 0,
    // kafkajs retries a failed request 5 times over about 10 s by default; a building block call
    // should fail within its connect time instead, and consumers keep retrying on their own.
    retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1000 },
  };
}

/** Where the client connects, without credentials: safe for messages and logs. */
export function describeKafka(options: Pick<KafkaConfig, "brokers">): string {
  return `kafka ${[options.brokers].flat().join(",")}`;
}

/**
 * Opens a client and checks that the cluster answers within `connectTimeoutMs`. kafkajs is loaded
 * on first use, so a sidecar with no Kafka component never loads it. Throws UNAVAILABLE naming
 * the brokers (never the password) when the cluster cannot be reached.
 */
export async function connectKafka(metadata: KafkaConnectionMetadata): Promise<KafkaClient> {
  const options = kafkaOptions(metadata);
  const { Kafka } = await import("kafkajs");
  const kafka = new Kafka(options);
  const admin = kafka.admin();
  try {
    await withDeadline(
      admin.connect().then(() => admin.describeCluster()),
      metadata.connectTimeoutMs,
      `connecting to ${describeKafka(options)}`,
    );
    return { kafka, admin };
  } catch (error) {
    // Not awaited: against a broker that hangs, disconnecting hangs too.
    void admin.disconnect().catch(() => undefined);
    throw new Layer8Error(
      Code.Unavailable,
      `cannot connect to ${describeKafka(options)}: ${kafkaError(error).rawMessage}`,
      { cause: error },
    );
  }
}

/** Closes the admin client; producers and consumers made from `kafka` are closed by their owners. */
export async function closeKafka(client: KafkaClient): Promise<void> {
  await client.admin.disconnect().catch(() => undefined);
}

// Protocol errors that mean the request itself is wrong, not that the cluster is unwell.
const INVALID_REQUEST = new Set([
  "INVALID_TOPIC_EXCEPTION",
  "MESSAGE_TOO_LARGE",
  "RECORD_LIST_TOO_LARGE",
  "INVALID_RECORD",
  "INVALID_REQUIRED_ACKS",
]);
const REFUSED = new Set([
  "TOPIC_AUTHORIZATION_FAILED",
  "GROUP_AUTHORIZATION_FAILED",
  "CLUSTER_AUTHORIZATION_FAILED",
  "SASL_AUTHENTICATION_FAILED",
]);

/**
 * Maps a kafkajs failure to a Layer8Error: timeouts, unreachable brokers, requests the cluster
 * rejects as invalid, refused credentials, everything else. A Layer8Error passes through.
 */
export function kafkaError(error: unknown): Layer8Error {
  if (isLayer8Error(error)) return error;
  const root = rootCause(error);
  const kind = kindOf(root);
  const type =
    typeof (root as { type?: unknown }).type === "string" ? (root as { type: string }).type : "";
  const message = messageOf(error);
  if (kind === "KafkaJSRequestTimeoutError" || type === "REQUEST_TIMED_OUT") {
    return new Layer8Error(Code.DeadlineExceeded, `kafka did not answer in time: ${message}`, {
      cause: error,
    });
  }
  if (INVALID_REQUEST.has(type)) {
    return new Layer8Error(Code.InvalidArgument, `kafka rejected the request: ${message}`, {
      cause: error,
    });
  }
  if (REFUSED.has(type) || kind === "KafkaJSSASLAuthenticationError") {
    return new Layer8Error(Code.PermissionDenied, `kafka refused the request: ${message}`, {
      cause: error,
    });
  }
  if (
    kind === "KafkaJSConnectionError" ||
    kind === "KafkaJSConnectionClosedError" ||
    kind === "KafkaJSBrokerNotFound" ||
    kind === "KafkaJSNumberOfRetriesExceeded" ||
    /ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENOTFOUND|Connection timeout/.test(message)
  ) {
    return new Layer8Error(Code.Unavailable, `kafka is unreachable: ${message}`, { cause: error });
  }
  return new Layer8Error(Code.Internal, `kafka failed: ${message}`, { cause: error });
}

/** A real check: the cluster's metadata within the connect time, with at least one broker. */
export async function kafkaHealth(client: KafkaClient, timeoutMs: number = 5000): Promise<Health> {
  const started = performance.now();
  try {
    const cluster = await withDeadline(client.admin.describeCluster(), timeoutMs, "kafka health");
    const pingMs = Math.round((performance.now() - started) * 10) / 10;
    if (cluster.brokers.length === 0) {
      return { status: "DOWN", details: { pingMs, error: "kafka reports no brokers" } };
    }
    return {
      status: "UP",
      details: { pingMs, brokers: cluster.brokers.length, controller: cluster.controller ?? -1 },
    };
  } catch (error) {
    return { status: "DOWN", details: { error: kafkaError(error).rawMessage } };
  }
}

// kafkajs wraps the failure that ended its retries (as `cause`); that one says what went wrong.
function rootCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5; depth += 1) {
    const next: unknown = (current as { cause?: unknown } | null)?.cause;
    if (!(next instanceof Error) || !next.name.startsWith("KafkaJS")) break;
    current = next;
  }
  return current;
}

// kafkajs is loaded lazily, so its error classes are recognised by name; kafka.test.ts checks the
// names against the real classes.
function kindOf(error: unknown): string {
  return error instanceof Error ? error.name : "";
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
