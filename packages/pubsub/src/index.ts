// For users: the component, its API, and the drivers that ship with this package.

export { DEFAULT_EVENT_TYPE, SPEC_VERSION } from "./cloud-event.js";
// For driver authors.
export type {
  DriverConsume,
  DriverConsumer,
  DriverMessage,
  DriverMessageHandler,
  DriverPublish,
  PubSubDriver,
  PubSubDriverDefinition,
} from "./driver.js";
export { PubSubFeature } from "./driver.js";
export { kafkaPubSubDriver } from "./drivers/kafka.js";
export { memoryPubSubDriver } from "./drivers/memory.js";
export { redisPubSubDriver } from "./drivers/redis.js";
export { DEFAULT_DATA_CONTENT_TYPE } from "./outgoing-event.js";
export type { CreatePubSubOptions } from "./pubsub.js";
export {
  commonPubSubMetadata,
  createPubSub,
  DEFAULT_MAX_PAYLOAD_BYTES,
  PubSub,
} from "./pubsub.js";
export { MAX_CONCURRENCY } from "./subscription-options.js";
export type {
  Delivery,
  PublishRequest,
  PubSubApi,
  RetryPolicy,
  SubscribeRequest,
  Subscription,
  TopicEvent,
  TopicEventHandler,
  TopicEventStatus,
} from "./types.js";

import type { PubSubDriverDefinition as Definition } from "./driver.js";
import { kafkaPubSubDriver } from "./drivers/kafka.js";
import { memoryPubSubDriver } from "./drivers/memory.js";
import { redisPubSubDriver } from "./drivers/redis.js";
/** Every pub/sub driver in this package, for runtimes that register drivers by type. */
export const pubsubDrivers: readonly Definition[] = [
  memoryPubSubDriver,
  redisPubSubDriver,
  kafkaPubSubDriver,
];
