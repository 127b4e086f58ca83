import type { ServiceImpl } from "@connectrpc/connect";
import { Code, Layer8Error } from "@layer8/core";
import { type Runtime, type SequencerOptions, SequencerOptions_AutoIncrement } from "@layer8/proto";
import type { Increment, SequencerApi } from "@layer8/sequencer";
import { lookupStore } from "./lookup-store.js";

type SequencerRpcs = Pick<ServiceImpl<typeof Runtime>, "getNextId">;

/** The Sequencer rpc of the Layotto API, translated to the Sequencer API of the named store. */
export function sequencerService(stores: ReadonlyMap<string, SequencerApi>): SequencerRpcs {
  return {
    async getNextId(request) {
      const sequencer = lookupStore(stores, "sequencer", request.storeName);
      const { nextId } = await sequencer.getNextId({
        key: request.key,
        increment: increment(request.storeName, request.options),
        metadata: request.metadata,
      });
      return { nextId };
    },
  };
}

/** Absent options mean WEAK, as in Layotto; a value this version does not know is refused. */
function increment(storeName: string, options: SequencerOptions | undefined): Increment {
  switch (options?.increment ?? SequencerOptions_AutoIncrement.WEAK) {
    case SequencerOptions_AutoIncrement.WEAK:
      return "weak";
    case SequencerOptions_AutoIncrement.STRONG:
      return "strong";
    default:
      throw new Layer8Error(
        Code.InvalidArgument,
        `sequencer '${storeName}': options.increment ${options?.increment} is not known; use WEAK (0) or STRONG (1)`,
        { block: "sequencer", component: storeName, field: "options.increment" },
      );
  }
}
