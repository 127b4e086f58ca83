import type { MessageInitShape } from "@bufbuild/protobuf";
import type { HandlerContext, ServiceImpl } from "@connectrpc/connect";
import type { ConfigApi, ConfigurationSubscription, SaveConfigurationItem } from "@layer8/config";
import { Code, Layer8Error } from "@layer8/core";
import type {
  Runtime,
  SubscribeConfigurationRequest,
  SubscribeConfigurationResponseSchema,
  ConfigurationItem as WireItem,
} from "@layer8/proto";
import { SERVER_CLOSING } from "./grpc-server.js";
import { lookupStore } from "./lookup-store.js";
import { Outbox } from "./outbox.js";

type ConfigRpcs = Pick<
  ServiceImpl<typeof Runtime>,
  "getConfiguration" | "saveConfiguration" | "deleteConfiguration" | "subscribeConfiguration"
>;

/** What the rpcs need of a store: the Configuration API and the app id of requests without one. */
export type ServedConfigStore = ConfigApi & { readonly appId: string };

type SubscribeResponse = MessageInitShape<typeof SubscribeConfigurationResponseSchema>;

/**
 * A request header of SubscribeConfiguration. With `true`, the sidecar answers each request
 * message, once its subscription is live, with a response without items; a change always has
 * items, so the two cannot be confused. Layotto has no such answer, and its clients cannot know
 * when a subscription starts; clients that send nothing get Layotto's behaviour.
 */
export const SUBSCRIBE_ACK_HEADER = "layer8-subscribe-ack";

/** The Configuration rpcs of the Layotto API, translated to the Configuration API of the named store. */
export function configService(stores: ReadonlyMap<string, ServedConfigStore>): ConfigRpcs {
  const store = (name: string) => lookupStore(stores, "configuration store", name);
  return {
    async getConfiguration(request) {
      if (request.subscribeUpdate) {
        throw new Layer8Error(
          Code.Unimplemented,
          `configuration store '${request.storeName}': subscribe_update on GetConfiguration is not supported; use SubscribeConfiguration`,
          { block: "config", component: request.storeName, field: "subscribe_update" },
        );
      }
      const { items } = await store(request.storeName).get({
        appId: request.appId,
        group: request.group,
        label: request.label,
        keys: request.keys,
        metadata: request.metadata,
      });
      return { items };
    },

    async saveConfiguration(request) {
      await store(request.storeName).save({
        appId: request.appId,
        items: request.items.map(fromWire),
        metadata: request.metadata,
      });
      return {};
    },

    async deleteConfiguration(request) {
      await store(request.storeName).delete({
        appId: request.appId,
        group: request.group,
        label: request.label,
        keys: request.keys,
        metadata: request.metadata,
      });
      return {};
    },

    subscribeConfiguration(requests, context) {
      return subscriptionStream(store, requests, context);
    },
  };
}

/**
 * One SubscribeConfiguration stream: every request message received adds a subscription, and
 * every change of any of them is sent as a response naming its store and app. When the client
 * ends its side or cancels, or a request is refused, or a subscription fails, this stream's
 * subscriptions close, and only them.
 */
async function* subscriptionStream(
  store: (name: string) => ServedConfigStore,
  requests: AsyncIterable<SubscribeConfigurationRequest>,
  context: HandlerContext,
): AsyncIterable<SubscribeResponse> {
  const outbox = new Outbox<SubscribeResponse>();
  const subscriptions: ConfigurationSubscription[] = [];
  const acknowledge = context.requestHeader.get(SUBSCRIBE_ACK_HEADER) === "true";
  const stop = () => outbox.end();
  context.signal.addEventListener("abort", stop);
  // A subscription never ends by itself: at shutdown it ends at once, telling the client to
  // subscribe again (to this sidecar once restarted, or another), rather than holding the drain.
  const closing = context.values.get(SERVER_CLOSING);
  const shutDown = () =>
    outbox.fail(
      new Layer8Error(
        Code.Unavailable,
        "the sidecar is shutting down; subscribe again once it is back",
        { block: "config" },
      ),
    );
  if (closing.aborted) shutDown();
  closing.addEventListener("abort", shutDown);

  const reading = (async () => {
    for await (const request of requests) {
      const target = store(request.storeName);
      const appId = request.appId || target.appId;
      const subscription = await target.subscribe(
        {
          appId,
          group: request.group,
          label: request.label,
          keys: request.keys,
          metadata: request.metadata,
        },
        (items) => outbox.push({ storeName: request.storeName, appId, items }),
      );
      // The stream may have finished while this subscription was being made.
      if (outbox.ended) {
        await subscription.close();
        break;
      }
      subscriptions.push(subscription);
      void subscription.closed.then((reason) => {
        if (reason) outbox.fail(reason);
      });
      if (acknowledge) outbox.push({ storeName: request.storeName, appId, items: [] });
    }
    outbox.end();
  })();
  reading.catch((error: unknown) => outbox.fail(error));

  try {
    yield* outbox;
  } finally {
    context.signal.removeEventListener("abort", stop);
    closing.removeEventListener("abort", shutDown);
    outbox.end();
    await Promise.all(subscriptions.map((subscription) => subscription.close()));
  }
}

function fromWire(item: WireItem): SaveConfigurationItem {
  return {
    key: item.key,
    content: item.content,
    group: item.group,
    label: item.label,
    tags: item.tags,
    metadata: item.metadata,
  };
}
