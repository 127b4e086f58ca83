import { Code, type Health, isLayer8Error, Layer8Error } from "@layer8/core";
import { ConsecutiveBreaker, circuitBreaker, handleWhen, retry } from "cockatiel";
import type { Etcd3, IOptions } from "etcd3";
import { z } from "zod";
import { flag, millis } from "./flags.js";

/** A client as `connectEtcd` returns it. */
export type EtcdClient = Etcd3;

const DEFAULT_PORT = 2379;

/** One endpoint, normalised to `scheme://host:port`. */
const endpoint = z
  .string()
  .trim()
  .transform((text, ctx) => {
    // Messages show what was written, minus anything that looks like credentials.
    const shown = text.replace(/[^\s/]*@/, "…@");
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: "custom", message: `'${shown}' is not a URL; write http://host:port` });
      return z.NEVER;
    }
    const bare = url.pathname === "/" || url.pathname === "";
    if (
      (url.protocol !== "http:" && url.protocol !== "https:") ||
      !bare ||
      url.search ||
      url.hash ||
      url.username ||
      url.password
    ) {
      // Credentials go in username/password: the endpoints show up in messages and logs.
      ctx.addIssue({
        code: "custom",
        message: `'${shown}' is not an etcd endpoint; write http://host:port or https://host:port, credentials in username/password`,
      });
      return z.NEVER;
    }
    return `${url.protocol}//${url.hostname}:${url.port || DEFAULT_PORT}`;
  });

/**
 * etcd connection metadata, the same for every building block. `endpoints` lists the cluster's
 * client URLs, comma-separated (`http://10.0.0.1:2379,http://10.0.0.2:2379`) or as a list;
 * `https://` endpoints, or `tls: true`, connect with TLS.
 */
export const etcdConnectionMetadata = {
  /** Client URLs of the cluster members. Required. The port defaults to 2379. */
  endpoints: z
    .union([z.string(), z.array(z.string())])
    .transform((value) =>
      (typeof value === "string" ? value.split(",") : value)
        .map((item) => item.trim())
        .filter((item) => item !== ""),
    )
    .pipe(z.array(endpoint).min(1, "list at least one endpoint, e.g. http://127.0.0.1:2379"))
    .refine(
      (urls) => new Set(urls.map((url) => url.startsWith("https:"))).size <= 1,
      "endpoints mix http:// and https://; use one scheme for all (or tls: true)",
    ),
  /** User for etcd's password authentication. Default: none (no authentication). */
  username: z.string().min(1).optional(),
  /** Password of `username`. Default: none. */
  password: z.string().optional(),
  /** Connect with TLS (the system's CAs). Default false, true for `https://` endpoints. */
  tls: flag.optional(),
  /**
   * How long connecting may take: the deadline of the check `connectEtcd` makes (etcd3 1.1.2
   * ignores its own `dialTimeout`). Default 5,000 ms.
   */
  dialTimeoutMs: millis.default(5000),
  /** How long one call may take before it fails with DEADLINE_EXCEEDED. Default 5,000 ms. */
  timeoutMs: millis.default(5000),
};

const schema = z.object(etcdConnectionMetadata);
export type EtcdConnectionMetadata = z.output<typeof schema>;

/** After this many consecutive failures an endpoint is skipped... */
const BREAKER_FAILURES = 3;
/** ...for this long, then tried again with one call. Short, so a restarted etcd is used at once. */
const BREAKER_HALF_OPEN_MS = 1000;

/**
 * Turns connection metadata into etcd3 options. Pure (nothing connects), so it can be tested
 * without a server. Throws INVALID_ARGUMENT when fields contradict each other.
 */
export function etcdOptions(metadata: EtcdConnectionMetadata): IOptions {
  const secure = metadata.endpoints.some((url) => url.startsWith("https:"));
  if (metadata.tls === false && secure) {
    throw invalid("tls", "tls is false but the endpoints are https://; drop one of them");
  }
  if (metadata.password !== undefined && metadata.username === undefined) {
    throw invalid("username", "a password is set without a username; set both or neither");
  }
  // etcd3 picks TLS by scheme, per endpoint.
  const hosts = metadata.tls
    ? metadata.endpoints.map((url) => url.replace(/^http:/, "https:"))
    : metadata.endpoints;
  const { timeoutMs } = metadata;
  return {
    hosts,
    ...(metadata.username !== undefined
      ? { auth: { username: metadata.username, password: metadata.password ?? "" } }
      : {}),
    // Streams (watches) live for long; every other call gets the per-call deadline.
    defaultCallOptions: (context) => (context.isStream ? {} : { deadline: Date.now() + timeoutMs }),
    grpcOptions: {
      // A bulk read of large values can exceed gRPC's 4 MiB default; etcd caps requests itself.
      "grpc.max_receive_message_length": -1,
    },
    // etcd3's defaults retry each call 3 times and then shut an endpoint out for 5 s, so calls
    // stay failing for seconds after etcd is back. Instead: an UNAVAILABLE call moves on to the
    // next endpoint (each tried at most once per call; with one endpoint it fails at once), and
    // an endpoint failing 3 calls in a row is skipped for 1 s. Deadlines are not retried: the
    // call's time is spent, and a write may have been applied.
    faultHandling: {
      global: retry(handleWhen(isUnavailable), { maxAttempts: hosts.length - 1 }),
      host: () =>
        circuitBreaker(handleWhen(isUnavailableOrLate), {
          halfOpenAfter: BREAKER_HALF_OPEN_MS,
          breaker: new ConsecutiveBreaker(BREAKER_FAILURES),
        }),
    },
  };
}

