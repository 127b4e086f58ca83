import { setImmediate as nextTurn, setTimeout as sleep } from "node:timers/promises";
import { ConnectError, type ServiceImpl } from "@connectrpc/connect";
import { Code, Layer8Error } from "@layer8/core";
import type { FileApi } from "@layer8/file";
import type { PutFileRequest, Runtime } from "@layer8/proto";
import { CLIENT_RESET } from "./client-reset.js";
import { lookupStore } from "./lookup-store.js";

type FileRpcs = Pick<
  ServiceImpl<typeof Runtime>,
  "putFile" | "getFile" | "listFile" | "delFile" | "getFileMeta"
>;

/**
 * The most bytes of file content in one GetFile message: a store's chunks are split to this size.
 * Well below the 4 MiB that gRPC clients accept by default (grpc-go, grpc-java, grpc-js), large
 * enough that per-message costs stay small.
 */
export const GET_FILE_MESSAGE_BYTES = 1024 * 1024;

/**
 * The File rpcs of the Layotto API, translated to the File API of the named store. Content is
 * streamed both ways, a message at a time: PutFile reads the client's next message only when the
 * store has taken the previous one (HTTP/2 flow control then holds the client back), and GetFile
 * sends the next chunk only when the previous one is written. A client that goes away mid-upload
 * fails the put, and the store removes what it had written.
 */
export function fileService(stores: ReadonlyMap<string, FileApi>): FileRpcs {
  const store = (name: string) => lookupStore(stores, "file store", name);
  return {
    async putFile(requests, context) {
      const messages = requests[Symbol.asyncIterator]();
      const first = await messages.next().catch(fromWire);
      if (first.done) {
        throw new Layer8Error(
          Code.InvalidArgument,
          "PutFile needs at least one message, naming the file store and the file",
          { field: "store_name" },
        );
      }
      const { storeName, name, metadata } = first.value;
      abandonedBy(metadata);
      await store(storeName).put({
        name,
        data: contentOf(first.value, messages, context.values.get(CLIENT_RESET), context.signal),
        metadata,
      });
      return {};
    },

    async *getFile(request) {
      const content = await store(request.storeName).get({
        name: request.name,
        metadata: request.metadata,
      });
      for await (const chunk of content) {
        for (let offset = 0; offset < chunk.byteLength; offset += GET_FILE_MESSAGE_BYTES) {
          yield { data: chunk.subarray(offset, offset + GET_FILE_MESSAGE_BYTES) };
        }
      }
    },

    async listFile(request) {
      const file = request.request;
      const page = await store(file?.storeName ?? "").list({
        prefix: file?.name ?? "",
        // The wire's 0 is an absent page_size.
        ...(request.pageSize === 0 ? {} : { pageSize: request.pageSize }),
        marker: request.marker,
        metadata: file?.metadata ?? {},
      });
      return {
        files: page.files.map((info) => ({
          fileName: info.name,
          size: BigInt(info.size),
          lastModified: info.lastModified.toISOString(),
        })),
        marker: page.marker,
        isTruncated: page.isTruncated,
      };
    },

    async delFile(request) {
      const file = request.request;
      await store(file?.storeName ?? "").delete({
        name: file?.name ?? "",
        metadata: file?.metadata ?? {},
      });
      return {};
    },

    async getFileMeta(request) {
      const file = request.request;
      const meta = await store(file?.storeName ?? "").meta({
        name: file?.name ?? "",
        metadata: file?.metadata ?? {},
      });
      return {
        size: BigInt(meta.size),
        lastModified: meta.lastModified.toISOString(),
        response: {
          metadata: Object.fromEntries(
            Object.entries(meta.metadata).map(([key, values]) => [key, { value: values }]),
          ),
        },
      };
    },
  };
}

/**
 * A PutFile message whose metadata holds this key abandons the upload (its value says why); the
 * name is reserved, never stored with a file. Layotto's PutFile has no way to say "abandon": the end of the stream means "the file
 * is complete", and a Node.js client that cancels a call sends END_STREAM before RST_STREAM, with
 * the reset sometimes too late to be seen. Messages arrive in order, so a client that sends this
 * before it cancels is certain to store nothing. Layer8's clients do; others get the best effort
 * of `resetFollows`.
 */
export const ABANDON_UPLOAD = "layer8.abandon";

/** Throws CANCELLED if a PutFile message's metadata says to abandon the upload. */
function abandonedBy(metadata: Record<string, string>): void {
  if (!(ABANDON_UPLOAD in metadata)) return;
  throw new Layer8Error(
    Code.Canceled,
    `the client abandoned the upload: ${metadata[ABANDON_UPLOAD] || "no reason given"}`,
  );
}

/**
 * How the end of a PutFile stream is held before the upload counts as complete, waiting for a
 * reset that may follow it: Node.js clients (connect-node, grpc-js) that cancel a call, or whose
 * request stream fails, close their HTTP/2 stream with END_STREAM and then RST_STREAM, and the
 * END_STREAM alone reads like a finished upload. Both frames leave together; the reset is read
 * within a turn or two of the event loop. Holding three turns, then 2 ms, then one more turn
 * (for I/O that came meanwhile) costs about 2 ms a PutFile.
 */
const SETTLE_TURNS = 3;
const SETTLE_MS = 2;

/**
 * True if the client reset the stream as it ended it (see `SETTLE_TURNS`). Without this check,
 * a Node.js client that fails mid-upload would store the part it had sent as the whole file.
 */
async function resetFollows(reset: () => boolean, signal: AbortSignal): Promise<boolean> {
  const isReset = () => reset() || signal.aborted;
  for (let turn = 0; turn < SETTLE_TURNS; turn++) {
    if (isReset()) return true;
    await nextTurn();
  }
  if (isReset()) return true;
  await sleep(SETTLE_MS);
  await nextTurn();
  return isReset();
}

/**
 * The content of a PutFile stream: the first message's chunk, then each later message's. Every
 * message may repeat the store and file names (Layotto's SDKs do); naming others is refused.
 * Metadata on later messages is ignored, but for `ABANDON_UPLOAD`.
 * The stream counts as complete only if no reset came with its end (see `resetFollows`).
 */
async function* contentOf(
  first: PutFileRequest,
  messages: AsyncIterator<PutFileRequest>,
  reset: () => boolean,
  signal: AbortSignal,
): AsyncIterable<Uint8Array> {
  try {
    yield first.data;
    for (;;) {
      const next = await messages.next().catch(fromWire);
      if (next.done) {
        if (await resetFollows(reset, signal)) {
          throw new Layer8Error(
            Code.Canceled,
            "the client reset its stream as it ended it; the upload is abandoned",
          );
        }
        return;
      }
      const { storeName, name, data, metadata } = next.value;
      abandonedBy(metadata);
      if (
        (storeName !== "" && storeName !== first.storeName) ||
        (name !== "" && name !== first.name)
      ) {
        throw new Layer8Error(
          Code.InvalidArgument,
          `every PutFile message must name the store and file of the first ('${first.storeName}', '${first.name}') or none; got ('${storeName}', '${name}')`,
          { field: "name" },
        );
      }
      yield data;
    }
  } finally {
    // The store stopped early (it failed): stop reading the client's stream too.
    await messages.return?.();
  }
}

/** A failure of the client's stream (it went away, its deadline passed) with its gRPC code. */
function fromWire(error: unknown): never {
  if (!(error instanceof ConnectError)) throw error;
  throw new Layer8Error(
    error.code as number as Code,
    `the client's stream ended early: ${error.rawMessage}`,
    { cause: error },
  );
}
