import { Code } from "@layer8/core";
import { describe, expect, it } from "vitest";
import type { PublishRequest, SubscribeRequest } from "../types.js";
import {
  expectNothingMoreAfter,
  Inbox,
  type SuiteContext,
  text,
  unique,
  withSubscriptions,
} from "./harness.js";

/** An INVALID_ARGUMENT naming the component and the field, as SEMANTICS asks of every error. */
function invalid(field: string) {
  return {
    code: Code.InvalidArgument,
    message: expect.stringMatching(new RegExp(`pubsub '[^']+'.*${field.replaceAll(".", "\\.")}`)),
  };
}

/** SEMANTICS: malformed input is refused with INVALID_ARGUMENT, and nothing is published. */
export function inputTests(suite: SuiteContext): void {
  describe("bad input is refused with INVALID_ARGUMENT and publishes nothing", () => {
    it("refuses bad topic names on publish and subscribe", async () => {
      for (const topic of ["", "has space", "a/b", "x".repeat(250), "..", "semi;colon"]) {
        await expect(
          suite.pubsub.publish({ topic, data: text("x") }),
          `publish to '${topic}'`,
        ).rejects.toMatchObject(invalid("topic"));
        await expect(
          suite.pubsub.subscribe({ topic, handler: async () => "SUCCESS" }),
          `subscribe to '${topic}'`,
        ).rejects.toMatchObject(invalid("topic"));
      }
    });

    it("refuses malformed publish metadata and payloads, and sends none of them", async () => {
      const topic = unique("bad-publish");
      const bad: [string, PublishRequest][] = [
        ["metadata.rawPayload", { topic, data: text("x"), metadata: { rawPayload: "yes" } }],
        ["metadata.ttlInSeconds", { topic, data: text("x"), metadata: { ttlInSeconds: "soon" } }],
        ["metadata.ttlInSeconds", { topic, data: text("x"), metadata: { ttlInSeconds: "-5" } }],
        ["metadata.cloudevent.id", { topic, data: text("x"), metadata: { "cloudevent.id": "" } }],
        [
          "data",
          {
            topic,
            data: text("[1,2]"),
            dataContentType: "application/cloudevents+json",
          },
        ],
        [
          "data",
          {
            topic,
            data: new Uint8Array(suite.maxPayloadBytes + 1),
            dataContentType: "application/octet-stream",
          },
        ],
      ];
      await withSubscriptions(async (subs) => {
        const inbox = new Inbox();
        await subs.add(suite.pubsub, { topic, handler: inbox.handler });
        for (const [field, request] of bad) {
          await expect(suite.pubsub.publish(request), field).rejects.toMatchObject(invalid(field));
        }
        await expectNothingMoreAfter(suite.pubsub, topic, inbox, 0);
      });
    });

    it("refuses bad subscription options", async () => {
      const topic = unique("bad-subscribe");
      const handler = async () => "SUCCESS" as const;
      const bad: [string, SubscribeRequest][] = [
        ["concurrency", { topic, handler, concurrency: 0 }],
        ["concurrency", { topic, handler, concurrency: 1.5 }],
        ["consumerGroup", { topic, handler, consumerGroup: "" }],
        ["deadLetterTopic", { topic, handler, deadLetterTopic: "bad topic" }],
        ["deadLetterTopic", { topic, handler, deadLetterTopic: topic }],
        ["retry.initialDelayMs", { topic, handler, retry: { initialDelayMs: -1 } }],
        ["retry.maxDelayMs", { topic, handler, retry: { initialDelayMs: 500, maxDelayMs: 100 } }],
        ["retry.maxAttempts", { topic, handler, retry: { maxAttempts: -1 } }],
        ["metadata.concurrency", { topic, handler, metadata: { concurrency: "many" } }],
      ];
      for (const [field, request] of bad) {
        await expect(suite.pubsub.subscribe(request), field).rejects.toMatchObject(invalid(field));
      }
    });
  });
}
