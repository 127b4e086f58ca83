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
import type { ThroughputRow } from "./report.js";
import { sidecarWith } from "./sidecar-client.js";
import { timing } from "./timing.js";

const MiB = 1024 * 1024;
/** The size of each file put and got back. */
export const FILE_MIB = 64;
/** The chunk (and PutFile message) size of an upload. */
const CHUNK_BYTES = MiB;

/**
 * PutFile then GetFile of 64 MiB files, one at a time, directly on the driver and through the
 * sidecar, for the local driver and the S3 driver (against the S3 test server, started here: only
 * these rows use it). Each row repeats whole files for at least the measured time.
 */
export async function fileRows(): Promise<ThroughputRow[]> {
  const root = mkdtempSync(join(tmpdir(), "layer8-bench-files-"));
  const s3 = await startS3Server({ buckets: ["bench"] });
  const targets: [FileDriverDefinition, Record<string, unknown>][] = [
    [localFileDriver, { root }],
    [
      s3FileDriver,
      {
        endpoint: s3.url,
        bucket: "bench",
        accessKeyId: S3_TEST_CREDENTIALS.accessKeyId,
        secretAccessKey: S3_TEST_CREDENTIALS.secretAccessKey,
      },
    ],
  ];
  const rows: ThroughputRow[] = [];
  try {
    for (const [driver, metadata] of targets) {
      const direct = createFileStore({ driver, metadata });
      await direct.init();
      const { sidecar, client } = await sidecarWith("file", { type: driver.type, metadata });
      const stores: Record<ThroughputRow["path"], FileApi> = {
        direct,
        sidecar: sidecarFiles(client),
      };
      try {
        for (const path of ["direct", "sidecar"] as const) {
          const store = stores[path];
          const name = `bench-${path}.bin`;
          // Warm-up: one file each way.
          await store.put({ name, data: content(FILE_MIB * MiB) });
          await drain(await store.get({ name }));
          rows.push({
            scenario: `PutFile ${FILE_MIB} MiB`,
            driver: driver.type,
            path,
            ...(await throughput(() => store.put({ name, data: content(FILE_MIB * MiB) }))),
          });
          rows.push({
            scenario: `GetFile ${FILE_MIB} MiB`,
            driver: driver.type,
            path,
            ...(await throughput(async () => drain(await store.get({ name })))),
          });
        }
      } finally {
        await sidecar.stop();
        await direct.close();
      }
    }
  } finally {
    await s3.dispose();
    rmSync(root, { recursive: true, force: true });
  }
  return rows;
}

/** Moves whole files until the measured time has passed; MiB/s over all of them. */
async function throughput(transfer: () => Promise<unknown>) {
  const started = performance.now();
  let files = 0;
  do {
    await transfer();
    files += 1;
  } while (performance.now() - started < timing.durationMs);
  const seconds = (performance.now() - started) / 1000;
  return { files, mibPerSec: (files * FILE_MIB) / seconds };
}

/** `bytes` of content in 1 MiB chunks, one buffer reused: a chunk is the caller's once the next is pulled. */
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
