import { Code, type Health, Layer8Error } from "@layer8/core";
import type { Redis, RedisOptions } from "ioredis";
import { z } from "zod";
import { flag, millis } from "./flags.js";

/**
 * Redis connection metadata, the same for every building block. Either `url`
 * (`redis://[[user]:password@]host:port[/db]`, `rediss://` for TLS) or the separate fields;
 * separate fields given alongside a url override its parts.
 */
export const redisConnectionMetadata = {
  url: z
    .string()
    .regex(/^rediss?:\/\//, "write it as redis://host:port or rediss://host:port")
    .optional(),
  /** Default `127.0.0.1` when there is no url. */
  host: z.string().min(1).optional(),
  /** Default 6379 when there is no url. */
  port: z.coerce.number().int().min(1).max(65535).optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  db: z.coerce.number().int().min(0).optional(),
  /** Connect with TLS. Default false (true for `rediss://`). */
  tls: flag.optional(),
  /** How long a connection attempt may take. Default 5,000 ms. */
  connectTimeoutMs: millis.default(5000),
  /** How long one command may take before it fails with DEADLINE_EXCEEDED. Default 5,000 ms. */
  timeoutMs: millis.default(5000),
};

const schema = z.object(redisConnectionMetadata);
export type RedisConnectionMetadata = z.output<typeof schema>;

/** Turns connection metadata into ioredis options. Pure, so it can be tested without a server. */
export function redisOptions(metadata: RedisConnectionMetadata): RedisOptions {
  const url = metadata.url ? new URL(metadata.url) : undefined;
  const fromUrl: RedisOptions = url
    ? {
        host: url.hostname || "127.0.0.1",
        port: url.port ? Number(url.port) : 6379,
        ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
        ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
        ...(url.pathname.length > 1 ? { db: Number(url.pathname.slice(1)) } : {}),
      }
    : { host: "127.0.0.1", port: 6379 };
  const tls = metadata.tls ?? url?.protocol === "rediss:";
  return {
    ...fromUrl,
    ...(metadata.host !== undefined ? { host: metadata.host } : {}),
    ...(metadata.port !== undefined ? { port: metadata.port } : {}),
    ...(metadata.username !== undefined ? { username: metadata.username } : {}),
    ...(metadata.password !== undefined ? { password: metadata.password } : {}),
    ...(metadata.db !== undefined ? { db: metadata.db } : {}),
    ...(tls ? { tls: {} } : {}),
    connectTimeout: metadata.connectTimeoutMs,
    commandTimeout: metadata.timeoutMs,
    lazyConnect: true,
    // While the server is away, fail calls at once (UNAVAILABLE) instead of queueing them;
    // reconnection keeps going in the background, so calls succeed again when it is back.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2000),
  };
}

/** Where the client connects, without credentials: safe for messages and logs. */
export function describeRedis(options: RedisOptions): string {
  return `redis ${options.host}:${options.port}${options.db ? `/${options.db}` : ""}`;
}

/**
 * Opens a client and waits until it is connected. ioredis is loaded on first use, so a sidecar
 * with no Redis component never loads it. Throws UNAVAILABLE naming the server (never the
 * password) when it cannot connect.
 */
export async function connectRedis(metadata: RedisConnectionMetadata): Promise<Redis> {
  const { Redis } = await import("ioredis");
  const options = redisOptions(metadata);
  const client = new Redis(options);
  // Errors surface through the calls that fail; without a listener ioredis would print them.
  client.on("error", () => undefined);
  try {
    await client.connect();
    return client;
  } catch (error) {
    client.disconnect();
    throw new Layer8Error(
      Code.Unavailable,
      `cannot connect to ${describeRedis(options)}: ${messageOf(error)}`,
      {
        cause: error,
      },
    );
  }
}

/**
 * Closes a client without ever hanging: QUIT lets replies in flight arrive (with the server
 * gone it fails at once, the offline queue being off; with the server hung it fails after
 * timeoutMs), then disconnect stops the background reconnection.
 */
export async function closeRedis(client: Redis): Promise<void> {
  await client.quit().catch(() => undefined);
  client.disconnect();
}

/** Maps an ioredis failure to a Layer8Error: timeouts, lost connections, everything else. */
export function redisError(error: unknown): Layer8Error {
  if (error instanceof Layer8Error) return error;
  const message = messageOf(error);
  if (/Command timed out/i.test(message)) {
    return new Layer8Error(Code.DeadlineExceeded, `redis did not answer in time: ${message}`, {
      cause: error,
    });
  }
  if (
    /ECONNREFUSED|ECONNRESET|EPIPE|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|isn't writeable|Connection is closed|MaxRetriesPerRequest|LOADING/i.test(
      message,
    )
  ) {
    return new Layer8Error(Code.Unavailable, `redis is unreachable: ${message}`, { cause: error });
  }
  if (/NOAUTH|WRONGPASS|NOPERM/i.test(message)) {
    return new Layer8Error(Code.Unavailable, `redis refused the credentials: ${message}`, {
      cause: error,
    });
  }
  return new Layer8Error(Code.Internal, `redis failed: ${message}`, { cause: error });
}

/** A real check: PING within the command timeout. */
export async function redisHealth(client: Redis): Promise<Health> {
  const started = performance.now();
  try {
    await client.ping();
    return {
      status: "UP",
      details: { pingMs: Math.round((performance.now() - started) * 10) / 10 },
    };
  } catch (error) {
    return { status: "DOWN", details: { error: redisError(error).rawMessage } };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
