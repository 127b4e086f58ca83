import {
  createPubSub,
  type PubSub,
  type PubSubDriverDefinition,
  pubsubDrivers,
} from "@layer8/pubsub";
import { PUBSUB_KIND } from "../server/lookup-pubsub.js";
import { pubsubService } from "../server/pubsub-service.js";
import type { BlockModule } from "./block-module.js";

// For the rest of the sidecar (delivery over AppCallback): find a component, count deliveries.
export { countDeliveries } from "../server/delivery-metrics.js";
export { lookupPubSub, PUBSUB_KIND } from "../server/lookup-pubsub.js";

export const pubsubBlock: BlockModule<PubSub> = {
  name: "pubsub",
  storeKind: PUBSUB_KIND,
  drivers: pubsubDrivers,
  // Events within the process: enough to try Pub/Sub with no broker to install.
  embedded: { default: { type: "memory", metadata: {} } },
  // The app id is the events' `source` and the components' default consumer group.
  create: (driver, options) =>
    createPubSub({ driver: driver as PubSubDriverDefinition, ...options }),
  service: pubsubService,
};
