import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { Runtime, SequencerOptions_AutoIncrement } from "@layer8/proto";
import type { SequencerApi } from "@layer8/sequencer";

/**
 * The Sequencer API over the sidecar's gRPC, with the generated client: what an SDK does. An
 * increment other than weak/strong goes out as an enum number the sidecar does not know.
 */
export function grpcSequencer(address: string, storeName: string): SequencerApi {
  const client = createClient(Runtime, createGrpcTransport({ baseUrl: `http://${address}` }));
  return {
    async getNextId({ key, increment, metadata }) {
      const options =
        increment === undefined
          ? undefined
          : {
              increment:
                increment === "weak"
                  ? SequencerOptions_AutoIncrement.WEAK
                  : increment === "strong"
                    ? SequencerOptions_AutoIncrement.STRONG
                    : (99 as SequencerOptions_AutoIncrement),
            };
      const response = await client.getNextId({
        storeName,
        key,
        ...(options ? { options } : {}),
        metadata: { ...metadata },
      });
      return { nextId: response.nextId };
    },
  };
}
