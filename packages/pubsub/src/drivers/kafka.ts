import {
  closeKafka,
  connectKafka,
  type KafkaClient,
  kafkaConnectionMetadata,
  kafkaError,
  kafkaHealth,
  millis,
} from "@layer8/connections";
import { Code, defineDriver, type Health, Layer8Error } from "@layer8/core";
import { z } from "zod";
import {
  type DriverConsume,
  type DriverConsumer,
  type DriverMessageHandler,
  type DriverPublish,
  type PubSubDriver,
  type PubSubDriverDefinition,
  PubSubFeature,
} from "../driver.js";
import { KafkaGroupMember } from "./kafka-consumer.js";
import { KafkaPublisher } from "./kafka-publisher.js";
import { whileRetriable } from "./kafka-retry.js";

const metadata = z.strictObject({
  ...kafkaConnectionMetadata,
  /**
   * Where a new consumer group starts: `newest` (default, as Dapr's Kafka pub/sub) receives what
   * is published from its first subscription on; `oldest` everything still in the topic.
   */
  initialOffset: z.enum(["oldest", "newest"]).default("newest"),
  /**
   * Partitions of the topics this driver creates. Default 1: the topic keeps its order and goes
   * to one member of a group at a time. More partitions let members share the topic; order then
   * holds per partition (events with the same `partitionKey`).
   */
  numPartitions: z.coerce.number().int().min(1).max(10_000).default(1),
  /** A member not heard from for this long leaves the group (it crashed). Default 30,000 ms. */
  sessionTimeoutMs: millis.default(30_000),
  /** How often a member tells the group it is alive. Default 3,000 ms. */
  heartbeatIntervalMs: millis.default(3_000),
});
type Options = z.output<typeof metadata>;

type Producer = ReturnType<KafkaClient["kafka"]["producer"]>;
type KafkaConsumer = ReturnType<KafkaClient["kafka"]["consumer"]>;

/**
 * The Kafka group id of a consumer group on one topic. Each (group, topic) is a Kafka group of
 * its own: Kafka rebalances a group whenever a member comes or goes, and every member must
 * finish its batch first, so one group across an app's topics would make every subscription
 * wait for the slowest handler of any topic (and kafkajs's assigner ignores what each member
 * subscribed to). Topic names never contain ':', so the id is unambiguous.
 */
export function kafkaGroupId(group: string, topic: string): string {
  return `${group}:${topic}`;
}

/**
 * Topics as Kafka topics, subscriptions as members of Kafka consumer groups (kafkajs). Publish
 * waits for every in-sync replica (acks=-1). A group's offsets are committed only after the
 * handler's verdict, so an unanswered event is read again by whichever member holds its
 * partition next.
 */
class KafkaPubSubDriver implements PubSubDriver {
  readonly features: readonly string[];
  readonly #options: Options;
  readonly #members = new Set<KafkaGroupMember>();
  /** Topics known to exist, so each is created (or found) once. */
  readonly #topics = new Map<string, Promise<void>>();
  #client: KafkaClient | undefined;
  #producer: Producer | undefined;
  #publisher: KafkaPublisher | undefined;

  constructor(options: Options) {
    this.#options = options;
    this.features =
      options.numPartitions > 1
        ? [PubSubFeature.Persistent, PubSubFeature.Balanced]
        : [PubSubFeature.Persistent];
  }

