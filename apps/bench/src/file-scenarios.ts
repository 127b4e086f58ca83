import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { S3_TEST_CREDENTIALS, startS3Server } from "@layer8/connections/testing";
import {
  createFileStore,
  type FileApi,
  type FileDriverDefinition,
  localFileDriver,
  s3FileDriver,
} from "@layer8/file";
import { processTreeUsage, selfUsage } from "./process-usage.js";
import type { Row } from "./report.js";
import { anySelected, type Bench, runScenario } from "./scenario.js";
import { sidecarWith } from "./sidecar-client.js";

const MiB = 1024 * 1024;
/** The size of each file put and got back: a few MiB, many chunks, several files a second. */
export const FILE_MIB = 4;
/** The chunk (and PutFile message) size of an upload. */
const CHUNK_BYTES = MiB;

/**
 * Transfers in flight at once. Not 64: a round lasts until every transfer in flight has ended,
 * and 64 files of 4 MiB (256 MiB) through the sidecar take several seconds per round here,
 * which alone would double the run's time for no new insight.
 */
export const FILE_CONCURRENCY = [1, 16] as const;

const SCENARIOS = [`PutFile ${FILE_MIB} MiB`, `GetFile ${FILE_MIB} MiB`] as const;

/**
 * PutFile and GetFile of whole 4 MiB files, directly on the driver and through the sidecar, for
 * the local driver and the S3 driver (against the S3 test server, started here: only these rows
 * use it), at `FILE_CONCURRENCY`. Throughput is also given in MiB/s.
 */
export async function fileRows(bench: Bench): Promise<Row[]> {
  const wanted = (driver: string) => anySelected(bench.settings, SCENARIOS, driver);
  if (!wanted(localFileDriver.type) && !wanted(s3FileDriver.type)) return [];
  const root = mkdtempSync(join(tmpdir(), "layer8-bench-files-"));
  const s3 = wanted(s3FileDriver.type) ? await startS3Server({ buckets: ["bench"] }) : undefined;
  const targets: [FileDriverDefinition, Record<string, unknown>][] = [[localFileDriver, { root }]];
  if (s3) {
    targets.push([
      s3FileDriver,
      {
        endpoint: s3.url,
        bucket: "bench",
        accessKeyId: S3_TEST_CREDENTIALS.accessKeyId,
        secretAccessKey: S3_TEST_CREDENTIALS.secretAccessKey,
      },
    ]);
  }
  const rows: Row[] = [];
  try {
    for (const [driver, metadata] of targets) {
      if (!wanted(driver.type)) continue;
      const direct = createFileStore({ driver, metadata });
      await direct.init();
      const { sidecar, client } = await sidecarWith("file", { type: driver.type, metadata });
      const stores = { direct, sidecar: sidecarFiles(client) };
      const usage = { direct: selfUsage, sidecar: processTreeUsage(sidecar.pid) };
      let next = 0;
      try {
        for (const path of ["direct", "sidecar"] as const) {
          await stores[path].put({ name: `bench-${path}-get.bin`, data: content(FILE_MIB * MiB) });
        }
        const operations = {
          put: (path: "direct" | "sidecar") => () =>
            // Names taken in turn: at most a few uploads of one name at once (a put is atomic).
            stores[path].put({
              name: `bench-${path}-${next++ % 128}.bin`,
              data: content(FILE_MIB * MiB),
            }),
          get: (path: "direct" | "sidecar") => async () =>
            drain(await stores[path].get({ name: `bench-${path}-get.bin` })),
        };
        for (const [scenario, operation] of [
          [SCENARIOS[0], operations.put],
          [SCENARIOS[1], operations.get],
        ] as const) {
          rows.push(
            ...(await runScenario(
              {
                scenario,
                driver: driver.type,
                fileMiB: FILE_MIB,
                concurrency: FILE_CONCURRENCY,
                paths: (["direct", "sidecar"] as const).map((path) => ({
                  path,
                  operation: operation(path),
                  usage: usage[path],
                })),
              },
              bench.settings,
            )),
          );
        }
      } finally {
        await sidecar.stop();
        await direct.close();
      }
    }
  } finally {
    await s3?.dispose();
    rmSync(root, { recursive: true, force: true });
  }
  return rows;
}

/** `bytes` of content in chunks, one buffer reused: a chunk is the caller's once the next is pulled. */
function* content(bytes: number): Iterable<Uint8Array> {
  const chunk = Buffer.alloc(CHUNK_BYTES, 7);
  for (let sent = 0; sent < bytes; sent += CHUNK_BYTES) yield chunk;
}

async function drain(chunks: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const _ of chunks) {
    // only the transfer is measured
  }
}

/** Put and get over the sidecar's gRPC, as an SDK does them; the rest of the File API unused. */
function sidecarFiles(client: Awaited<ReturnType<typeof sidecarWith>>["client"]): FileApi {
  const unused = () => Promise.reject(new Error("not measured"));
  return {
    put: async ({ name, data }) => {
      await client.putFile(
        (async function* () {
          let first = true;
          for await (const chunk of data) {
            yield first ? { storeName: "bench", name, data: chunk } : { data: chunk };
            first = false;
          }
        })(),
      );
    },
    get: async ({ name }) =>
      (async function* () {
        for await (const message of client.getFile({ storeName: "bench", name })) {
          yield message.data;
        }
      })(),
    list: unused,
    delete: unused,
    meta: unused,
  };
}
