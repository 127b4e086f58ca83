import type { ServiceImpl } from "@connectrpc/connect";
import { Code, Layer8Error } from "@layer8/core";
import {
  type Etag,
  type Runtime,
  type StateItem,
  type StateOptions,
  StateOptions_StateConcurrency,
  StateOptions_StateConsistency,
} from "@layer8/proto";
import type {
  Concurrency,
  Consistency,
  DeleteStateRequest,
  SaveStateRequest,
  StateApi,
  StateOptions as StoreOptions,
  TransactionOperation,
} from "@layer8/state";
import { lookupStore } from "./lookup-store.js";

type StateRpcs = Pick<
  ServiceImpl<typeof Runtime>,
  | "getState"
  | "getBulkState"
  | "saveState"
  | "deleteState"
  | "deleteBulkState"
  | "executeStateTransaction"
>;

/** The State rpcs of the Layotto API, translated to the State API of the named store. */
export function stateService(stores: ReadonlyMap<string, StateApi>): StateRpcs {
  const store = (name: string) => lookupStore(stores, "state store", name);
  return {
    async getState(request) {
      const value = await store(request.storeName).get({
        key: request.key,
        metadata: request.metadata,
        ...consistency(request.consistency),
      });
      return { data: value.data, etag: value.etag, metadata: value.metadata };
    },

    async getBulkState(request) {
      const items = await store(request.storeName).bulkGet({
        keys: request.keys,
        metadata: request.metadata,
      });
      return {
        items: items.map((item) => ({
          key: item.key,
          data: item.data,
          etag: item.etag,
          metadata: item.metadata,
        })),
      };
    },

    async saveState(request) {
      const target = store(request.storeName);
      const items = request.states.map(toSaveRequest);
      if (items.length === 1) await target.save(items[0]!);
      else if (items.length > 1) await target.bulkSave({ items });
      return {};
    },

    async deleteState(request) {
      await store(request.storeName).delete({
        key: request.key,
        metadata: request.metadata,
        ...etag(request.etag),
        ...options(request.options),
      });
      return {};
    },

    async deleteBulkState(request) {
      await store(request.storeName).bulkDelete({ items: request.states.map(toDeleteRequest) });
      return {};
    },

    async executeStateTransaction(request) {
      const target = store(request.storeName);
      const operations = request.operations.map((op, index): TransactionOperation => {
        const type = op.operationType.toLowerCase();
        if (!op.request) {
          throw new Layer8Error(
            Code.InvalidArgument,
            `transaction operation ${index} has no request`,
            {
              field: `operations[${index}].request`,
            },
          );
        }
        if (type === "upsert") return { operation: "upsert", request: toSaveRequest(op.request) };
        if (type === "delete") return { operation: "delete", request: toDeleteRequest(op.request) };
        throw new Layer8Error(
          Code.InvalidArgument,
          `state store '${request.storeName}': transaction operation ${index} has operationType '${op.operationType}'; use 'upsert' or 'delete'`,
          { field: `operations[${index}].operationType` },
        );
      });
      await target.transact({ operations, metadata: request.metadata });
      return {};
    },
  };
}

function toSaveRequest(item: StateItem): SaveStateRequest {
  return {
    key: item.key,
    value: item.value,
    metadata: item.metadata,
    ...etag(item.etag),
    ...options(item.options),
  };
}

function toDeleteRequest(item: StateItem): DeleteStateRequest {
  return { key: item.key, metadata: item.metadata, ...etag(item.etag), ...options(item.options) };
}

function etag(value: Etag | undefined): { etag?: string } {
  return value ? { etag: value.value } : {};
}

function options(value: StateOptions | undefined): { options?: StoreOptions } {
  if (!value) return {};
  const result: StoreOptions = {};
  const c = concurrency(value.concurrency);
  if (c) result.concurrency = c;
  const s = consistency(value.consistency).consistency;
  if (s) result.consistency = s;
  return { options: result };
}

function concurrency(value: StateOptions_StateConcurrency): Concurrency | undefined {
  switch (value) {
    case StateOptions_StateConcurrency.CONCURRENCY_FIRST_WRITE:
      return "first-write";
    case StateOptions_StateConcurrency.CONCURRENCY_LAST_WRITE:
      return "last-write";
    default:
      return undefined;
  }
}

function consistency(value: StateOptions_StateConsistency): { consistency?: Consistency } {
  switch (value) {
    case StateOptions_StateConsistency.CONSISTENCY_EVENTUAL:
      return { consistency: "eventual" };
    case StateOptions_StateConsistency.CONSISTENCY_STRONG:
      return { consistency: "strong" };
    default:
      return {};
  }
}