/** Where the client connects, without credentials: safe for messages and logs. */
export function describeEtcd(options: Pick<IOptions, "hosts">): string {
  return `etcd ${[options.hosts].flat().join(",")}`;
}

/**
 * Opens a client and checks that etcd answers within `dialTimeoutMs`. etcd3 (and gRPC) are
 * loaded on first use, so a sidecar with no etcd component never loads them. Throws
 * UNAVAILABLE naming the endpoints (never the password) when etcd cannot be reached.
 */
export async function connectEtcd(metadata: EtcdConnectionMetadata): Promise<EtcdClient> {
  const options = etcdOptions(metadata);
  const { Etcd3 } = await import("etcd3");
  const client = new Etcd3(options);
  try {
    // Status needs no key permissions, and with auth it also proves the credentials.
    await client.maintenance.status({ deadline: Date.now() + metadata.dialTimeoutMs });
    return client;
  } catch (error) {
    client.close();
    throw new Layer8Error(
      Code.Unavailable,
      `cannot connect to ${describeEtcd(options)}: ${etcdError(error).rawMessage}`,
      { cause: error },
    );
  }
}

/**
 * Maps an etcd3 failure to a Layer8Error: deadlines, unreachable or refusing servers, requests
 * over etcd's limits, everything else. A Layer8Error passes through unchanged.
 */
export function etcdError(error: unknown): Layer8Error {
  if (isLayer8Error(error)) return error;
  const message = messageOf(error);
  if (kindOf(error) === "GRPCDeadlineExceededError" || /DEADLINE_EXCEEDED/.test(message)) {
    return new Layer8Error(Code.DeadlineExceeded, `etcd did not answer in time: ${message}`, {
      cause: error,
    });
  }
  if (isUnavailable(error)) {
    return new Layer8Error(Code.Unavailable, `etcd is unreachable: ${message}`, { cause: error });
  }
  if (isBrokenCircuit(error)) {
    return new Layer8Error(
      Code.Unavailable,
      `etcd is unreachable: every endpoint failed its last ${BREAKER_FAILURES} calls, so calls fail at once; one call is let through every ${BREAKER_HALF_OPEN_MS} ms to try again`,
      { cause: error },
    );
  }
  if (
    [
      "EtcdAuthenticationFailedError",
      "EtcdPermissionDeniedError",
      "GRPCUnauthenticatedError",
    ].includes(kindOf(error))
  ) {
    return new Layer8Error(Code.Unavailable, `etcd refused the credentials: ${message}`, {
      cause: error,
    });
  }
  if (/too many operations in txn request|request is too large/.test(message)) {
    return new Layer8Error(
      Code.InvalidArgument,
      `the request is over etcd's limits (--max-txn-ops, --max-request-bytes): ${message}`,
      { cause: error },
    );
  }
  if (kindOf(error) === "ClientClosedError") {
    return new Layer8Error(Code.Unavailable, `the etcd client is closed: ${message}`, {
      cause: error,
    });
  }
  return new Layer8Error(Code.Internal, `etcd failed: ${message}`, { cause: error });
}

/** A real check: etcd's status call within the call deadline, and a cluster with a leader. */
export async function etcdHealth(client: EtcdClient): Promise<Health> {
  const started = performance.now();
  try {
    const status = await client.maintenance.status();
    const pingMs = Math.round((performance.now() - started) * 10) / 10;
    if (status.leader === "0") {
      return { status: "DOWN", details: { pingMs, error: "etcd has no leader (quorum lost)" } };
    }
    if (status.errors.length > 0) {
      return { status: "DOWN", details: { pingMs, error: `etcd: ${status.errors.join("; ")}` } };
    }
    return { status: "UP", details: { pingMs, version: status.version } };
  } catch (error) {
    return { status: "DOWN", details: { error: etcdError(error).rawMessage } };
  }
}

// etcd3 is loaded lazily, so its error classes are recognised by name; etcd.test.ts checks the
// names against the real classes.
function kindOf(error: unknown): string {
  return error instanceof Error ? error.constructor.name : "";
}

function isUnavailable(error: unknown): boolean {
  return (
    kindOf(error) === "GRPCUnavailableError" ||
    /\bUNAVAILABLE\b|ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENOTFOUND|No connection established/.test(
      messageOf(error),
    )
  );
}

function isUnavailableOrLate(error: unknown): boolean {
  return isUnavailable(error) || kindOf(error) === "GRPCDeadlineExceededError";
}

function isBrokenCircuit(error: unknown): boolean {
  return error instanceof Error && "isBrokenCircuitError" in error;
}

function invalid(field: string, message: string): Layer8Error {
  return new Layer8Error(Code.InvalidArgument, `etcd connection: ${message}`, { field });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
