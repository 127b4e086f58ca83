import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { closeKafka, connectKafka, kafkaConnectionMetadata } from "../kafka.js";
import { freePort, managed, type TestServer } from "./servers.js";

/**
 * Starts an Apache Kafka broker of the test's own: one JVM in KRaft mode (broker and controller
 * together), on loopback, with a throwaway log dir. `libs` is the directory of the broker's jars
 * (e.g. `process.env.LAYER8_KAFKA_LIBS`, which `npm test` fills from Maven Central). `url` is the
 * bootstrap address `127.0.0.1:P`. Needs `java` on the PATH.
 */
export async function startKafkaServer(options: { libs: string }): Promise<TestServer> {
  const port = await freePort();
  const controllerPort = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "layer8-kafka-"));
  const properties = join(dir, "server.properties");
  writeFileSync(
    properties,
    [
      "process.roles=broker,controller",
      "node.id=1",
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
      "controller.listener.names=CONTROLLER",
      "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
      `log.dirs=${join(dir, "data")}`,
      "num.partitions=1",
      // One broker: internal topics cannot have more replicas than that.
      "offsets.topic.replication.factor=1",
      "transaction.state.log.replication.factor=1",
      "transaction.state.log.min.isr=1",
      // Consumers in tests join at once instead of waiting 3 s for others.
      "group.initial.rebalance.delay.ms=0",
      "",
    ].join("\n"),
  );
  // A small heap and the serial collector: tests run several JVMs on 2 cores.
  const java = ["-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-cp", join(options.libs, "*")];
  const tool = (...args: string[]) =>
    execFileSync("java", [...java, "kafka.tools.StorageTool", ...args], {
      encoding: "utf8",
      // Its log4j complaints would land in the test output.
      stdio: ["ignore", "pipe", "pipe"],
    });
  tool("format", "-t", tool("random-uuid").trim(), "-c", properties);

  const brokers = `127.0.0.1:${port}`;
  const metadata = z.object(kafkaConnectionMetadata).parse({ brokers, connectTimeoutMs: 2000 });
  // The port opens before the broker has joined its own quorum: wait until it serves metadata.
  const servesMetadata = async () => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        await closeKafka(await connectKafka(metadata));
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  };
  const server = await managed(
    "kafka",
    port,
    dir,
    () => spawn("java", [...java, "kafka.Kafka", properties], { stdio: "ignore" }),
    servesMetadata,
  );
  return { ...server, url: brokers };
}
