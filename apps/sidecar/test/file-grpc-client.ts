import type { MessageInitShape } from "@bufbuild/protobuf";
import { ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { Code, Layer8Error } from "@layer8/core";
import type { FileApi } from "@layer8/file";
import { type PutFileRequestSchema, Runtime } from "@layer8/proto";
import { ABANDON_UPLOAD } from "../src/server/file-service.js";

/** The most content an upload puts in one PutFile message, as an SDK would cut it. */
const PUT_MESSAGE_BYTES = 1024 * 1024;

/**
 * The File API over the sidecar's gRPC, with the generated client: what an SDK does. gRPC errors
 * come back as Layer8Errors with the same code and message; `get` reads the first message before
 * it resolves, so that NOT_FOUND rejects `get` itself, as in-process. A failing content stream
 * cancels the PutFile call mid-stream, as a client that goes away does (see `put`).
 */
export function grpcFileApi(address: string, storeName: string): FileApi {
  const client = createClient(Runtime, createGrpcTransport({ baseUrl: `http://${address}` }));
  return {
    async put({ name, data, metadata }) {
      const call = new AbortController();
      let failure: { reason: unknown } | undefined;
      async function* messages(): AsyncIterable<MessageInitShape<typeof PutFileRequestSchema>> {
        let first = true;
        const head = () => (first ? { storeName, name, metadata: { ...metadata } } : {});
        try {
          for await (const chunk of data) {
            for (let offset = 0; offset < chunk.byteLength || first; offset += PUT_MESSAGE_BYTES) {
              yield { ...head(), data: chunk.subarray(offset, offset + PUT_MESSAGE_BYTES) };
              first = false;
            }
          }
        } catch (reason) {
          // An ended stream is a complete file, and Node's HTTP/2 cancel ends the stream before it
          // resets it: say "abandon" in a last message first (messages arrive in order), then
          // cancel the call. Throwing here instead would end the stream as if complete.
          failure = { reason };
          const why = reason instanceof Error ? reason.message : String(reason);
          if (!first) yield { metadata: { [ABANDON_UPLOAD]: why.replace(/[^\x20-\x7e]/g, "?") } };
          call.abort();
          await new Promise(() => undefined);
        }
        if (first) yield { ...head(), data: new Uint8Array(0) };
      }
      try {
        await wire(() => client.putFile(messages(), { signal: call.signal }));
      } catch (error) {
        throw failure ? failure.reason : error;
      }
    },

    async get({ name, metadata }) {
      // A reader that stops early cancels the call: the sidecar then stops reading the file.
      const call = new AbortController();
      const responses = client
        .getFile({ storeName, name, metadata: { ...metadata } }, { signal: call.signal })
        [Symbol.asyncIterator]();
      const first = await wire(() => responses.next());
      return (async function* () {
        let ended = first.done === true;
        try {
          if (first.done) return;
          yield first.value.data;
          for (;;) {
            const next = await wire(() => responses.next());
            ended = next.done === true;
            if (next.done) return;
            yield next.value.data;
          }
        } finally {
          if (!ended) call.abort();
        }
      })();
    },

    async list(request = {}) {
      const page = await wire(() =>
        client.listFile({
          request: { storeName, name: request.prefix ?? "", metadata: { ...request.metadata } },
          pageSize: int32("pageSize", request.pageSize ?? 0, storeName),
          marker: request.marker ?? "",
        }),
      );
      return {
        files: page.files.map((info) => ({
          name: info.fileName,
          size: Number(info.size),
          lastModified: new Date(info.lastModified),
        })),
        marker: page.marker,
        isTruncated: page.isTruncated,
      };
    },

    async delete({ name, metadata }) {
      await wire(() => client.delFile({ request: { storeName, name, metadata: { ...metadata } } }));
    },

    async meta({ name, metadata }) {
      const meta = await wire(() =>
        client.getFileMeta({ request: { storeName, name, metadata: { ...metadata } } }),
      );
      const entries = Object.entries(meta.response?.metadata ?? {});
      return {
        size: Number(meta.size),
        lastModified: new Date(meta.lastModified),
        metadata: Object.fromEntries(entries.map(([key, values]) => [key, values.value])),
      };
    },
  };
}

/** The wire's int32 cannot carry 2.5: the client refuses it, as an SDK must. */
function int32(field: string, value: number, storeName: string): number {
  if (Number.isInteger(value) && Math.abs(value) < 2 ** 31) return value;
  throw new Layer8Error(
    Code.InvalidArgument,
    `file store '${storeName}': ${field} ${value} cannot be sent; the wire's ${field} is an int32`,
    { field },
  );
}

async function wire<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof ConnectError)) throw error;
    throw new Layer8Error(error.code as number as Code, error.rawMessage, { cause: error });
  }
}
