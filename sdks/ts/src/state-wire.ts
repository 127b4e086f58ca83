import type { MessageInitShape } from "@bufbuild/protobuf";
import {
  type StateItemSchema,
  StateOptions_StateConcurrency,
  StateOptions_StateConsistency,
  type StateOptionsSchema,
  type TransactionalStateOperationSchema,
} from "@layer8/proto";
import type {
  Concurrency,
  Consistency,
  DeleteStateRequest,
  SaveStateRequest,
  StateOptions,
  TransactionOperation,
} from "./state-types.js";

type StateItemInit = MessageInitShape<typeof StateItemSchema>;

const concurrencies: Record<Concurrency, StateOptions_StateConcurrency> = {
  "first-write": StateOptions_StateConcurrency.CONCURRENCY_FIRST_WRITE,
  "last-write": StateOptions_StateConcurrency.CONCURRENCY_LAST_WRITE,
};

const consistencies: Record<Consistency, StateOptions_StateConsistency> = {
  eventual: StateOptions_StateConsistency.CONSISTENCY_EVENTUAL,
  strong: StateOptions_StateConsistency.CONSISTENCY_STRONG,
};

/** Unset means UNSPECIFIED on the wire, which lets the store choose. */
export function toWireConsistency(
  consistency: Consistency | undefined,
): StateOptions_StateConsistency {
  return consistency === undefined
    ? StateOptions_StateConsistency.CONSISTENCY_UNSPECIFIED
    : consistencies[consistency];
}

function toWireOptions(options: StateOptions): MessageInitShape<typeof StateOptionsSchema> {
  return {
    concurrency:
      options.concurrency === undefined
        ? StateOptions_StateConcurrency.CONCURRENCY_UNSPECIFIED
        : concurrencies[options.concurrency],
    consistency: toWireConsistency(options.consistency),
  };
}

/**
 * The etag and the options are sent only when the caller gave them: an absent `Etag` message is
 * what "unconditional" means on the wire, and absent options let the sidecar apply its defaults.
 */
function conditions(
  request: Pick<SaveStateRequest, "etag" | "options">,
): Pick<StateItemInit, "etag" | "options"> {
  return {
    ...(request.etag !== undefined && { etag: { value: request.etag } }),
    ...(request.options !== undefined && { options: toWireOptions(request.options) }),
  };
}

export function toSaveItem(request: SaveStateRequest): StateItemInit {
  return {
    key: request.key,
    value: request.value,
    metadata: { ...request.metadata },
    ...conditions(request),
  };
}

/** A delete travels as a `StateItem` too (in bulk deletes and transactions); its value is unused. */
export function toDeleteItem(request: DeleteStateRequest): StateItemInit {
  return { key: request.key, metadata: { ...request.metadata }, ...conditions(request) };
}

export function toWireOperation(
  operation: TransactionOperation,
): MessageInitShape<typeof TransactionalStateOperationSchema> {
  return operation.operation === "upsert"
    ? { operationType: "upsert", request: toSaveItem(operation.request) }
    : { operationType: "delete", request: toDeleteItem(operation.request) };
}
