import { describe, expect, it } from "vitest";
import {
  decoder,
  eventually,
  expectNothingMoreAfter,
  Inbox,
  type SuiteContext,
  sameBytes,
  sleep,
  text,
  unique,
  withSubscriptions,
} from "./harness.js";

/** SEMANTICS: events reach subscribers as CloudEvents 1.0; raw payload on request. */
export function envelopeTests(suite: SuiteContext): void {
  describe("CloudEvents envelope", () => {
    it("delivers every CloudEvent field: id, source, type, specversion, datacontenttype, data, topic, pubsubname", async () => {
      const topic = unique("fields");
      const data = text('{"order":42,"items":["a","b"]}');
      await withSubscriptions(async (subs) => {
        const inbox = new Inbox();
        await subs.add(suite.pubsub, { topic, handler: inbox.handler });
        const before = Date.now();
        await suite.pubsub.publish({ topic, data, dataContentType: "application/json" });
        const [event] = await inbox.waitFor(1);
        expect(event!.id).toMatch(/\S/);
        expect(event!.source).toBe(suite.appId);
        expect(event!.type).toBe("com.dapr.event.sent");
        expect(event!.specVersion).toBe("1.0");
        expect(event!.dataContentType).toBe("application/json");
        expect(sameBytes(event!.data, data)).toBe(true);
        expect(event!.topic).toBe(topic);
        expect(event!.pubsubName).toBe(suite.pubsubName);
        const time = Date.parse(event!.metadata.time ?? "");
        expect(time, "metadata.time is an RFC 3339 time of publishing").toBeGreaterThanOrEqual(
          before - 5000,
        );
        expect(time).toBeLessThanOrEqual(Date.now() + 5000);
      });
    });

    it("takes id, source, type, subject and trace context from the publish metadata", async () => {
      const topic = unique("attributes");
      const traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
      await withSubscriptions(async (subs) => {
        const inbox = new Inbox();
        await subs.add(suite.pubsub, { topic, handler: inbox.handler });
        await suite.pubsub.publish({
          topic,
          data: text("hello"),
          metadata: {
            "cloudevent.id": "event-1",
            "cloudevent.source": "billing",
            "cloudevent.type": "com.example.invoice.paid",
            "cloudevent.subject": "invoice-7",
            "cloudevent.traceparent": traceparent,
            "cloudevent.tracestate": "vendor=1",
          },
        });
        const [event] = await inbox.waitFor(1);
        expect(event).toMatchObject({
          id: "event-1",
          source: "billing",
          type: "com.example.invoice.paid",
          dataContentType: "text/plain",
        });
        expect(event!.metadata).toMatchObject({
          subject: "invoice-7",
          traceparent,
          traceid: traceparent,
          tracestate: "vendor=1",
        });
      });
    });

    it("gives every event its own id", async () => {
      const topic = unique("ids");
      await withSubscriptions(async (subs) => {
        const inbox = new Inbox();
        await subs.add(suite.pubsub, { topic, handler: inbox.handler });
        for (let i = 0; i < 5; i++) await suite.pubsub.publish({ topic, data: text(`e${i}`) });
        const events = await inbox.waitFor(5);
        expect(new Set(events.map((event) => event.id)).size).toBe(5);
      });
    });

    it("delivers payloads byte for byte: binary, text, exact JSON, empty and large (up to 1 MiB)", async () => {
      const topic = unique("payloads");
      const largeBytes = Math.min(1024 * 1024, suite.maxPayloadBytes);
      const large = Uint8Array.from({ length: largeBytes }, (_, i) => (i * 31) % 251);
      const payloads: [string, string, Uint8Array][] = [
        ["binary", "application/octet-stream", Uint8Array.from({ length: 256 }, (_, i) => i)],
        ["text", "text/plain; charset=utf-8", text("héllo wörld ✓ \u0000 \ud83d\ude80")],
        // Digits beyond 2^53, escapes and spacing a JSON round trip would rewrite.
        [
          "json",
          "application/json",
          text('{"id": 12345678901234567890, "s":"\\u00e9\\/", "f":1.50, "n":[1e2]}'),
        ],
        ["json with spaces around it", "application/json", text(' {"a":1}\n')],
        ["not JSON but labelled JSON", "application/json", text("{not json")],
        ["invalid UTF-8 labelled text", "text/plain", Uint8Array.from([0xff, 0xfe, 0x41])],
        ["empty", "application/octet-stream", new Uint8Array(0)],
        ["large", "application/octet-stream", large],
      ];
      await withSubscriptions(async (subs) => {
        const inbox = new Inbox();
        await subs.add(suite.pubsub, { topic, handler: inbox.handler });
        for (const [, dataContentType, data] of payloads) {
          await suite.pubsub.publish({ topic, data, dataContentType });
        }
        const events = await inbox.waitFor(payloads.length, 20_000);
        payloads.forEach(([label, dataContentType, data], i) => {
          expect(sameBytes(events[i]!.data, data), `${label} payload`).toBe(true);
          expect(events[i]!.dataContentType, label).toBe(dataContentType);
        });
      });
    });

    it("labels data published without a content type text/plain", async () => {
      const topic = unique("default-type");
      await withSubscriptions(async (subs) => {
        const inbox = new Inbox();
        await subs.add(suite.pubsub, { topic, handler: inbox.handler });
        await suite.pubsub.publish({ topic, data: text("plain") });
        const [event] = await inbox.waitFor(1);
        expect(event!.dataContentType).toBe("text/plain");
        expect(decoder.decode(event!.data)).toBe("plain");
      });
    });

    it("delivers a raw payload (rawPayload: true) as the bytes published, marked rawPayload", async () => {
      const topic = unique("raw");
      // Bytes that look like a CloudEvent must still arrive as they are.
      const lookalike = text('{"specversion":"1.0","id":"x","data":"inner"}');
      const binary = Uint8Array.from([0, 1, 2, 250, 255]);
      await withSubscriptions(async (subs) => {
        const inbox = new Inbox();
        await subs.add(suite.pubsub, { topic, handler: inbox.handler });
        await suite.pubsub.publish({
          topic,
          data: lookalike,
          dataContentType: "application/json",
          metadata: { rawPayload: "true", "cloudevent.id": "raw-1" },
        });
        await suite.pubsub.publish({ topic, data: binary, metadata: { rawPayload: "true" } });
        const [first, second] = await inbox.waitFor(2);
        expect(sameBytes(first!.data, lookalike)).toBe(true);
        expect(first).toMatchObject({
          id: "raw-1",
          dataContentType: "application/json",
          specVersion: "1.0",
          topic,
          pubsubName: suite.pubsubName,
        });
        expect(first!.metadata.rawPayload).toBe("true");
        expect(sameBytes(second!.data, binary)).toBe(true);
        expect(second!.dataContentType).toBe("application/octet-stream");
        expect(second!.id).toMatch(/\S/);
        expect(second!.id).not.toBe(first!.id);
      });
    });

    it("sends an app's own CloudEvent (application/cloudevents+json) with its attributes and data", async () => {
      const topic = unique("own-event");
      const own = text(
        '{"specversion":"1.0","id":"own-1","source":"shop","type":"com.example.made","datacontenttype":"application/json","data":{"big":98765432109876543210},"myextension":"yes"}',
      );
      await withSubscriptions(async (subs) => {
        const inbox = new Inbox();
        await subs.add(suite.pubsub, { topic, handler: inbox.handler });
        await suite.pubsub.publish({
          topic,
          data: own,
          dataContentType: "application/cloudevents+json",
        });
        const [event] = await inbox.waitFor(1);
        expect(event).toMatchObject({
          id: "own-1",
          source: "shop",
          type: "com.example.made",
          dataContentType: "application/json",
          topic,
          pubsubName: suite.pubsubName,
        });
        expect(decoder.decode(event!.data)).toBe('{"big":98765432109876543210}');
        expect(event!.metadata.myextension).toBe("yes");
      });
    });

    it("discards an event whose ttlInSeconds passed before delivery, and delivers one still alive", async () => {
      const topic = unique("ttl");
      const group = unique("ttl-group");
      // The group exists (so it is owed the events) while no member is there to take them.
      const first = await suite.pubsub.subscribe({
        topic,
        consumerGroup: group,
        handler: async () => "SUCCESS",
      });
      await first.close();
      await suite.pubsub.publish({ topic, data: text("short"), metadata: { ttlInSeconds: "1" } });
      await suite.pubsub.publish({ topic, data: text("long"), metadata: { ttlInSeconds: "600" } });
      await sleep(1600);
      await withSubscriptions(async (subs) => {
        const inbox = new Inbox();
        await subs.add(suite.pubsub, { topic, consumerGroup: group, handler: inbox.handler });
        await eventually(() => inbox.texts.includes("long"), "the live event");
        expect(inbox.texts).toEqual(["long"]);
        const expiration = Date.parse(inbox.events[0]!.metadata.expiration ?? "");
        expect(expiration).toBeGreaterThan(Date.now() + 500_000);
        await expectNothingMoreAfter(suite.pubsub, topic, inbox, 1);
      });
    });
  });
}
