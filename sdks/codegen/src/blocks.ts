/**
 * Which client section each rpc belongs to, and its name there. This table is the only
 * hand-written knowledge the generator has of the API: an rpc it does not list still gets a
 * method, in the fallback section named after its service (`Runtime.SayHello` -> `runtime.sayHello`),
 * so adding an rpc to the proto always adds a method to every SDK.
 *
 * Keys are `Service.Rpc` without the proto package, so a copy of the service under another
 * package (the test fixture) maps the same way.
 */
export interface BlockDefinition {
  /** The section's name, in camelCase; emitters re-case it (`client.state`, `client.State()`). */
  readonly name: string;
  /** One line for the section's doc comment. */
  readonly summary: string;
  /** `Service.Rpc` -> the method's name in the section, in camelCase. */
  readonly rpcs: Readonly<Record<string, string>>;
}

export const BLOCKS: readonly BlockDefinition[] = [
  {
    name: "state",
    summary: "Key/value state stores: reads, writes, deletes and transactions.",
    rpcs: {
      "Runtime.GetState": "get",
      "Runtime.GetBulkState": "getBulk",
      "Runtime.SaveState": "save",
      "Runtime.DeleteState": "delete",
      "Runtime.DeleteBulkState": "deleteBulk",
      "Runtime.ExecuteStateTransaction": "executeTransaction",
    },
  },
  {
    name: "pubsub",
    summary: "Publish/subscribe: publishes events to topics and subscribes to them.",
    rpcs: {
      "Runtime.PublishEvent": "publish",
      "Runtime.SubscribeTopicEvents": "subscribe",
    },
  },
  {
    name: "lock",
    summary: "Distributed locks: try, release and extend a lock.",
    rpcs: {
      "Runtime.TryLock": "tryLock",
      "Runtime.Unlock": "unlock",
      "Runtime.LockKeepAlive": "keepAlive",
    },
  },
  {
    name: "sequencer",
    summary: "Sequencers: unique, increasing int64 ids.",
    rpcs: { "Runtime.GetNextId": "getNextId" },
  },
  {
    name: "configuration",
    summary: "Configuration stores: reads, writes, deletes and watches configuration items.",
    rpcs: {
      "Runtime.GetConfiguration": "get",
      "Runtime.SaveConfiguration": "save",
      "Runtime.DeleteConfiguration": "delete",
      "Runtime.SubscribeConfiguration": "subscribe",
    },
  },
  {
    name: "file",
    summary: "File stores: streamed uploads and downloads, listing, metadata and deletes.",
    rpcs: {
      "Runtime.PutFile": "put",
      "Runtime.GetFile": "get",
      "Runtime.ListFile": "list",
      "Runtime.GetFileMeta": "getMeta",
      "Runtime.DelFile": "delete",
    },
  },
  {
    name: "invocation",
    summary: "Service invocation: calls a method of another app through its sidecar.",
    rpcs: { "Runtime.InvokeService": "invoke" },
  },
  {
    name: "binding",
    summary: "Output bindings: invokes an operation on an external system.",
    rpcs: { "Runtime.InvokeBinding": "invoke" },
  },
  {
    name: "secret",
    summary: "Secret stores: reads secrets.",
    rpcs: { "Runtime.GetSecret": "get", "Runtime.GetBulkSecret": "getBulk" },
  },
];

/**
 * Services the application implements and the sidecar calls (Layotto's callback API). They get
 * no client section; emitters may generate server helpers from them (`model.callbacks`).
 */
export const CALLBACK_SERVICES: readonly string[] = ["AppCallback"];
