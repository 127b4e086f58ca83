import { createServer, type Server, type Socket } from "node:net";
import { Code } from "@layer8/core";
import {
  KafkaJSConnectionError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  KafkaJSRequestTimeoutError,
} from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  closeKafka,
  connectKafka,
  describeKafka,
  type KafkaClient,
  kafkaConnectionMetadata,
  kafkaError,
  kafkaHealth,
  kafkaOptions,
} from "./kafka.js";
import { startKafkaServer } from "./testing/kafka-server.js";
import type { TestServer } from "./testing/servers.js";

const parse = (raw: Record<string, unknown>) => z.strictObject(kafkaConnectionMetadata).parse(raw);
const issues = (raw: Record<string, unknown>) =>
  z
    .strictObject(kafkaConnectionMetadata)
    .safeParse(raw)
    .error?.issues.map((i) => i.message) ?? [];

describe("kafka connection metadata", () => {
  it("reads comma-separated brokers, trimming blanks and adding the default port", () => {
    expect(parse({ brokers: " 10.0.0.1:9093, kafka-2 ,,[::1]:19092" }).brokers).toEqual([
      "10.0.0.1:9093",
      "kafka-2:9092",
      "[::1]:19092",
    ]);
  });

  it("also takes the brokers as a list, and fills the defaults", () => {
    expect(parse({ brokers: ["a:1", "b:2"] })).toEqual({
      brokers: ["a:1", "b:2"],
      clientId: "layer8",
      saslMechanism: "plain",
      tls: false,
      connectTimeoutMs: 5000,
      requestTimeoutMs: 30_000,
    });
  });

  it("names what is wrong with a broker address, and asks for at least one", () => {
    expect(issues({ brokers: "kafka://a:9092" })).toEqual([
      "'kafka://a:9092' is not a broker address; write host:port, e.g. 127.0.0.1:9092",
    ]);
    expect(issues({ brokers: "a:99999" })[0]).toMatch(/not a broker address/);
    expect(issues({ brokers: " , " })).toEqual(["list at least one broker, e.g. 127.0.0.1:9092"]);
    expect(issues({})).toHaveLength(1);
  });

  it("turns metadata into kafkajs options, with SASL and TLS, and never logs", () => {
    const options = kafkaOptions(
      parse({
        brokers: "a:1",
        username: "u",
        password: "p",
        saslMechanism: "scram-sha-512",
        tls: "true",
      }),
    );
    expect(options).toMatchObject({
      brokers: ["a:1"],
      ssl: true,
      sasl: { mechanism: "scram-sha-512", username: "u", password: "p" },
      logLevel: 0,
    });
    expect(kafkaOptions(parse({ brokers: "a:1" })).sasl).toBeUndefined();
    expect(describeKafka(options)).toBe("kafka a:1");
  });

  it("refuses a password without a username, naming the field", () => {
    expect(() => kafkaOptions(parse({ brokers: "a:1", password: "p" }))).toThrow(
      expect.objectContaining({ code: Code.InvalidArgument, field: "username" }),
    );
  });
});

describe("kafka error mapping", () => {
  it("maps kafkajs's own error classes, looking through retries to the first cause", () => {
    const refused = new KafkaJSConnectionError("Connection error: connect ECONNREFUSED");
    expect(kafkaError(refused).code).toBe(Code.Unavailable);
    const retried = new KafkaJSNumberOfRetriesExceeded(refused, { retryCount: 2, retryTime: 100 });
    expect(kafkaError(retried).code).toBe(Code.Unavailable);
    expect(kafkaError(new KafkaJSRequestTimeoutError("Request Produce timed out")).code).toBe(
      Code.DeadlineExceeded,
    );
    // kafkajs builds these from a broker's error code; its typings only admit an Error.
    const protocol = (type: string) =>
      new KafkaJSProtocolError(Object.assign(new Error(type), { type, code: 1, retriable: false }));
    expect(kafkaError(protocol("MESSAGE_TOO_LARGE")).code).toBe(Code.InvalidArgument);
    expect(kafkaError(protocol("TOPIC_AUTHORIZATION_FAILED")).code).toBe(Code.PermissionDenied);
    expect(kafkaError(protocol("UNKNOWN_SERVER_ERROR")).code).toBe(Code.Internal);
    expect(kafkaError(new Error("boom")).rawMessage).toBe("kafka failed: boom");
  });
});

describe("connecting to kafka", () => {
  let silent: Server;
  let silentPort = 0;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    // Accepts connections and never answers: a broker that hangs.
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    silentPort = (silent.address() as { port: number }).port;
  });
  afterAll(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it("fails with UNAVAILABLE, naming the brokers, within the connect time when nothing answers", async () => {
    const started = Date.now();
    const attempt = connectKafka(
      parse({ brokers: `127.0.0.1:${silentPort}`, connectTimeoutMs: 500 }),
    );
    await expect(attempt).rejects.toMatchObject({
      code: Code.Unavailable,
      rawMessage: expect.stringContaining(`cannot connect to kafka 127.0.0.1:${silentPort}`),
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

const brokers = process.env.KAFKA_BROKERS;
const libs = process.env.LAYER8_KAFKA_LIBS;

describe.skipIf(!brokers)(
  `a real kafka${brokers ? "" : " (skipped: KAFKA_BROKERS is not set; npm test starts Kafka)"}`,
  () => {
    it("connects and reports UP with the broker count", async () => {
      const client = await connectKafka(parse({ brokers: brokers! }));
      try {
        const health = await kafkaHealth(client);
        expect(health).toMatchObject({ status: "UP", details: { brokers: 1 } });
      } finally {
        await closeKafka(client);
      }
    });
  },
);

describe.skipIf(!libs)(
  `a kafka of the test's own${libs ? "" : " (skipped: LAYER8_KAFKA_LIBS is not set; npm test fetches Kafka)"}`,
  () => {
    let server: TestServer;
    let client: KafkaClient;
    beforeAll(async () => {
      server = await startKafkaServer({ libs: libs! });
      client = await connectKafka(parse({ brokers: server.url, requestTimeoutMs: 2000 }));
    }, 60_000);
    afterAll(async () => {
      await closeKafka(client);
      await server.dispose();
    });

    it("goes DOWN when the broker is killed and UP again after its restart", async () => {
      expect((await kafkaHealth(client)).status).toBe("UP");
      await server.kill();
      const down = await kafkaHealth(client, 3000);
      expect(down.status).toBe("DOWN");
      await server.restart();
      let health = await kafkaHealth(client, 3000);
      for (let i = 0; i < 20 && health.status !== "UP"; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        health = await kafkaHealth(client, 3000);
      }
      expect(health.status).toBe("UP");
    }, 90_000);
  },
);
