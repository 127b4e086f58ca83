import { Code, Layer8Error } from "@layer8/core";
import { describe, expect, it } from "vitest";
import {
  expectNothingMoreAfter,
  FAST_RETRY,
  Inbox,
  type SuiteContext,
  sameBytes,
  sleep,
  text,
  unique,
  withSubscriptions,
} from "./harness.js";

/** How much earlier than configured a retry may come: timers of two processes. */
const EARLY_MS = 30;

/** SEMANTICS: SUCCESS acknowledges; RETRY redelivers with backoff; DROP discards or dead-letters. */
export function deliveryTests(suite: SuiteContext): void {
  describe("handler answers", () => {
    it("SUCCESS acknowledges: the event is not delivered again, not even to the group's next subscription", async () => {
      const topic = unique("success");
      const first = new Inbox(() => "SUCCESS");
      const subscription = await suite.pubsub.subscribe({ topic, handler: first.handler });
      await suite.pubsub.publish({ topic, data: text("once") });
      await first.waitFor(1);
      await sleep(100);
      await subscription.close();
      expect(first.calls).toHaveLength(1);
      await withSubscriptions(async (subs) => {
        const next = new Inbox();
        await subs.add(suite.pubsub, { topic, handler: next.handler });
        await expectNothingMoreAfter(suite.pubsub, topic, next, 0);
      });
    });

    it("a handler returning nothing counts as SUCCESS", async () => {
      const topic = unique("void");
      await withSubscriptions(async (subs) => {
        const inbox = new Inbox(() => undefined);
        await subs.add(suite.pubsub, { topic, handler: inbox.handler, retry: FAST_RETRY });
        await suite.pubsub.publish({ topic, data: text("quiet") });
        await inbox.waitFor(1);
        await expectNothingMoreAfter(suite.pubsub, topic, inbox, 1);
      });
    });

    it("RETRY delivers the same event again after a backoff that doubles", async () => {
      const topic = unique("retry");
      await withSubscriptions(async (subs) => {
        const inbox = new Inbox((_event, _delivery, call) => (call <= 3 ? "RETRY" : "SUCCESS"));
        await subs.add(suite.pubsub, { topic, handler: inbox.handler, retry: FAST_RETRY });
        const data = Uint8Array.from([9, 8, 7]);
        await suite.pubsub.publish({ topic, data, dataContentType: "application/octet-stream" });
        await inbox.waitFor(4);
        const [a, b, c, d] = inbox.calls;
        expect(new Set(inbox.events.map((event) => event.id)).size).toBe(1);
        for (const call of inbox.calls) expect(sameBytes(call.event.data, data)).toBe(true);
        expect(b!.at - a!.at).toBeGreaterThanOrEqual(100 - EARLY_MS);
        expect(c!.at - b!.at).toBeGreaterThanOrEqual(200 - EARLY_MS);
        expect(d!.at - c!.at).toBeGreaterThanOrEqual(400 - EARLY_MS);
        await expectNothingMoreAfter(suite.pubsub, topic, inbox, 4);
      });
    });

    it("a thrown error counts as RETRY", async () => {
      const topic = unique("throws");
      await withSubscriptions(async (subs) => {
        const inbox = new Inbox((_event, _delivery, call) => {
          if (call === 1) throw new Error("the app failed");
          return "SUCCESS";
        });
        await subs.add(suite.pubsub, { topic, handler: inbox.handler, retry: FAST_RETRY });
        await suite.pubsub.publish({ topic, data: text("fragile") });
        await inbox.waitFor(2);
        expect(inbox.calls[1]!.at - inbox.calls[0]!.at).toBeGreaterThanOrEqual(100 - EARLY_MS);
        expect(inbox.calls[1]!.event.id).toBe(inbox.calls[0]!.event.id);
        await expectNothingMoreAfter(suite.pubsub, topic, inbox, 2);
      });
    });

    it("never waits longer than retry.maxDelayMs between attempts", async () => {
      const topic = unique("max-delay");
      await withSubscriptions(async (subs) => {
        const inbox = new Inbox((_event, _delivery, call) => (call <= 4 ? "RETRY" : "SUCCESS"));
        await subs.add(suite.pubsub, {
          topic,
          handler: inbox.handler,
          retry: { initialDelayMs: 100, maxDelayMs: 150 },
        });
        await suite.pubsub.publish({ topic, data: text("capped") });
        await inbox.waitFor(5);
        const gaps = inbox.calls.slice(1).map((call, i) => call.at - inbox.calls[i]!.at);
        // 100, then 150 (not 200, 400, 800): well under what doubling would give.
        expect(gaps[3]).toBeGreaterThanOrEqual(150 - EARLY_MS);
        expect(gaps[3]).toBeLessThan(700);
      });
    });

    it("DROP discards the event: it is not delivered again", async () => {
      const topic = unique("drop");
      await withSubscriptions(async (subs) => {
        const inbox = new Inbox(() => "DROP");
        await subs.add(suite.pubsub, { topic, handler: inbox.handler, retry: FAST_RETRY });
        await suite.pubsub.publish({ topic, data: text("unwanted") });
        await inbox.waitFor(1);
        await sleep(300);
        expect(inbox.calls).toHaveLength(1);
      });
      await withSubscriptions(async (subs) => {
        const next = new Inbox();
        await subs.add(suite.pubsub, { topic, handler: next.handler });
        await expectNothingMoreAfter(suite.pubsub, topic, next, 0);
      });
    });

    it("DROP with a dead-letter topic moves the event there, unchanged", async () => {
      const topic = unique("dead");
      const deadLetterTopic = unique("dead-letters");
      await withSubscriptions(async (subs) => {
        const dropped = new Inbox(() => "DROP");
        const letters = new Inbox();
        await subs.add(suite.pubsub, { topic: deadLetterTopic, handler: letters.handler });
        await subs.add(suite.pubsub, { topic, handler: dropped.handler, deadLetterTopic });
        const data = text('{"reason":"bad order"}');
        await suite.pubsub.publish({
          topic,
          data,
          dataContentType: "application/json",
          metadata: { "cloudevent.id": "dead-1" },
        });
        const [letter] = await letters.waitFor(1);
        expect(letter).toMatchObject({
          id: "dead-1",
          source: suite.appId,
          dataContentType: "application/json",
          topic: deadLetterTopic,
          pubsubName: suite.pubsubName,
        });
        expect(sameBytes(letter!.data, data)).toBe(true);
        expect(letter!.metadata).toMatchObject({ deadLetterFrom: topic, deadLetterReason: "DROP" });
        expect(dropped.calls).toHaveLength(1);
      });
    });

    it("a handler failing with UNIMPLEMENTED counts as DROP", async () => {
      const topic = unique("unimplemented");
      const deadLetterTopic = unique("unimplemented-letters");
      await withSubscriptions(async (subs) => {
        const handler = new Inbox(() => {
          throw new Layer8Error(Code.Unimplemented, "this app does not handle the topic");
        });
        const letters = new Inbox();
        await subs.add(suite.pubsub, { topic: deadLetterTopic, handler: letters.handler });
        await subs.add(suite.pubsub, {
          topic,
          handler: handler.handler,
          deadLetterTopic,
          retry: FAST_RETRY,
        });
        await suite.pubsub.publish({ topic, data: text("nobody") });
        const [letter] = await letters.waitFor(1);
        expect(letter!.metadata.deadLetterReason).toBe("DROP");
        await sleep(300);
        expect(handler.calls).toHaveLength(1);
      });
    });

    it("after retry.maxAttempts the event goes to the dead-letter topic", async () => {
      const topic = unique("exhausted");
      const deadLetterTopic = unique("exhausted-letters");
      await withSubscriptions(async (subs) => {
        const failing = new Inbox(() => "RETRY");
        const letters = new Inbox();
        await subs.add(suite.pubsub, { topic: deadLetterTopic, handler: letters.handler });
        await subs.add(suite.pubsub, {
          topic,
          handler: failing.handler,
          deadLetterTopic,
          retry: { ...FAST_RETRY, maxAttempts: 3 },
        });
        await suite.pubsub.publish({ topic, data: text("hopeless") });
        const [letter] = await letters.waitFor(1);
        expect(letter!.metadata).toMatchObject({
          deadLetterFrom: topic,
          deadLetterReason: "MAX_ATTEMPTS",
        });
        expect(failing.calls).toHaveLength(3);
        await sleep(300);
        expect(failing.calls).toHaveLength(3);
      });
    });

    it("after retry.maxAttempts without a dead-letter topic the event is dropped", async () => {
      const topic = unique("exhausted-drop");
      await withSubscriptions(async (subs) => {
        const failing = new Inbox(() => "RETRY");
        await subs.add(suite.pubsub, {
          topic,
          handler: failing.handler,
          retry: { ...FAST_RETRY, maxAttempts: 2 },
        });
        await suite.pubsub.publish({ topic, data: text("hopeless") });
        await failing.waitFor(2);
        // A third attempt would come 200 ms after the second.
        await sleep(500);
        expect(failing.calls).toHaveLength(2);
      });
      await withSubscriptions(async (subs) => {
        const next = new Inbox();
        await subs.add(suite.pubsub, { topic, handler: next.handler });
        await expectNothingMoreAfter(suite.pubsub, topic, next, 0);
      });
    });
  });
}
