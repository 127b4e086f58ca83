import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import { connectKafka, connectRedis, kafkaConnectionMetadata } from "@layer8/connections";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  createPubSub,
  kafkaPubSubDriver,
  type PubSubDriverDefinition,
  redisPubSubDriver,
} from "../index.js";
import { kafkaGroupId } from "./kafka.js";

/**
 * A consumer killed while it holds unacknowledged events: it runs in a child process that is
 * SIGKILLed, as a crashing sidecar would be, with no chance to hand anything back. The child runs
 * the built package (`dist`), so a stale build would test old code: the tests refuse to run
 * against a build older than its sources. (`turbo run test` builds first.)
 */
const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const builtIndex = join(packageRoot, "dist", "index.js");
const script = join(tmpdir(), `layer8-pubsub-crash-${process.pid}.mjs`);
const EVENTS = 30;
const ACKED = 5;
const HELD = 4;

function staleBuild(): string | undefined {
  const sources = join(packageRoot, "src");
  const walk = (dir: string): string | undefined => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        const found = walk(path);
        if (found) return found;
        continue;
      }
      if (!entry.name.endsWith(".ts") || entry.name.endsWith(".test.ts")) continue;
      const built = join(
        packageRoot,
        "dist",
        path.slice(sources.length + 1).replace(/\.ts$/, ".js"),
      );
      let builtAt: number;
      try {
        builtAt = statSync(built).mtimeMs;
      } catch {
        return `${built} is missing`;
      }
      if (statSync(path).mtimeMs > builtAt) return `${built} is older than its source`;
    }
    return undefined;
  };
  return walk(sources);
}

/**
 * The child: subscribes with concurrency 4, acknowledges the first `ackFirst` events it sees and
 * holds every later one forever, reporting each event on stdout.
 */
const CHILD = `
import { createPubSub, pubsubDrivers } from ${JSON.stringify(pathToFileURL(builtIndex).href)};
const [type, metadata, topic, group, ackFirst] = process.argv.slice(2);
const say = (message) => process.stdout.write(JSON.stringify(message) + "\\n");
const driver = pubsubDrivers.find((candidate) => candidate.type === type);
const pubsub = createPubSub({ driver, appId: "crash", metadata: JSON.parse(metadata) });
await pubsub.init();
let seen = 0;
await pubsub.subscribe({
  topic,
  consumerGroup: group,
  concurrency: ${HELD},
  handler: async (event) => {
    seen += 1;
    const text = new TextDecoder().decode(event.data);
    if (seen <= Number(ackFirst)) {
      say({ acked: text });
      return "SUCCESS";
    }
    say({ holding: text });
    return new Promise(() => undefined);
  },
});
say({ ready: process.pid });
`;

interface Backend {
  name: string;
  skipReason: string | undefined;
  type: "redis" | "kafka";
  /** The metadata of both the child and the consumer that takes over. */
  metadata: Record<string, unknown>;
  /** How long the backend waits before a dead consumer's events go to another. */
  takeOverMs: number;
  /** True once the backend has recorded the first `count` events as acknowledged by `group`. */
  acknowledged(topic: string, group: string, count: number): Promise<boolean>;
  /** True when the group has nothing unacknowledged left. */
  settled(topic: string, group: string, events: number): Promise<boolean>;
}

const redisUrl = process.env.REDIS_URL;
const kafkaBrokers = process.env.KAFKA_BROKERS;

const backends: Backend[] = [
  {
    name: "redis",
    skipReason: redisUrl ? undefined : "REDIS_URL is not set",
    type: "redis",
    metadata: { url: redisUrl, processingTimeoutMs: 1500, redeliverIntervalMs: 250 },
    takeOverMs: 1500,
    acknowledged: async (topic, group, count) => {
      const redis = await connectRedis({ url: redisUrl, connectTimeoutMs: 5000, timeoutMs: 5000 });
      try {
        const first = (await redis.xrange(topic, "-", "+", "COUNT", count)).map(([id]) => id);
        const pending = (await redis.xpending(topic, group, "-", "+", 1000)) as [string][];
        const pendingIds = new Set(pending.map(([id]) => id));
        return first.length === count && first.every((id) => !pendingIds.has(id));
      } finally {
        redis.disconnect();
      }
    },
    settled: async (topic, group) => {
      const redis = await connectRedis({ url: redisUrl, connectTimeoutMs: 5000, timeoutMs: 5000 });
      try {
        return ((await redis.xpending(topic, group)) as [number])[0] === 0;
      } finally {
        redis.disconnect();
      }
    },
  },
  {
    name: "kafka",
    skipReason: kafkaBrokers ? undefined : "KAFKA_BROKERS is not set",
    type: "kafka",
    // 6 s is the least session timeout a broker accepts by default.
    metadata: { brokers: kafkaBrokers, sessionTimeoutMs: 6000, heartbeatIntervalMs: 500 },
    takeOverMs: 6000,
    acknowledged: (topic, group, count) => committedAtLeast(topic, group, count),
    settled: (topic, group, events) => committedAtLeast(topic, group, events),
  },
];

