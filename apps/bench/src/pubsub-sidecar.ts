import type { Client } from "@connectrpc/connect";
import { Runtime } from "@layer8/proto";
import { type StartedSidecar, startSidecar } from "@layer8/sidecar/testing";
import { startAppCallbackServer } from "./app-callback-server.js";
import { benchClient } from "./bench-client.js";

/** A sidecar with one pubsub component, delivering one topic to an app in the bench process. */
export interface PubSubSidecar {
  sidecar: StartedSidecar;
  client: Client<typeof Runtime>;
  close(): Promise<void>;
}

/**
 * Starts the app (AppCallback over gRPC, telling `received` each event id) and a sidecar calling
 * it, and resolves once the sidecar has read the app's subscription to `topic` and opened it.
 */
export async function startPubSubSidecar(
  component: { type: string; metadata: Record<string, unknown> },
  topic: string,
  received: (id: string) => void,
): Promise<PubSubSidecar> {
  const app = await startAppCallbackServer({ pubsubName: "bench", topic }, received);
  const sidecar = await startSidecar({
    config: {
      appId: "bench",
      app: { grpcCallback: app.address },
      components: { pubsub: { bench: component } },
    },
  });
  try {
    await subscribed(() => sidecar.output());
  } catch (error) {
    await sidecar.stop();
    await app.close();
    throw error;
  }
  return {
    sidecar,
    client: benchClient(Runtime, sidecar.address),
    close: async () => {
      await sidecar.stop();
      await app.close();
    },
  };
}

/** Resolves once the sidecar has read the app's subscription and opened it. */
async function subscribed(output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!/reached: it lists 1 subscription\(s\); 1 opened/.test(output())) {
    if (Date.now() > deadline) {
      throw new Error(`the sidecar did not subscribe for the app; output:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
