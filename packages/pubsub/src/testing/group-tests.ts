import { describe, expect, it } from "vitest";
import { PubSubFeature } from "../driver.js";
import type { TopicEventStatus } from "../types.js";
import {
  eventually,
  expectNothingMoreAfter,
  FAST_RETRY,
  holdUntilClosed,
  Inbox,
  type SuiteContext,
  sleep,
  text,
  unique,
  withSubscriptions,
} from "./harness.js";

/** Defines the test only when `condition` holds (feature pairs: exactly one of each exists). */
function itIf(condition: boolean): typeof it | ((name: string, fn: () => unknown) => void) {
  return condition ? it : () => undefined;
}

const numbered = (count: number, prefix = "e") =>
  Array.from({ length: count }, (_, i) => `${prefix}${i}`);

/**
 * SEMANTICS: consumer groups each get every event; per topic one subscriber sees publish order
 * unless concurrency is configured; unacknowledged events survive their consumer.
 */
export function groupTests(suite: SuiteContext): void {
  describe("consumer groups", () => {
    it("two consumer groups each receive every event", async () => {
      const topic = unique("groups");
      await withSubscriptions(async (subs) => {
        const a = new Inbox();
        const b = new Inbox();
        await subs.add(suite.pubsub, { topic, consumerGroup: unique("a"), handler: a.handler });
        await subs.add(suite.pubsub, { topic, consumerGroup: unique("b"), handler: b.handler });
        for (const payload of numbered(20))
          await suite.pubsub.publish({ topic, data: text(payload) });
        await a.waitFor(20);
        await b.waitFor(20);
        expect(a.texts).toEqual(numbered(20));
        expect(b.texts).toEqual(numbered(20));
      });
    });

    it("members of one group split the events: each reaches exactly one member (on balanced drivers, both get some)", async () => {
      const topic = unique("members");
      const group = unique("shared");
      await withSubscriptions(async (subs) => {
        // A slow handler, so that one member alone cannot keep up.
        const slow = () => sleep(5).then((): TopicEventStatus => "SUCCESS");
        const a = new Inbox(slow);
        const b = new Inbox(slow);
        await subs.add(suite.pubsub, { topic, consumerGroup: group, handler: a.handler });
        await subs.add(suite.pubsub, { topic, consumerGroup: group, handler: b.handler });
        const payloads = numbered(60);
        await Promise.all(
          payloads.map((payload) => suite.pubsub.publish({ topic, data: text(payload) })),
        );
        await eventually(
          () => a.calls.length + b.calls.length >= 60,
          "60 events across both members",
        );
        await sleep(200);
        const all = [...a.texts, ...b.texts];
        expect(all).toHaveLength(60);
        expect(new Set(all)).toEqual(new Set(payloads));
        if (suite.has(PubSubFeature.Balanced)) {
          // Balanced drivers share a topic's events between live members.
          expect(a.calls.length, "member a got none").toBeGreaterThan(0);
          expect(b.calls.length, "member b got none").toBeGreaterThan(0);
        }
      });
    });

    it("the default group is the app's: two subscriptions without a group share the events", async () => {
      const topic = unique("default-group");
      await withSubscriptions(async (subs) => {
        const a = new Inbox();
        const b = new Inbox();
        const first = await subs.add(suite.pubsub, { topic, handler: a.handler });
        await subs.add(suite.pubsub, { topic, handler: b.handler });
        expect(first.consumerGroup).toBe(suite.appId);
        for (const payload of numbered(10))
          await suite.pubsub.publish({ topic, data: text(payload) });
        await eventually(() => a.calls.length + b.calls.length >= 10, "10 events");
        await sleep(200);
        expect(a.calls.length + b.calls.length).toBe(10);
      });
    });
  });

  describe("order and concurrency", () => {
    it("with concurrency 1 (the default) a subscriber sees the topic's events in publish order", async () => {
      const topic = unique("order");
      await withSubscriptions(async (subs) => {
        const inbox = new Inbox();
        await subs.add(suite.pubsub, { topic, handler: inbox.handler });
        for (const payload of numbered(100))
          await suite.pubsub.publish({ topic, data: text(payload) });
        await inbox.waitFor(100);
        expect(inbox.texts).toEqual(numbered(100));
      });
    });

    it("an event being retried holds back the events behind it", async () => {
      const topic = unique("order-retry");
      await withSubscriptions(async (subs) => {
        let refused = 0;
        const inbox = new Inbox((event) => {
          if (new TextDecoder().decode(event.data) === "e2" && refused < 2) {
            refused += 1;
            return "RETRY";
          }
          return "SUCCESS";
        });
        await subs.add(suite.pubsub, { topic, handler: inbox.handler, retry: FAST_RETRY });
        for (const payload of numbered(6))
          await suite.pubsub.publish({ topic, data: text(payload) });
        await inbox.waitFor(8);
        expect(inbox.texts).toEqual(["e0", "e1", "e2", "e2", "e2", "e3", "e4", "e5"]);
      });
    });

    it("concurrency N handles N events at once, and never more", async () => {
      const topic = unique("concurrency");
      const concurrency = 4;
      await withSubscriptions(async (subs) => {
        let running = 0;
        let most = 0;
        let release: () => void = () => undefined;
        const gate = new Promise<void>((resolve) => {
          release = resolve;
        });
        const inbox = new Inbox(async (): Promise<TopicEventStatus> => {
          running += 1;
          most = Math.max(most, running);
          await gate;
          running -= 1;
          return "SUCCESS";
        });
        await subs.add(suite.pubsub, { topic, handler: inbox.handler, concurrency });
        for (const payload of numbered(10))
          await suite.pubsub.publish({ topic, data: text(payload) });
        await eventually(() => running === concurrency, `${concurrency} handlers running at once`);
        await sleep(300);
        expect(running).toBe(concurrency);
        release();
        await inbox.waitFor(10);
        expect(most).toBe(concurrency);
        expect(new Set(inbox.texts)).toEqual(new Set(numbered(10)));
      });
    });
  });

  describe("subscriptions ending", () => {
    it("closing one subscription leaves the others receiving", async () => {
      const topic = unique("close-one");
      await withSubscriptions(async (subs) => {
        const closing = new Inbox();
        const staying = new Inbox();
        const other = new Inbox();
        const otherTopic = unique("close-one-other");
        const toClose = await subs.add(suite.pubsub, {
          topic,
          consumerGroup: unique("closing"),
          handler: closing.handler,
        });
        await subs.add(suite.pubsub, {
          topic,
          consumerGroup: unique("staying"),
          handler: staying.handler,
        });
        await subs.add(suite.pubsub, { topic: otherTopic, handler: other.handler });
        await suite.pubsub.publish({ topic, data: text("before") });
        await closing.waitFor(1);
        await toClose.close();
        await toClose.close(); // a second close does nothing
        await suite.pubsub.publish({ topic, data: text("after") });
        await suite.pubsub.publish({ topic: otherTopic, data: text("elsewhere") });
        await staying.waitFor(2);
        await other.waitFor(1);
        expect(staying.texts).toEqual(["before", "after"]);
        await sleep(100);
        expect(closing.texts).toEqual(["before"]);
      });
    });

    it("an event its subscriber never answered survives the subscription closing and reaches the group's next subscriber", async () => {
      const topic = unique("handover");
      const group = unique("handover-group");
      const first = new Inbox(holdUntilClosed);
      const holder = await suite.pubsub.subscribe({
        topic,
        consumerGroup: group,
        handler: first.handler,
      });
      await suite.pubsub.publish({
        topic,
        data: text("unanswered"),
        metadata: { "cloudevent.id": "h-1" },
      });
      await first.waitFor(1);
      await holder.close();
      await withSubscriptions(async (subs) => {
        const next = new Inbox();
        await subs.add(suite.pubsub, { topic, consumerGroup: group, handler: next.handler });
        const [event] = await next.waitFor(1, suite.redeliveryWithinMs);
        expect(event!.id).toBe("h-1");
        expect(new TextDecoder().decode(event!.data)).toBe("unanswered");
      });
    });

    it("an event being retried when its subscription closes reaches the group's next subscriber", async () => {
      const topic = unique("retry-handover");
      const group = unique("retry-handover-group");
      const first = new Inbox(() => "RETRY");
      const retrying = await suite.pubsub.subscribe({
        topic,
        consumerGroup: group,
        handler: first.handler,
        retry: { initialDelayMs: 60_000 },
      });
      await suite.pubsub.publish({ topic, data: text("unlucky") });
      await first.waitFor(1);
      await retrying.close();
      await withSubscriptions(async (subs) => {
        const next = new Inbox();
        await subs.add(suite.pubsub, { topic, consumerGroup: group, handler: next.handler });
        await next.waitFor(1, suite.redeliveryWithinMs);
        expect(next.texts).toEqual(["unlucky"]);
      });
    });

    itIf(suite.has(PubSubFeature.Persistent))(
      "persistent: an unacknowledged event survives the component closing and reaches the group after it starts again",
      async () => {
        const topic = unique("restart");
        const group = unique("restart-group");
        const before = await suite.open();
        try {
          const held = new Inbox(holdUntilClosed);
          await before.pubsub.subscribe({ topic, consumerGroup: group, handler: held.handler });
          await before.pubsub.publish({ topic, data: text("in flight") });
          await before.pubsub.publish({ topic, data: text("queued") });
          await held.waitFor(1);
        } finally {
          await before.close();
        }
        const after = await suite.open();
        try {
          const inbox = new Inbox();
          await after.pubsub.subscribe({ topic, consumerGroup: group, handler: inbox.handler });
          await eventually(
            () => inbox.texts.includes("in flight") && inbox.texts.includes("queued"),
            "both events after the restart",
            suite.redeliveryWithinMs,
          );
        } finally {
          await after.close();
        }
      },
    );

    itIf(!suite.has(PubSubFeature.Persistent))(
      "not persistent: events do not outlive the component (the driver does not claim `persistent`)",
      async () => {
        const topic = unique("restart");
        const group = unique("restart-group");
        const before = await suite.open();
        try {
          const held = new Inbox(holdUntilClosed);
          await before.pubsub.subscribe({ topic, consumerGroup: group, handler: held.handler });
          await before.pubsub.publish({ topic, data: text("in flight") });
          await held.waitFor(1);
        } finally {
          await before.close();
        }
        const after = await suite.open();
        try {
          const inbox = new Inbox();
          await after.pubsub.subscribe({ topic, consumerGroup: group, handler: inbox.handler });
          await expectNothingMoreAfter(after.pubsub, topic, inbox, 0);
        } finally {
          await after.close();
        }
      },
    );
  });
}
