import type { MessageInitShape } from "@bufbuild/protobuf";
import { ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import type {
  ConfigApi,
  ConfigurationItem,
  ConfigurationListener,
  ConfigurationSubscription,
  SubscribeConfigurationRequest,
} from "@layer8/config";
import { type Code, Layer8Error } from "@layer8/core";
import {
  Runtime,
  type SubscribeConfigurationRequestSchema,
  type ConfigurationItem as WireItem,
} from "@layer8/proto";
import { SUBSCRIBE_ACK_HEADER } from "../src/server/config-service.js";
import { Outbox } from "../src/server/outbox.js";

export type RuntimeClient = ReturnType<typeof createClient<typeof Runtime>>;

export function connect(address: string): RuntimeClient {
  return createClient(Runtime, createGrpcTransport({ baseUrl: `http://${address}` }));
}

/** A wire item as a plain object, as the Configuration API returns items. */
export function plainItem(item: WireItem): ConfigurationItem {
  return {
    key: item.key,
    content: item.content,
    group: item.group,
    label: item.label,
    tags: { ...item.tags },
    metadata: { ...item.metadata },
  };
}

/** gRPC errors as the Layer8Errors they were in the sidecar: same code, same message. */
export async function wire<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw layer8(error);
  }
}

function layer8(error: unknown): Layer8Error {
  if (!(error instanceof ConnectError)) return Layer8Error.from(error);
  return new Layer8Error(error.code as number as Code, error.rawMessage, { cause: error });
}

/**
 * The Configuration API over the sidecar's gRPC API, as an SDK would wrap it. Each subscription
 * is a SubscribeConfiguration stream of its own, asking for the sidecar's acknowledgement so that
 * `subscribe` resolves once the subscription is live; `close()` ends the client's side of the
 * stream, and the sidecar then ends the stream.
 */
export class GrpcConfigApi implements ConfigApi {
  constructor(
    private readonly client: RuntimeClient,
    private readonly storeName: string,
  ) {}

  async get(request: Parameters<ConfigApi["get"]>[0]) {
    const { items } = await wire(() =>
      this.client.getConfiguration({
        storeName: this.storeName,
        appId: request.appId ?? "",
        group: request.group ?? "",
        label: request.label ?? "",
        keys: [...(request.keys ?? [])],
        metadata: { ...request.metadata },
      }),
    );
    return { items: items.map(plainItem) };
  }

  async save(request: Parameters<ConfigApi["save"]>[0]) {
    await wire(() =>
      this.client.saveConfiguration({
        storeName: this.storeName,
        appId: request.appId ?? "",
        items: request.items.map((item) => ({
          key: item.key,
          content: item.content,
          group: item.group ?? "",
          label: item.label ?? "",
          tags: { ...item.tags },
          metadata: { ...item.metadata },
        })),
        metadata: { ...request.metadata },
      }),
    );
  }

  async delete(request: Parameters<ConfigApi["delete"]>[0]) {
    await wire(() =>
      this.client.deleteConfiguration({
        storeName: this.storeName,
        appId: request.appId ?? "",
        group: request.group ?? "",
        label: request.label ?? "",
        keys: [...request.keys],
        metadata: { ...request.metadata },
      }),
    );
  }

  async subscribe(
    request: SubscribeConfigurationRequest,
    onChange: ConfigurationListener,
  ): Promise<ConfigurationSubscription> {
    const requests = new Outbox<MessageInitShape<typeof SubscribeConfigurationRequestSchema>>();
    requests.push({
      storeName: this.storeName,
      appId: request.appId ?? "",
      group: request.group ?? "",
      label: request.label ?? "",
      keys: [...(request.keys ?? [])],
      metadata: { ...request.metadata },
    });
    const responses = this.client.subscribeConfiguration(requests, {
      headers: { [SUBSCRIBE_ACK_HEADER]: "true" },
    });
    let live!: () => void;
    let refused!: (error: Layer8Error) => void;
    const started = new Promise<void>((resolve, reject) => {
      live = resolve;
      refused = reject;
    });
    const closed = (async (): Promise<Layer8Error | undefined> => {
      let acknowledged = false;
      try {
        for await (const response of responses) {
          if (response.items.length === 0 && !acknowledged) {
            acknowledged = true;
            live();
            continue;
          }
          onChange(response.items.map(plainItem));
        }
        if (!acknowledged) refused(layer8(new Error("the stream ended before the subscription")));
        return undefined;
      } catch (error) {
        refused(layer8(error));
        return layer8(error);
      } finally {
        // The sidecar has ended the stream: end our side too, or the stream stays half open.
        requests.end();
      }
    })();
    await started;
    return {
      closed,
      close: async () => {
        requests.end();
        await closed;
      },
    };
  }
}
