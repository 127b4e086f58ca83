// For users: the client and the State API it offers.

// Errors are `@layer8/core`'s, re-exported so that catching one needs no second import.
export { Code, isLayer8Error, Layer8Error } from "@layer8/core";
export { DEFAULT_ADDRESS } from "./address.js";
export type {
  Layer8Client,
  Layer8ClientOptions,
  SayHelloRequest,
  SayHelloResponse,
} from "./client.js";
export { createLayer8Client } from "./client.js";
export type {
  BulkDeleteStateRequest,
  BulkGetStateRequest,
  BulkSaveStateRequest,
  BulkStateValue,
  Concurrency,
  Consistency,
  DeleteStateRequest,
  GetStateRequest,
  RequestMetadata,
  SaveStateRequest,
  StateClient,
  StateOptions,
  StateValue,
  TransactionOperation,
  TransactionRequest,
} from "./state-types.js";
