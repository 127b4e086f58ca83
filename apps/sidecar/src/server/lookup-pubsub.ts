import type { PubSubApi } from "@layer8/pubsub";
import { lookupStore } from "./lookup-store.js";

/** How messages name a pub/sub component, as the library's own errors do (`pubsub 'events'`). */
export const PUBSUB_KIND = "pubsub";

/**
 * The pub/sub component a request names (`pubsub_name`), for every part of the sidecar that
 * publishes or subscribes (the Runtime rpcs, delivery over AppCallback); an unknown or empty name
 * is INVALID_ARGUMENT naming it and the configured ones.
 */
export function lookupPubSub<T extends PubSubApi>(
  components: ReadonlyMap<string, T>,
  name: string,
): T {
  return lookupStore(components, PUBSUB_KIND, name, "pubsub_name");
}
