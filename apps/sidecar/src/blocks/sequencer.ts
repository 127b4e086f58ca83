import {
  createSequencer,
  type Sequencer,
  type SequencerDriverDefinition,
  sequencerDrivers,
} from "@layer8/sequencer";
import { sequencerService } from "../server/sequencer-service.js";
import type { BlockModule } from "./block-module.js";

export const sequencerBlock: BlockModule<Sequencer> = {
  name: "sequencer",
  storeKind: "sequencer",
  drivers: sequencerDrivers,
  embedded: { default: { type: "memory", metadata: {} } },
  create: (driver, options) =>
    createSequencer({ driver: driver as SequencerDriverDefinition, ...options }),
  service: sequencerService,
};
