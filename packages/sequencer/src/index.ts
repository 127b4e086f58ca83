// For users: the sequencer, its API, and the drivers that ship with this package.

export { KEY_SEPARATOR, resolveKeyPrefix } from "@layer8/core";
export { biggerThanMetadata } from "./bigger-than.js";
export type {
  GeneratorSequencerDriver,
  NextIdRequest,
  RangeSequencerDriver,
  ReserveRequest,
  SequencerDriver,
  SequencerDriverDefinition,
} from "./driver.js";
// For driver authors.
export { SequencerFeature } from "./driver.js";
export { etcdSequencerDriver } from "./drivers/etcd.js";
export { memorySequencerDriver } from "./drivers/memory.js";
export { redisSequencerDriver } from "./drivers/redis.js";
export { snowflakeSequencerDriver } from "./drivers/snowflake.js";
export { MAX_ID, sequenceExhausted } from "./id-limits.js";
export type { CreateSequencerOptions } from "./sequencer.js";
export {
  commonSequencerMetadata,
  createSequencer,
  DEFAULT_SEGMENT_SIZE,
  Sequencer,
} from "./sequencer.js";
export { decodeSnowflake } from "./snowflake/snowflake-generator.js";
export type {
  GetNextIdRequest,
  GetNextIdResponse,
  Increment,
  RequestMetadata,
  SequencerApi,
} from "./types.js";

import type { SequencerDriverDefinition as Definition } from "./driver.js";
import { etcdSequencerDriver } from "./drivers/etcd.js";
import { memorySequencerDriver } from "./drivers/memory.js";
import { redisSequencerDriver } from "./drivers/redis.js";
import { snowflakeSequencerDriver } from "./drivers/snowflake.js";
/** Every sequencer driver in this package, for runtimes that register drivers by type. */
export const sequencerDrivers: readonly Definition[] = [
  memorySequencerDriver,
  redisSequencerDriver,
  etcdSequencerDriver,
  snowflakeSequencerDriver,
];
