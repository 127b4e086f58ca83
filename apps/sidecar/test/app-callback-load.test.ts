import { createHash, randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { startSidecar } from "../src/testing/index.js";
import { startTestApp, until } from "./app-callback-app.js";
import { runtimeClient } from "./runtime-client.js";

// 10,000 events published by 8 concurrent publishers through the sidecar (PublishEvent) and
// delivered over AppCallback: every one arrives, byte for byte, and each topic's subscription
// (concurrency 1) sees each publisher's events in the order it published them.

const EVENTS = 10_000;
const PUBLISHERS = 8;
/** Two publishers per topic, so that a topic interleaves concurrent publishers. */
const TOPICS = 4;

// The memory driver, so that the figures are the sidecar's own path (PublishEvent in, OnTopicEvent
// out): the library's conformance suite already runs this load on every driver in-process. On
// the shared 2-core machine (load average 11-18) this took 80-185 s on memory and 121 s on redis
// for 46 s of CPU in all (sidecar and this process, 20,000 gRPC calls): about 25 s on two idle
// cores. The timeout is generous for a busy machine.
const driver = { type: "memory", metadata: {} };

describe(`10,000 events through the sidecar to the app (${driver.type})`, () => {
  it(`from ${PUBLISHERS} concurrent publishers: all delivered, intact, in each publisher's order`, async () => {
    const run = randomUUID().slice(0, 8);
    const topics = Array.from({ length: TOPICS }, (_, t) => `load-${driver.type}-${run}-${t}`);
    const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");
    /** id → the SHA-256 of the payload published under it. */
    const sent = new Map<string, string>();
    /** id → how many times it was delivered. */
    const delivered = new Map<string, number>();
    let corrupted = 0;
    let outOfOrder = 0;
    /** Per topic and publisher: the last sequence number delivered. */
    const last = new Map<string, number>();
    const app = await startTestApp({
      subscriptions: topics.map((topic) => ({ pubsubName: "events", topic })),
      answer: async (event) => {
        if (sent.get(event.id) !== sha256(event.data)) corrupted += 1;
        const [publisher, sequence] = event.id.split(":").slice(1).map(Number) as [number, number];
        const key = `${event.topic}/${publisher}`;
        if ((last.get(key) ?? -1) >= sequence) outOfOrder += 1;
        last.set(key, sequence);
        delivered.set(event.id, (delivered.get(event.id) ?? 0) + 1);
        return "SUCCESS";
      },
    });
    // Not kept as `received`: 10,000 events would only hold memory.
    const sidecar = await startSidecar({
      config: {
        appId: `load-${run}`,
        app: { grpcCallback: app.address },
        components: { pubsub: { events: { type: driver.type, metadata: driver.metadata } } },
      },
    });
    try {
      await until(() => sidecar.output().includes(`${TOPICS} opened`), "the subscriptions");
      const client = runtimeClient(sidecar.address);
      const started = Date.now();
      const sidecarCpuBefore = cpuSecondsOf(sidecar.pid);
      const ownCpuBefore = process.cpuUsage();
      await Promise.all(
        Array.from({ length: PUBLISHERS }, async (_, publisher) => {
          const topic = topics[publisher % TOPICS]!;
          for (let sequence = 0; sequence < EVENTS / PUBLISHERS; sequence++) {
            const id = `${run}:${publisher}:${sequence}`;
            // Binary payloads of varied length, so any mix-up or truncation shows.
            const data = randomBytes(16 + ((publisher * 31 + sequence) % 240));
            sent.set(id, sha256(data));
            await client.publishEvent({
              pubsubName: "events",
              topic,
              data,
              dataContentType: "application/octet-stream",
              metadata: { "cloudevent.id": id },
            });
          }
        }),
      );
      const publishedMs = Date.now() - started;
      await until(() => delivered.size === EVENTS, "every event delivered", 180_000);
      const deliveredMs = Date.now() - started;
      const twice = [...delivered.values()].filter((count) => count > 1).length;
      const sidecarCpu = cpuSecondsOf(sidecar.pid) - sidecarCpuBefore;
      const ownCpu = process.cpuUsage(ownCpuBefore);
      console.log(
        `${driver.type}: ${EVENTS} events published by ${PUBLISHERS} publishers in ${publishedMs} ms (${Math.round((EVENTS / publishedMs) * 1000)}/s), all delivered after ${deliveredMs} ms (${Math.round((EVENTS / deliveredMs) * 1000)}/s); ${twice} delivered twice; CPU: sidecar ${sidecarCpu.toFixed(1)} s, test process (publishers and app) ${((ownCpu.user + ownCpu.system) / 1e6).toFixed(1)} s`,
      );
      expect(corrupted).toBe(0);
      expect(outOfOrder).toBe(0);
      expect(twice).toBe(0);
    } finally {
      expect(await sidecar.stop()).toBe(0);
      await app.stop();
    }
  }, 480_000);
});

/** CPU time (user + system) a process has used so far, in seconds, from /proc (Linux). */
function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    // utime and stime, fields 14 and 15 of stat, in clock ticks of 1/100 s.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}
