import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type StartedSidecar, startSidecar } from "@layer8/sidecar/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const MAIN = join(root, "dist/main.js");

/** Runs the example as `pnpm start` does (after its tsc build), pointed at `address`. */
function runExample(
  address: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, LAYER8_ADDRESS: address },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("the TypeScript quickstart", () => {
  let sidecar: StartedSidecar;
  const cwd = mkdtempSync(join(tmpdir(), "layer8-ts-quickstart-"));

  beforeAll(async () => {
    // The program as `pnpm start` builds it.
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { cwd: root });
    // What `npm start` gives: a component named `default` per block, files and configuration
    // below the sidecar's working directory; only the port is a free one.
    sidecar = await startSidecar({
      cwd,
      config: {
        appId: "ts-quickstart",
        components: {
          state: { default: { type: "memory" } },
          lock: { default: { type: "memory" } },
          sequencer: { default: { type: "memory" } },
          config: { default: { type: "file", metadata: { path: ".layer8/configuration.yaml" } } },
          file: { default: { type: "local", metadata: { root: ".layer8/files" } } },
          pubsub: { default: { type: "memory" } },
        },
      },
    });
  });
  afterAll(async () => {
    await sidecar?.stop();
    rmSync(cwd, { recursive: true, force: true });
  });

  it("uses every building block and prints what each answered", async () => {
    const { code, stdout, stderr } = await runExample(sidecar.address);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout.trimEnd().split("\n")).toEqual([
      `connected to the sidecar at ${sidecar.address}: greetings, ts-quickstart`,
      'state: cart-1 = {"items":2}',
      "lock: worker-a got it: true, worker-b got it: false, unlock: SUCCESS",
      "sequencer: bigint ids 1 then 2",
      "configuration: theme = dark",
      'file: "hello from layer8\\n" (18 bytes), listed quickstart/hello.txt, then deleted',
      'pubsub: received "order placed" on orders',
    ]);
  });

  it("runs again against the same sidecar: the ids go on, everything else is the same", async () => {
    const { code, stdout } = await runExample(sidecar.address);
    expect(code).toBe(0);
    expect(stdout).toContain("sequencer: bigint ids 3 then 4");
    expect(stdout).toContain('pubsub: received "order placed" on orders');
  });

  it("exits 1 and says how to start a sidecar when none answers", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const { code, stdout, stderr } = await runExample(`127.0.0.1:${port}`);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain(`no sidecar answers at 127.0.0.1:${port}`);
    expect(stderr).toContain("npm start");
  });
});
