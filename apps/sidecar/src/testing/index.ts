import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** A sidecar process started for a test. */
export interface StartedSidecar {
  /** `host:port` of its gRPC listener (`unix:/path` on a Unix domain socket). */
  address: string;
  port: number;
  /** Its process id (e.g. to read its memory from `/proc/<pid>/status`). */
  pid: number;
  /** `http://host:port` of its actuator. */
  actuatorUrl: string;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Sends SIGTERM and resolves the exit code. */
  stop(): Promise<number | null>;
}

export interface StartSidecarOptions {
  /**
   * The config, written to a temporary JSON file; `grpc.port` and `actuator.port` default to 0
   * (a free port), so that sidecars of tests running at once never collide.
   */
  config?: Record<string, unknown>;
  /** Arguments instead of `run --config <file>`. */
  args?: string[];
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** Its working directory (where relative paths in its config point). Default: this process's. */
  cwd?: string;
  /** How long to wait for it to listen. Default 15,000 ms. */
  timeoutMs?: number;
}

// Two levels below the package root from both src/testing and dist/testing: always the bundle
// the build makes, which is what `layer8` and `npm start` run.
const BIN = fileURLToPath(new URL("../../bundle/layer8.js", import.meta.url));
const LISTENING =
  /listening on (?:grpcs?:\/\/(?<host>\S+):(?<port>\d+)|unix:(?<socket>\S+)), actuator on (?<actuator>http:\/\/\S+:\d+)/;

/**
 * Starts the built `layer8` command in a child process and resolves once it listens. With no
 * config and no args it runs `layer8 run` with embedded defaults (port 34904).
 */
export async function startSidecar(options: StartSidecarOptions = {}): Promise<StartedSidecar> {
  let scratch: string | undefined;
  let args = options.args;
  if (!args) {
    args = ["run"];
    if (options.config) {
      scratch = mkdtempSync(join(tmpdir(), "layer8-sidecar-"));
      const file = join(scratch, "layer8.json");
      const config = {
        ...options.config,
        grpc: { host: "127.0.0.1", port: 0, ...(options.config.grpc as object) },
        actuator: { host: "127.0.0.1", port: 0, ...(options.config.actuator as object) },
      };
      writeFileSync(file, JSON.stringify(config, null, 2));
      args.push("--config", file);
    }
  }
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...options.env },
    ...(options.cwd ? { cwd: options.cwd } : {}),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  const cleanup = () => scratch && rmSync(scratch, { recursive: true, force: true });
  void exited.then(cleanup);

  const { groups } = await waitForListening(
    child,
    () => output,
    exited,
    options.timeoutMs ?? 15_000,
  );
  return {
    address: groups?.socket ? `unix:${groups.socket}` : `${groups?.host}:${groups?.port}`,
    port: Number(groups?.port ?? 0),
    pid: child.pid!,
    actuatorUrl: groups?.actuator as string,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

function waitForListening(
  child: ChildProcess,
  output: () => string,
  exited: Promise<number | null>,
  timeoutMs: number,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`sidecar did not listen within ${timeoutMs} ms; output:\n${output()}`));
    }, timeoutMs);
    const check = () => {
      const match = output().match(LISTENING);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off("data", check);
        resolve(match);
      }
    };
    child.stdout?.on("data", check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`sidecar exited with code ${code} before listening; output:\n${output()}`));
    });
  });
}