async function committedAtLeast(topic: string, group: string, count: number): Promise<boolean> {
  const client = await connectKafka(
    z.object(kafkaConnectionMetadata).parse({ brokers: kafkaBrokers }),
  );
  try {
    const [offsets] = await client.admin.fetchOffsets({
      groupId: kafkaGroupId(group, topic),
      topics: [topic],
    });
    return Number(offsets?.partitions[0]?.offset ?? -1) >= count;
  } finally {
    await client.admin.disconnect();
  }
}

const children: ChildProcess[] = [];

function startConsumer(backend: Backend, topic: string, group: string) {
  const child = spawn(
    process.execPath,
    [script, backend.type, JSON.stringify(backend.metadata), topic, group, String(ACKED)],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  children.push(child);
  const acked: string[] = [];
  const holding: string[] = [];
  let ready = false;
  createInterface({ input: child.stdout! }).on("line", (line) => {
    const message = JSON.parse(line) as { ready?: number; acked?: string; holding?: string };
    if (message.ready) ready = true;
    if (message.acked) acked.push(message.acked);
    if (message.holding) holding.push(message.holding);
  });
  return {
    child,
    acked,
    holding,
    get ready() {
      return ready;
    },
  };
}

async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(() => {
  if (backends.every((backend) => backend.skipReason)) return;
  const stale = staleBuild();
  if (stale !== undefined) {
    throw new Error(`${stale}: build @layer8/pubsub first (pnpm --filter @layer8/pubsub build)`);
  }
  writeFileSync(script, CHILD);
});
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(script, { force: true });
});

for (const backend of backends) {
  describe.skipIf(backend.skipReason !== undefined)(
    `${backend.name} pubsub: a consumer killed while holding events${backend.skipReason ? ` (skipped: ${backend.skipReason})` : ""}`,
    () => {
      it("after SIGKILL, a new consumer of the group receives every event the dead one had not acknowledged, and none it had", async () => {
        const driver: PubSubDriverDefinition =
          backend.type === "redis" ? redisPubSubDriver : kafkaPubSubDriver;
        const topic = `crash-${backend.type}-${process.pid}-${Date.now().toString(36)}`;
        const group = "crash-group";
        const pubsub = createPubSub({ driver, appId: "crash", metadata: backend.metadata });
        await pubsub.init();
        try {
          const doomed = startConsumer(backend, topic, group);
          await until(() => doomed.ready, "the child consumer is subscribed", 20_000);
          const all = Array.from({ length: EVENTS }, (_, i) => `e${i}`);
          for (const payload of all) {
            await pubsub.publish({ topic, data: new TextEncoder().encode(payload) });
          }
          // 5 acknowledged (and recorded by the backend), 4 held in handlers: kill it now.
          await until(() => doomed.holding.length === HELD, `the child holds ${HELD} events`);
          await until(
            () => backend.acknowledged(topic, group, ACKED),
            "the backend has the acknowledgements",
          );
          doomed.child.kill("SIGKILL");
          await new Promise((resolve) => doomed.child.once("exit", resolve));
          const killedAt = performance.now();
          expect(doomed.acked).toEqual(all.slice(0, ACKED));

          const received: string[] = [];
          await pubsub.subscribe({
            topic,
            consumerGroup: group,
            handler: async (event) => {
              received.push(new TextDecoder().decode(event.data));
              return "SUCCESS";
            },
          });
          const rest = all.slice(ACKED);
          await until(
            () => rest.every((payload) => received.includes(payload)),
            `every unacknowledged event (got ${received.length})`,
            backend.takeOverMs + 15_000,
          );
          // Taken over no sooner than the backend gives up on the dead consumer.
          expect(performance.now() - killedAt).toBeGreaterThanOrEqual(backend.takeOverMs - 700);
          expect(received.filter((payload) => doomed.acked.includes(payload))).toEqual([]);
          await until(
            () => backend.settled(topic, group, EVENTS),
            "nothing left unacknowledged in the group",
          );
        } finally {
          await pubsub.close();
        }
      }, 45_000);
    },
  );
}