  async init(): Promise<void> {
    const client = await connectKafka(this.#options);
    const producer = client.kafka.producer({ allowAutoTopicCreation: false });
    try {
      await producer.connect();
    } catch (error) {
      await closeKafka(client);
      throw kafkaError(error);
    }
    this.#client = client;
    this.#producer = producer;
    this.#publisher = new KafkaPublisher(producer);
  }

  async close(): Promise<void> {
    await Promise.all([...this.#members].map((member) => member.close()));
    const producer = this.#producer;
    const client = this.#client;
    this.#producer = undefined;
    this.#publisher = undefined;
    this.#client = undefined;
    await producer?.disconnect().catch(() => undefined);
    if (client) await closeKafka(client);
  }

  async health(): Promise<Health> {
    if (!this.#client) return { status: "DOWN", details: { error: "not connected" } };
    return kafkaHealth(this.#client, this.#options.connectTimeoutMs);
  }

  async publish(request: DriverPublish): Promise<void> {
    const { publisher } = this.#connected();
    const { data } = request;
    try {
      await this.#ensureTopic(request.topic);
      await publisher.publish(request.topic, {
        key: request.metadata.partitionKey ?? null,
        value: Buffer.from(data.buffer, data.byteOffset, data.byteLength),
        headers: request.headers,
      });
    } catch (error) {
      throw kafkaError(error);
    }
  }

  async consume(
    request: DriverConsume,
    onMessage: DriverMessageHandler,
    onError: (error: Error) => void,
  ): Promise<DriverConsumer> {
    const { client } = this.#connected();
    const groupId = kafkaGroupId(request.group, request.topic);
    const consumer = client.kafka.consumer({
      groupId,
      sessionTimeout: this.#options.sessionTimeoutMs,
      heartbeatInterval: this.#options.heartbeatIntervalMs,
      // A fetch waits this long for new messages: it bounds how long closing waits for it.
      maxWaitTimeInMs: 500,
      allowAutoTopicCreation: false,
    });
    const member = new KafkaGroupMember(
      consumer,
      {
        topic: request.topic,
        maxInFlight: request.maxInFlight,
        heartbeatIntervalMs: this.#options.heartbeatIntervalMs,
      },
      onMessage,
      onError,
    );
    try {
      await this.#ensureTopic(request.topic);
      const start = await this.#startOfNewGroup(client, groupId, request.topic);
      const positioned = start ? seekOnFirstJoin(consumer, request.topic, start) : undefined;
      consumer.on(consumer.events.CRASH, (event) => onError(kafkaError(event.payload.error)));
      await consumer.connect();
      await consumer.subscribe({
        topics: [request.topic],
        fromBeginning: this.#options.initialOffset === "oldest",
      });
      // Resolves once the member has joined the group for the first time.
      await member.start();
      const offsets = positioned?.() ?? [];
      // Committed now, so the group's start holds even if this member leaves before it
      // acknowledged anything. (kafkajs drops commits made before run() has resolved.)
      if (offsets.length > 0) {
        await whileRetriable(() => consumer.commitOffsets(offsets), this.#options.requestTimeoutMs);
      }
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw kafkaError(error);
    }
    this.#members.add(member);
    return {
      close: async () => {
        this.#members.delete(member);
        await member.close();
      },
    };
  }

  /**
   * For a group that has never committed on the topic and starts at `newest`: where it starts,
   * per partition (the topic's end now). Left to the consumer, `newest` would mean "the end when
   * the member first fetches", and events published in between would be missed.
   */
  async #startOfNewGroup(
    client: KafkaClient,
    groupId: string,
    topic: string,
  ): Promise<Map<number, string> | undefined> {
    if (this.#options.initialOffset === "oldest") return undefined; // the beginning needs no fixing
    const within = this.#options.requestTimeoutMs;
    const [committed] = await whileRetriable(
      () => client.admin.fetchOffsets({ groupId, topics: [topic] }),
      within,
    );
    if (committed?.partitions.some((partition) => partition.offset !== "-1")) return undefined;
    const ends = await whileRetriable(() => client.admin.fetchTopicOffsets(topic), within);
    return new Map(ends.map(({ partition, high }) => [partition, high]));
  }

  #ensureTopic(topic: string): Promise<void> {
    let ensured = this.#topics.get(topic);
    if (!ensured) {
      const { admin } = this.#connected().client;
      ensured = whileRetriable(
        () =>
          admin.createTopics({
            topics: [{ topic, numPartitions: this.#options.numPartitions }],
            waitForLeaders: true,
          }),
        this.#options.requestTimeoutMs,
      ).then(() => undefined);
      // A failure is not remembered: the next call tries again.
      ensured.catch(() => this.#topics.delete(topic));
      this.#topics.set(topic, ensured);
    }
    return ensured;
  }

  #connected(): { client: KafkaClient; publisher: KafkaPublisher } {
    if (this.#client && this.#publisher)
      return { client: this.#client, publisher: this.#publisher };
    throw new Layer8Error(Code.Unavailable, "the kafka pubsub driver is not connected (call init)");
  }
}

/** Topics as Kafka topics, subscriptions as consumer groups (kafkajs). Type `kafka`. */
export const kafkaPubSubDriver: PubSubDriverDefinition<typeof metadata> = defineDriver({
  block: "pubsub",
  type: "kafka",
  description:
    "Apache Kafka (kafkajs): consumer groups, offsets committed only after the handler's SUCCESS or DROP.",
  metadata,
  create: (options) => new KafkaPubSubDriver(options),
});

/**
 * When the member first joins, moves it to `start` on the partitions it was given, before its
 * first fetch (the listener runs inside the join). Returns the offsets it moved to, to commit.
 */
function seekOnFirstJoin(
  consumer: KafkaConsumer,
  topic: string,
  start: Map<number, string>,
): () => { topic: string; partition: number; offset: string }[] {
  let offsets: { topic: string; partition: number; offset: string }[] = [];
  const stopListening = consumer.on(consumer.events.GROUP_JOIN, (event) => {
    stopListening();
    const partitions = event.payload.memberAssignment[topic] ?? [];
    offsets = partitions.flatMap((partition) => {
      const offset = start.get(partition);
      return offset === undefined ? [] : [{ topic, partition, offset }];
    });
    for (const offset of offsets) consumer.seek(offset);
  });
  return () => offsets;
}
