import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Client } from "@connectrpc/connect";
import {
  type ConfigDriverDefinition,
  type ConfigurationItem,
  createConfigStore,
  etcdConfigDriver,
  fileConfigDriver,
  memoryConfigDriver,
} from "@layer8/config";
import type { Runtime } from "@layer8/proto";
import { processTreeUsage } from "./process-usage.js";
import type { Row } from "./report.js";
import { anySelected, type Bench, type DirectAndSidecar, runDirectAndSidecar } from "./scenario.js";
import { sidecarWith } from "./sidecar-client.js";

const CONTENT = "x".repeat(100);
/** The sidecar's header asking it to answer each subscription once live (config-service.ts). */
const SUBSCRIBE_ACK_HEADER = "layer8-subscribe-ack";

/**
 * Notifies the waiter of each content when it reaches a subscriber: how an update's latency
 * (save, then the subscriber notified) is measured, with every update carrying a unique content.
 */
class Arrivals {
  readonly #waiters = new Map<string, () => void>();
  readonly #prefix: string;
  #next = 0;

  constructor(prefix: string) {
    this.#prefix = prefix;
  }

  received(items: readonly { content: string }[]): void {
    for (const item of items) this.#waiters.get(item.content)?.();
  }

  /** Saves a unique content with `save`, and resolves once a subscriber has received it. */
  async update(save: (content: string) => Promise<unknown>): Promise<void> {
    const content = `${this.#prefix}-${this.#next++}-${CONTENT}`;
    const arrived = new Promise<void>((resolve) => this.#waiters.set(content, resolve));
    await save(content);
    await arrived;
    this.#waiters.delete(content);
  }
}

/** A subscription to every key of the bench app through the sidecar, live once it resolves. */
async function sidecarSubscription(client: Client<typeof Runtime>, arrivals: Arrivals) {
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  async function* requests() {
    yield { storeName: "bench", appId: "bench" };
    await stopped;
  }
  const responses = client.subscribeConfiguration(requests(), {
    headers: { [SUBSCRIBE_ACK_HEADER]: "true" },
  });
  let live!: () => void;
  const started = new Promise<void>((resolve) => {
    live = resolve;
  });
  const reading = (async () => {
    for await (const response of responses) {
      if (response.items.length === 0) live();
      else arrivals.received(response.items);
    }
  })();
  await started;
  return {
    close: async () => {
      stop();
      await reading;
    },
  };
}

const SCENARIOS = ["GetConfiguration", "Save→subscriber notified"] as const;

/**
 * GetConfiguration of one 100 B item, and the latency of an update (save, then the subscriber
 * notified), direct and through the sidecar.
 */
export async function configRows(bench: Bench): Promise<Row[]> {
  const scratch = mkdtempSync(join(tmpdir(), "layer8-bench-config-"));
  const targets: [ConfigDriverDefinition, () => Promise<Record<string, unknown> | undefined>][] = [
    [memoryConfigDriver, async () => ({})],
    [
      fileConfigDriver,
      async () => ({ path: join(mkdtempSync(join(scratch, "file-")), "config.yaml") }),
    ],
    [etcdConfigDriver, () => bench.backends.connection("etcd")],
  ];
  const rows: Row[] = [];
  try {
    for (const [driver, metadataOf] of targets) {
      if (!anySelected(bench.settings, SCENARIOS, driver.type)) continue;
      // Each path its own file: two stores writing one file would each see the other's edits.
      // Another app id than the sidecar's ("bench"): on etcd, neither path sees the other's saves.
      const directMetadata = await metadataOf();
      const sidecarMetadata = await metadataOf();
      if (!directMetadata || !sidecarMetadata) continue;
      const direct = createConfigStore({ driver, metadata: directMetadata, appId: "bench-direct" });
      await direct.init();
      const { sidecar, client } = await sidecarWith("config", {
        type: driver.type,
        metadata: sidecarMetadata,
      });
      const directArrivals = new Arrivals("direct");
      const sidecarArrivals = new Arrivals("sidecar");
      const directSubscription = await direct.subscribe({}, (items: ConfigurationItem[]) =>
        directArrivals.received(items),
      );
      const sidecarSubscriptionOpen = await sidecarSubscription(client, sidecarArrivals);
      const sidecarUsage = processTreeUsage(sidecar.pid);
      try {
        const item = { key: "bench", content: CONTENT };
        await direct.save({ items: [item] });
        await client.saveConfiguration({ storeName: "bench", items: [item] });
        let slot = 0;
        const key = () => `update-${slot++ % 64}`;
        const paths: Record<(typeof SCENARIOS)[number], DirectAndSidecar> = {
          GetConfiguration: {
            direct: () => direct.get({ keys: ["bench"] }),
            sidecar: () => client.getConfiguration({ storeName: "bench", keys: ["bench"] }),
          },
          "Save→subscriber notified": {
            direct: () =>
              directArrivals.update((content) => direct.save({ items: [{ key: key(), content }] })),
            sidecar: () =>
              sidecarArrivals.update((content) =>
                client.saveConfiguration({ storeName: "bench", items: [{ key: key(), content }] }),
              ),
          },
        };
        rows.push(
          ...(await runDirectAndSidecar(
            SCENARIOS,
            paths,
            driver.type,
            sidecarUsage,
            bench.settings,
          )),
        );
      } finally {
        await directSubscription.close();
        await sidecarSubscriptionOpen.close();
        await sidecar.stop();
        await direct.close();
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return rows;
}
