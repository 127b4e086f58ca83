import {
  closeKafka,
  connectKafka,
  type KafkaClient,
  kafkaConnectionMetadata,
} from "@layer8/connections";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createPubSub, kafkaPubSubDriver, type PubSub } from "../index.js";
import { Inbox } from "../testing/harness.js";
import { describePubSubConformance } from "../testing/index.js";
import { kafkaGroupId } from "./kafka.js";

const text = (value: string) => new TextEncoder().encode(value);

const brokers = process.env.KAFKA_BROKERS;

describePubSubConformance({
  name: "kafka (in-process)",
  features: ["persistent"],
  pubsubName: "events",
  appId: "conformance",
  redeliveryWithinMs: 15_000,
  // Kafka brokers take messages of up to 1 MB by default; binary data grows by a third in the
  // envelope (base64).
  maxPayloadBytes: 512 * 1024,
  skipReason: brokers ? undefined : "KAFKA_BROKERS is not set",
  setup: async () => ({
    open: async () => {
      const pubsub = createPubSub({
        driver: kafkaPubSubDriver,
        name: "events",
        appId: "conformance",
        metadata: {
          brokers,
          sessionTimeoutMs: 6000,
          heartbeatIntervalMs: 500,
          maxPayloadBytes: 512 * 1024,
        },
      });
      await pubsub.init();
      return { pubsub, close: () => pubsub.close() };
    },
  }),
});

describe.skipIf(!brokers)(
  `kafka pubsub layout and offsets${brokers ? "" : " (skipped: KAFKA_BROKERS is not set)"}`,
  () => {
    const opened: PubSub[] = [];
    let admin: KafkaClient;
    const open = async (metadata: Record<string, unknown> = {}) => {
      const pubsub = createPubSub({
        driver: kafkaPubSubDriver,
        name: "events",
        appId: "layout",
        metadata: { brokers, sessionTimeoutMs: 6000, heartbeatIntervalMs: 500, ...metadata },
      });
      await pubsub.init();
      opened.push(pubsub);
      return pubsub;
    };
    const topicName = (label: string) =>
      `layout-${label}-${process.pid}-${Date.now().toString(36)}`;
    const committed = async (group: string, topic: string) => {
      const [offsets] = await admin.admin.fetchOffsets({
        groupId: kafkaGroupId(group, topic),
        topics: [topic],
      });
      return offsets?.partitions[0]?.offset;
    };

    beforeAll(async () => {
      admin = await connectKafka(z.object(kafkaConnectionMetadata).parse({ brokers }));
    });
    afterAll(async () => {
      await Promise.all(opened.map((pubsub) => pubsub.close()));
      if (admin) await closeKafka(admin);
    });

    it("commits a group's offset only past events the handler answered", async () => {
      const pubsub = await open();
      const topic = topicName("commit");
      let release: () => void = () => undefined;
      const inbox = new Inbox((event) =>
        new TextDecoder().decode(event.data) === "held"
          ? new Promise((resolve) => {
              release = () => resolve("DROP");
            })
          : "SUCCESS",
      );
      await pubsub.subscribe({ topic, consumerGroup: "g", handler: inbox.handler });
      const start = Number(await committed("g", topic));
      await pubsub.publish({ topic, data: text("answered") });
      await pubsub.publish({ topic, data: text("held") });
      await inbox.waitFor(2);
      await until(
        async () => Number(await committed("g", topic)) === start + 1,
        "the first commit",
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(Number(await committed("g", topic)), "committed past the held event").toBe(start + 1);
      release();
      await until(
        async () => Number(await committed("g", topic)) === start + 2,
        "the commit after DROP",
      );
    });

    it("sends the envelope as the record value, headers as record headers, partitionKey as the key", async () => {
      const pubsub = await open();
      const topic = topicName("record");
      await pubsub.publish({
        topic,
        data: text('{"a":1}'),
        dataContentType: "application/json",
        metadata: { partitionKey: "order-7" },
      });
      const consumer = admin.kafka.consumer({
        groupId: `raw-reader-${topic}`,
        maxWaitTimeInMs: 200,
      });
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      const records: { key: string; value: string; type: string }[] = [];
      await consumer.run({
        eachMessage: async ({ message }) => {
          records.push({
            key: message.key?.toString() ?? "",
            value: message.value?.toString() ?? "",
            type: message.headers?.["content-type"]?.toString() ?? "",
          });
        },
      });
      try {
        await until(async () => records.length === 1, "the record");
      } finally {
        await consumer.disconnect();
      }
      expect(records[0]!.key).toBe("order-7");
      expect(records[0]!.type).toBe("application/cloudevents+json");
      expect(JSON.parse(records[0]!.value)).toMatchObject({
        topic,
        pubsubname: "events",
        data: { a: 1 },
      });
    });

    it("initialOffset: a new group starts at what is published from its first subscription (default) or at the oldest", async () => {
      const newest = await open();
      const oldest = await open({ initialOffset: "oldest" });
      const topic = topicName("offset");
      await newest.publish({ topic, data: text("before any group") });
      const fromNewest = new Inbox();
      const fromOldest = new Inbox();
      await newest.subscribe({ topic, consumerGroup: "from-newest", handler: fromNewest.handler });
      await oldest.subscribe({ topic, consumerGroup: "from-oldest", handler: fromOldest.handler });
      await newest.publish({ topic, data: text("after") });
      await fromOldest.waitFor(2);
      await fromNewest.waitFor(1);
      expect(fromOldest.texts).toEqual(["before any group", "after"]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(fromNewest.texts).toEqual(["after"]);
    });
  },
);

async function until(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
