import type { Client } from "@connectrpc/connect";
import { Code, Layer8Error } from "@layer8/core";
import type { BulkStateItem, Runtime } from "@layer8/proto";
import type { StateClient } from "./state-types.js";
import { toDeleteItem, toSaveItem, toWireConsistency, toWireOperation } from "./state-wire.js";

/**
 * The State API of one store over the generated Runtime client: each method is one RPC. The
 * sidecar validates every request, so nothing is checked twice here, and the client's transport
 * already turns every failure into a `Layer8Error`.
 */
export function createStateClient(runtime: Client<typeof Runtime>, storeName: string): StateClient {
  return {
    storeName,

    async get(request) {
      const response = await runtime.getState({
        storeName,
        key: request.key,
        consistency: toWireConsistency(request.consistency),
        metadata: { ...request.metadata },
      });
      return { data: response.data, etag: response.etag, metadata: { ...response.metadata } };
    },

    async bulkGet(request) {
      const response = await runtime.getBulkState({
        storeName,
        keys: [...request.keys],
        metadata: { ...request.metadata },
      });
      throwItemErrors(response.items);
      return response.items.map((item) => ({
        key: item.key,
        data: item.data,
        etag: item.etag,
        metadata: { ...item.metadata },
      }));
    },

    async save(request) {
      await runtime.saveState({ storeName, states: [toSaveItem(request)] });
    },

    async bulkSave(request) {
      await runtime.saveState({ storeName, states: request.items.map(toSaveItem) });
    },

    async delete(request) {
      const { key, etag, options, metadata } = toDeleteItem(request);
      await runtime.deleteState({ storeName, key, etag, options, metadata });
    },

    async bulkDelete(request) {
      await runtime.deleteBulkState({ storeName, states: request.items.map(toDeleteItem) });
    },

    async transact(request) {
      await runtime.executeStateTransaction({
        storeName,
        operations: request.operations.map(toWireOperation),
        metadata: { ...request.metadata },
      });
    },
  };
}

/**
 * The wire lets a bulk read report a failure per key (`BulkStateItem.error`) beside successful
 * ones. Returning such an item with empty data would pass a failure off as a missing key, so the
 * whole call throws instead, naming each failed key, as the embedded store does.
 */
function throwItemErrors(items: readonly BulkStateItem[]): void {
  const failed = items.filter((item) => item.error !== "");
  if (failed.length === 0) return;
  const list = failed.map((item) => `'${item.key}': ${item.error}`).join("; ");
  throw new Layer8Error(Code.Unknown, `bulk get failed for ${failed.length} key(s): ${list}`, {
    block: "state",
    details: Object.fromEntries(failed.map((item) => [item.key, item.error])),
  });
}
