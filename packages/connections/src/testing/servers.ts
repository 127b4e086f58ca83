import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** A backing server started by a test, on loopback, with a throwaway data dir. */
export interface TestServer {
  /** `redis://127.0.0.1:P` or `http://127.0.0.1:P`. */
  url: string;
  port: number;
  /** Kills the process without warning (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data dir. */
  restart(): Promise<void>;
  /** Stops it and removes its data dir. */
  dispose(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function waitForPort(
  port: number,
  what: string,
  child: ChildProcess,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${what} exited with code ${child.exitCode} while starting`);
    if (await accepts(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} did not listen on ${port} within ${timeoutMs} ms`);
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once("exit", () => resolve()));
}

/** Runs one server process: waits until it serves, and kills, restarts and disposes of it. */
export async function managed(
  what: string,
  port: number,
  dir: string,
  launch: () => ChildProcess,
  extraWait?: () => Promise<void>,
): Promise<TestServer> {
  let child = launch();
  const start = async () => {
    await waitForPort(port, what, child);
    await extraWait?.();
  };
  await start();
  return {
    url: "",
    port,
    kill: async () => {
      child.kill("SIGKILL");
      await exited(child);
    },
    restart: async () => {
      child = launch();
      await start();
    },
    dispose: async () => {
      child.kill("SIGKILL");
      await exited(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts a Redis server of the test's own (`binary`: e.g. `process.env.LAYER8_REDIS_SERVER`).
 * With `durable`, every acknowledged write is fsynced to the append-only file first, so a
 * SIGKILL loses nothing that was acknowledged.
 */
export async function startRedisServer(options: {
  binary: string;
  durable?: boolean;
}): Promise<TestServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "layer8-redis-"));
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", ""];
  args.push(
    ...(options.durable
      ? ["--appendonly", "yes", "--appendfsync", "always"]
      : ["--appendonly", "no"]),
  );
  const server = await managed("redis-server", port, dir, () =>
    spawn(options.binary, args, { stdio: "ignore" }),
  );
  return { ...server, url: `redis://127.0.0.1:${port}` };
}

/** Starts an etcd server of the test's own (`binary`: e.g. `process.env.LAYER8_ETCD_SERVER`). */
export async function startEtcdServer(options: { binary: string }): Promise<TestServer> {
  const port = await freePort();
  const peerPort = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "layer8-etcd-"));
  const client = `http://127.0.0.1:${port}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  const args = [
    ["--name", "layer8-test"],
    ["--data-dir", join(dir, "data")],
    ["--listen-client-urls", client],
    ["--advertise-client-urls", client],
    ["--listen-peer-urls", peer],
    ["--initial-advertise-peer-urls", peer],
    ["--initial-cluster", `layer8-test=${peer}`],
  ].flat();
  const healthy = async () => {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const ok = await fetch(`${client}/health`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error("etcd did not become healthy within 10 s");
  };
  const server = await managed(
    "etcd",
    port,
    dir,
    () => spawn(options.binary, args, { stdio: "ignore" }),
    healthy,
  );
  return { ...server, url: client };
}

/** The keys the S3 test server accepts (s3rver's fixed pair). */
export const S3_TEST_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;

// Two levels below the package root from both src/testing and dist/testing.
const S3_TEST_SERVER = fileURLToPath(new URL("../../bin/s3-test-server.js", import.meta.url));

/**
 * Starts an S3-protocol server of the test's own over HTTP: s3rver (an npm devDependency of this
 * package, an optional peer dependency for others) with the multipart abort and upload listing it
 * lacks, keeping objects in a throwaway directory; see `bin/s3-test-server.js`. `buckets` are
 * created at start. Clients use `S3_TEST_CREDENTIALS`, path-style addressing and checksums only
 * when required (s3rver stores aws-chunked framing inside the object otherwise).
 */
export async function startS3Server(options: { buckets?: string[] } = {}): Promise<TestServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "layer8-s3-"));
  const args = [
    // s3rver's list continuation tokens use DES, which OpenSSL 3 keeps in its legacy provider.
    "--openssl-legacy-provider",
    S3_TEST_SERVER,
    ["--port", String(port)],
    ["--directory", dir],
    ...(options.buckets ?? []).map((bucket) => ["--bucket", bucket]),
  ].flat();
  const server = await managed("s3 test server", port, dir, () =>
    spawn(process.execPath, args, { stdio: "ignore" }),
  );
  return { ...server, url: `http://127.0.0.1:${port}` };
}
