import type { BlockModule } from "./block-module.js";
import { configBlock } from "./config.js";
import { fileBlock } from "./file.js";
import { lockBlock } from "./lock.js";
import { pubsubBlock } from "./pubsub.js";
import { sequencerBlock } from "./sequencer.js";
import { stateBlock } from "./state.js";

/** The building blocks this version serves, in the order their components start. */
export const BLOCK_MODULES: readonly BlockModule[] = [
  stateBlock as unknown as BlockModule,
  lockBlock as unknown as BlockModule,
  sequencerBlock as unknown as BlockModule,
  configBlock as unknown as BlockModule,
  fileBlock as unknown as BlockModule,
  pubsubBlock as unknown as BlockModule,
];
export type { BlockModule, ServiceRuntime } from "./block-module.js";
