import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { TopicEvent } from "../types.js";
import { Inbox, type SuiteContext, unique, withSubscriptions } from "./harness.js";

const PUBLISHERS = 8;
const EVENTS = 10_000;
const PER_PUBLISHER = EVENTS / PUBLISHERS;

const digest = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

/**
 * A payload naming its publisher and number, then 16 to 527 bytes that differ per event. Every
 * third one is JSON, the rest binary, so both ways data travels in the envelope are loaded.
 */
function payloadOf(publisher: number, n: number): { data: Uint8Array; dataContentType: string } {
  if (n % 3 === 0) {
    const json = JSON.stringify({
      publisher,
      n,
      note: "é✓".repeat(n % 40),
      big: `${n}${"9".repeat(20)}`,
    });
    return { data: new TextEncoder().encode(json), dataContentType: "application/json" };
  }
  const length = 16 + ((publisher * 7919 + n * 104_729) % 512);
  const data = new Uint8Array(8 + length);
  const view = new DataView(data.buffer);
  view.setUint32(0, publisher);
  view.setUint32(4, n);
  for (let i = 8; i < data.length; i++) data[i] = (i * 31 + n * 17 + publisher) % 256;
  return { data, dataContentType: "application/octet-stream" };
}

function identify(event: TopicEvent): [number, number] {
  if (event.dataContentType === "application/json") {
    const { publisher, n } = JSON.parse(new TextDecoder().decode(event.data)) as {
      publisher: number;
      n: number;
    };
    return [publisher, n];
  }
  const view = new DataView(event.data.buffer, event.data.byteOffset, event.data.byteLength);
  return [view.getUint32(0), view.getUint32(4)];
}

/** The load rule: 10,000 events from 8 concurrent publishers, all delivered intact. */
export function loadTests(suite: SuiteContext): void {
  describe("under load", () => {
    it(`${EVENTS} events from ${PUBLISHERS} concurrent publishers: all delivered once, byte-identical, each publisher's in order`, async () => {
      const topic = unique("load");
      const checksums = new Map<string, string>();
      await withSubscriptions(async (subs) => {
        const inbox = new Inbox();
        await subs.add(suite.pubsub, { topic, handler: inbox.handler });
        await Promise.all(
          Array.from({ length: PUBLISHERS }, async (_, publisher) => {
            for (let n = 0; n < PER_PUBLISHER; n++) {
              const payload = payloadOf(publisher, n);
              checksums.set(`${publisher}:${n}`, digest(payload.data));
              await suite.pubsub.publish({ topic, ...payload });
            }
          }),
        );
        await inbox.waitFor(EVENTS, 90_000);

        const seen = Array.from({ length: PUBLISHERS }, () => [] as number[]);
        let corrupted = 0;
        for (const event of inbox.events) {
          const [publisher, n] = identify(event);
          if (digest(event.data) !== checksums.get(`${publisher}:${n}`)) corrupted += 1;
          seen[publisher]!.push(n);
        }
        expect(corrupted, "events whose bytes differ from what was published").toBe(0);
        expect(inbox.events).toHaveLength(EVENTS);
        for (let publisher = 0; publisher < PUBLISHERS; publisher++) {
          const expected = Array.from({ length: PER_PUBLISHER }, (_, n) => n);
          expect(seen[publisher], `publisher ${publisher}'s events, in order`).toEqual(expected);
        }
      });
    }, 120_000);
  });
}
