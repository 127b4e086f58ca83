// For users: the client with a section per building block, the State API, and the server of the
// app's pub/sub callbacks.

// Errors are `@layer8/core`'s, re-exported so that catching one needs no second import.
export { Code, isLayer8Error, Layer8Error } from "@layer8/core";
// The message types, schemas and enums the generated sections take and return, as one namespace
// (`proto.SequencerOptions_AutoIncrement.STRONG`): unprefixed, some would clash with the State
// API's own types (`StateOptions`, `GetStateRequest`...).
export * as proto from "@layer8/proto";
export { DEFAULT_ADDRESS } from "./address.js";
export type {
  AppCallbackServer,
  AppCallbackServerOptions,
  TopicEvent,
  TopicEventStatus,
  TopicHandler,
} from "./app-callback-server.js";
export { serveAppCallback } from "./app-callback-server.js";
export type {
  Layer8Client,
  Layer8ClientOptions,
  SayHelloRequest,
  SayHelloResponse,
  StateAccess,
} from "./client.js";
export { createLayer8Client } from "./client.js";
export type * from "./gen/layer8_sections.js";
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
  TransactionOperation,
  TransactionRequest,
} from "./state-types.js";
