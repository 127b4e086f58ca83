import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { type StartedSidecar, startSidecar } from "@layer8/sidecar/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const MAIN = fileURLToPath(new URL("../main.mjs", import.meta.url));

/** Runs the example exactly as its README says, `node main.mjs`, pointed at `address`. */
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

describe("the state quickstart", () => {
  let sidecar: StartedSidecar;

  beforeAll(async () => {
    // What `npm start` gives: one memory store named `default`; only the port is a free one.
    sidecar = await startSidecar({
      config: { appId: "state-quickstart", components: { state: { default: { type: "memory" } } } },
    });
  });
  afterAll(async () => {
    await sidecar?.stop();
  });

  it("saves, reads with an etag, has a stale write refused and runs a transaction", async () => {
    const { code, stdout, stderr } = await runExample(sidecar.address);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    const [connected, saved, read, updated, refused, after, ...items] = lines;
    expect(connected).toBe(
      `connected to the sidecar at ${sidecar.address}: greetings, state-quickstart`,
    );
    expect(saved).toBe("saved order-1");
    const etag = read?.match(/^read order-1: \{"status":"new","total":42\} \(etag (\S+)\)$/)?.[1];
    expect(etag, read).toBeDefined();
    expect(updated).toMatch(
      new RegExp(
        `^updated order-1 with etag ${etag}: now status paid \\(etag (?!${etag}\\))\\S+\\)$`,
      ),
    );
    expect(refused).toMatch(new RegExp(`^stale etag ${etag} refused with ABORTED: .*order-1`));
    expect(after).toBe("after the transaction:");
    expect(items).toEqual([
      "  order-1 = null",
      '  archive-order-1 = {"status":"paid","total":42}',
      '  order-2 = {"status":"new","total":7}',
    ]);
  });

  it("runs again against the same sidecar: nothing depends on an empty store", async () => {
    const { code, stdout } = await runExample(sidecar.address);
    expect(code).toBe(0);
    expect(stdout).toContain("refused with ABORTED");
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
