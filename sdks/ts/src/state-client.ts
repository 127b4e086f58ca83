import { Code, Layer8Error } from "@layer8/core";
import type { BulkStateItem } from "@layer8/proto";
import type { StateSection } from "./gen/layer8_sections.js";
import type { StateClient } from "./state-types.js";
import { toDeleteItem, toSaveItem, toWireConsistency, toWireOperation } from "./state-wire.js";

/**
 * The State API of one store over the generated `state` section: each method is one rpc. The
 * sidecar validates every request, so nothing is checked twice here, and the client's transport
 * already turns every failure into a `Layer8Error`.
 */
export function createStateClient(state: StateSection, storeName: string): StateClient {
  return {
    storeName,

    async get(request) {
      const response = await state.get({
        storeName,
        key: request.key,
        consistency: toWireConsistency(request.consistency),
        metadata: { ...request.metadata },
      });
      return { data: response.data, etag: response.etag, metadata: { ...response.metadata } };
    },

    async bulkGet(request) {
      const response = await state.getBulk({
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
      await state.save({ storeName, states: [toSaveItem(request)] });
    },

    async bulkSave(request) {
      await state.save({ storeName, states: request.items.map(toSaveItem) });
    },

    async delete(request) {
      const { key, etag, options, metadata } = toDeleteItem(request);
      await state.delete({ storeName, key, etag, options, metadata });
    },

    async bulkDelete(request) {
      await state.deleteBulk({ storeName, states: request.items.map(toDeleteItem) });
    },

    async transact(request) {
      await state.executeTransaction({
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
