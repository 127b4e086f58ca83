import type { DescMethod } from "@bufbuild/protobuf";
import { Code, Layer8Error } from "@layer8/core";

/** Which building block each rpc of the Runtime service belongs to, for messages. */
const BLOCK_OF_RPC: Record<string, string> = {
  InvokeService: "service invocation",
  GetConfiguration: "configuration",
  SaveConfiguration: "configuration",
  DeleteConfiguration: "configuration",
  SubscribeConfiguration: "configuration",
  TryLock: "lock",
  Unlock: "lock",
  LockKeepAlive: "lock",
  GetNextId: "sequencer",
  PublishEvent: "pubsub",
  SubscribeTopicEvents: "pubsub",
  GetFile: "file",
  PutFile: "file",
  ListFile: "file",
  DelFile: "file",
  GetFileMeta: "file",
  InvokeBinding: "bindings",
  GetSecret: "secrets",
  GetBulkSecret: "secrets",
};

function refusal(method: DescMethod): Layer8Error {
  const block = BLOCK_OF_RPC[method.name] ?? "this";
  return new Layer8Error(
    Code.Unimplemented,
    `${method.name}: the ${block} building block is not available in this version of Layer8`,
    { block },
  );
}

/**
 * A handler for an rpc this version does not serve yet, shaped for its streaming kind, that
 * answers UNIMPLEMENTED naming the building block (connect's own answer names nothing).
 */
export function unimplementedHandler(method: DescMethod): (...args: never[]) => unknown {
  switch (method.methodKind) {
    case "server_streaming":
    case "bidi_streaming":
      // biome-ignore lint/correctness/useYield: the stream ends with the refusal before any message
      return async function* () {
        throw refusal(method);
      };
    default:
      return async () => {
        throw refusal(method);
      };
  }
}
