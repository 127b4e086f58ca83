import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { Runtime } from "@layer8/proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StartedSidecar, startSidecar } from "../src/testing/index.js";

const MiB = 1024 * 1024;
const FILE_BYTES = 1024 * MiB;
/** SEMANTICS: memory stays bounded for any file size. The budget for a 1 GiB round trip. */
const GROWTH_LIMIT_BYTES = 64 * MiB;

/** VmRSS (now) and VmHWM (peak) of a process, in bytes, from /proc. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (field: string) =>
    Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"))?.[1]);
  return { rss: kib("VmRSS") * 1024, peak: kib("VmHWM") * 1024 };
}

/** Resets VmHWM to the current RSS (Linux's clear_refs "5"); false where that is not allowed. */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

/**
 * `total` bytes in chunks of `chunkBytes`, made on the fly and hashed as they go: the test never
 * holds the file either. Each chunk is a random block with its index written in, so no two
 * chunks are alike and a reordered or repeated chunk changes the hash.
 */
function generated(total: number, chunkBytes: number) {
  const block = randomBytes(chunkBytes);
  const hash = createHash("sha256");
  async function* chunks() {
    for (let index = 0; index * chunkBytes < total; index++) {
      const chunk = Buffer.allocUnsafe(Math.min(chunkBytes, total - index * chunkBytes));
      block.copy(chunk, 0, 0, chunk.byteLength);
      chunk.writeUInt32BE(index, 0);
      hash.update(chunk);
      yield chunk;
    }
  }
  return { chunks, digest: () => hash.digest("hex") };
}

const procReadable = existsSync("/proc/self/status");

describe.skipIf(!procReadable)(
  `a 1 GiB file through the sidecar keeps its memory bounded${procReadable ? "" : " (skipped: no /proc to read a process's memory from)"}`,
  () => {
    let root: string;
    let sidecar: StartedSidecar;
    let client: ReturnType<typeof createClient<typeof Runtime>>;

    beforeAll(async () => {
      root = mkdtempSync(join(tmpdir(), "layer8-gib-"));
      sidecar = await startSidecar({
        config: { components: { file: { disk: { type: "local", metadata: { root } } } } },
      });
      client = createClient(Runtime, createGrpcTransport({ baseUrl: `http://${sidecar.address}` }));
    });
    afterAll(async () => {
      await sidecar?.stop();
      rmSync(root, { recursive: true, force: true });
    });

    const put = (name: string, total: number) => {
      const content = generated(total, MiB);
      return client
        .putFile(
          (async function* () {
            let first = true;
            for await (const data of content.chunks()) {
              yield first ? { storeName: "disk", name, data } : { data };
              first = false;
            }
          })(),
        )
        .then(() => content.digest());
    };

    const get = async (name: string) => {
      const hash = createHash("sha256");
      let bytes = 0;
      for await (const message of client.getFile({ storeName: "disk", name })) {
        hash.update(message.data);
        bytes += message.data.byteLength;
      }
      return { bytes, digest: hash.digest("hex") };
    };

    it("puts and gets 1 GiB byte-identical while its RSS grows by less than 64 MiB", async () => {
      // Warm up (code loaded, JIT, buffers of a first transfer), then measure from here.
      await put("warm-up", 32 * MiB);
      await get("warm-up");
      await new Promise((resolve) => setTimeout(resolve, 500));
      const baseline = memoryOf(sidecar.pid).rss;
      const peakWasReset = resetPeak(sidecar.pid);
      let sampledPeak = baseline;
      const sampler = setInterval(() => {
        sampledPeak = Math.max(sampledPeak, memoryOf(sidecar.pid).rss);
      }, 20);

      const started = performance.now();
      const sent = await put("one-gib.bin", FILE_BYTES);
      const putSeconds = (performance.now() - started) / 1000;
      const received = await get("one-gib.bin");
      const totalSeconds = (performance.now() - started) / 1000;
      clearInterval(sampler);

      const { peak } = memoryOf(sidecar.pid);
      const highest = peakWasReset ? Math.max(peak, sampledPeak) : sampledPeak;
      const growth = highest - baseline;
      console.info(
        `1 GiB through the sidecar: put ${putSeconds.toFixed(1)} s, get ${(totalSeconds - putSeconds).toFixed(1)} s; ` +
          `RSS ${(baseline / MiB).toFixed(0)} MiB before, peak ${(highest / MiB).toFixed(0)} MiB ` +
          `(${peakWasReset ? "VmHWM after a reset, and sampled VmRSS" : "sampled VmRSS every 20 ms"}): ` +
          `grew ${(growth / MiB).toFixed(1)} MiB`,
      );
      expect(received.bytes).toBe(FILE_BYTES);
      expect(received.digest).toBe(sent);
      expect(growth).toBeLessThan(GROWTH_LIMIT_BYTES);
    }, 300_000);
  },
);
