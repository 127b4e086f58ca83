import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { createContextValues, createHandlerContext } from "@connectrpc/connect";
import { Code } from "@layer8/core";
import { createFileStore, memoryFileDriver } from "@layer8/file";
import { PutFileRequestSchema, Runtime } from "@layer8/proto";
import { describe, expect, it } from "vitest";
import { CLIENT_RESET } from "./client-reset.js";
import { ABANDON_UPLOAD, fileService } from "./file-service.js";

const putFileMethod = Runtime.method.putFile;

/** A PutFile call as the handler sees it, whose stream is reset `resetAfterTurns` after its end. */
function call(messages: MessageInitShape<typeof PutFileRequestSchema>[], resetAfterTurns?: number) {
  let reset = false;
  async function* requests() {
    for (const message of messages) yield create(PutFileRequestSchema, message);
    if (resetAfterTurns === 0) reset = true;
    else if (resetAfterTurns !== undefined) {
      let turns = resetAfterTurns;
      const turn = () => {
        turns -= 1;
        if (turns === 0) reset = true;
        else setImmediate(turn);
      };
      setImmediate(turn);
    }
  }
  const context = createHandlerContext({
    service: Runtime,
    method: putFileMethod,
    protocolName: "grpc",
    requestMethod: "POST",
    url: "http://test/spec.proto.runtime.v1.Runtime/PutFile",
    contextValues: createContextValues().set(CLIENT_RESET, () => reset),
  });
  return { requests: requests(), context };
}

describe("PutFile", () => {
  const setup = () => {
    const store = createFileStore({ driver: memoryFileDriver, name: "files" });
    return { store, service: fileService(new Map([["files", store]])) };
  };
  const data = new Uint8Array([1, 2, 3]);

  it("stores a stream that ends with no reset", async () => {
    const { store, service } = setup();
    const { requests, context } = call([{ storeName: "files", name: "a", data }, { data }]);
    await service.putFile(requests, context);
    expect((await store.meta({ name: "a" })).size).toBe(6);
  });

  for (const turns of [0, 1, 2, 3]) {
    it(`abandons a stream reset ${turns} event-loop turns after its end (Node's END_STREAM then RST_STREAM)`, async () => {
      const { store, service } = setup();
      const { requests, context } = call([{ storeName: "files", name: "a", data }], turns);
      await expect(service.putFile(requests, context)).rejects.toMatchObject({
        code: Code.Canceled,
        message: expect.stringContaining("reset its stream"),
      });
      await expect(store.meta({ name: "a" })).rejects.toMatchObject({ code: Code.NotFound });
    });
  }

  it("abandons an upload whose message says so, even one that then ends cleanly", async () => {
    const { store, service } = setup();
    const { requests, context } = call([
      { storeName: "files", name: "a", data },
      { metadata: { [ABANDON_UPLOAD]: "changed my mind" } },
    ]);
    await expect(service.putFile(requests, context)).rejects.toMatchObject({
      code: Code.Canceled,
      message: expect.stringContaining("the client abandoned the upload: changed my mind"),
    });
    await expect(store.meta({ name: "a" })).rejects.toMatchObject({ code: Code.NotFound });
  });

  it("refuses a later message naming another file, storing nothing", async () => {
    const { store, service } = setup();
    const { requests, context } = call([
      { storeName: "files", name: "a", data },
      { storeName: "files", name: "b", data },
    ]);
    await expect(service.putFile(requests, context)).rejects.toMatchObject({
      code: Code.InvalidArgument,
    });
    await expect(store.meta({ name: "a" })).rejects.toMatchObject({ code: Code.NotFound });
  });
});
