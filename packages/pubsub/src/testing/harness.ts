import { expect } from "vitest";
import type {
  Delivery,
  PubSubApi,
  SubscribeRequest,
  Subscription,
  TopicEvent,
  TopicEventStatus,
} from "../types.js";

/** One component opened for the suite. */
export interface PubSubConformanceInstance {
  pubsub: PubSubApi;
  /** Closes the component (for the sidecar: stops it). */
  close(): Promise<void>;
}

/** What the suite's tests share: the main component, and how to open more. */
export interface SuiteContext {
  /** The component most tests use (valid inside tests only). */
  readonly pubsub: PubSubApi;
  /** Opens another component on the same backend (a restarted sidecar). */
  open(): Promise<PubSubConformanceInstance>;
  /** The component name events must carry as `pubsubName`. */
  pubsubName: string;
  /** The app id events must carry as `source` by default. */
  appId: string;
  has(feature: string): boolean;
  /** How long an event handed back by a closed subscription may take to reach the next one. */
  redeliveryWithinMs: number;
  /** The component's `maxPayloadBytes`. */
  maxPayloadBytes: number;
}

export const encoder = new TextEncoder();
export const decoder = new TextDecoder();
export const text = (value: string) => encoder.encode(value);
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let counter = 0;
/** A topic or group name no other test (or earlier run on a persistent backend) uses. */
export function unique(label: string): string {
  counter += 1;
  return `conf-${label}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

/** Waits until `check` holds, polling; fails naming `what` after `timeoutMs`. */
export async function eventually(
  check: () => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${what}`);
    await sleep(10);
  }
}

export function sameBytes(actual: Uint8Array, expected: Uint8Array): boolean {
  return Buffer.from(actual).equals(Buffer.from(expected));
}

/** How a test's handler answers, sync or async: by default `SUCCESS`. */
export type Answer = (
  event: TopicEvent,
  delivery: Delivery,
  call: number,
) => TopicEventStatus | undefined | Promise<TopicEventStatus | undefined>;

/** A handler that records every call (event, attempt, time) and answers by `answer`. */
export class Inbox {
  readonly calls: { event: TopicEvent; attempt: number; at: number }[] = [];
  readonly #answer: Answer;

  constructor(answer: Answer = () => "SUCCESS") {
    this.#answer = answer;
  }

  get events(): TopicEvent[] {
    return this.calls.map((call) => call.event);
  }

  /** Payloads as text, in the order the handler saw them. */
  get texts(): string[] {
    return this.calls.map((call) => decoder.decode(call.event.data));
  }

  readonly handler = async (event: TopicEvent, delivery: Delivery) => {
    this.calls.push({ event, attempt: delivery.attempt, at: performance.now() });
    return this.#answer(event, delivery, this.calls.length);
  };

  async waitFor(count: number, timeoutMs = 10_000): Promise<TopicEvent[]> {
    await eventually(
      () => this.calls.length >= count,
      `${count} handler calls (got ${this.calls.length})`,
      timeoutMs,
    );
    return this.events;
  }
}

/** A handler answer that holds the event until the subscription closes, then asks for a retry. */
export function holdUntilClosed(_event: TopicEvent, delivery: Delivery): Promise<TopicEventStatus> {
  return new Promise((resolve) => {
    if (delivery.signal.aborted) resolve("RETRY");
    delivery.signal.addEventListener("abort", () => resolve("RETRY"), { once: true });
  });
}

/** Subscribes, runs `body`, and closes the subscriptions it opened, whatever happens. */
export class Subscriptions {
  readonly #open: Subscription[] = [];

  async add(pubsub: PubSubApi, request: SubscribeRequest): Promise<Subscription> {
    const subscription = await pubsub.subscribe(request);
    this.#open.push(subscription);
    return subscription;
  }

  async closeAll(): Promise<void> {
    await Promise.allSettled(this.#open.splice(0).map((subscription) => subscription.close()));
  }
}

/** Runs `body` with a `Subscriptions` closed afterwards. */
export async function withSubscriptions<T>(body: (subs: Subscriptions) => Promise<T>): Promise<T> {
  const subs = new Subscriptions();
  try {
    return await body(subs);
  } finally {
    await subs.closeAll();
  }
}

/**
 * Proves that no further call reaches `inbox`: publishes a marker event behind everything else
 * and waits for it. Drivers deliver a group's redeliveries before newer events, and with
 * concurrency 1 in order, so once the marker arrived nothing is still on its way.
 */
export async function expectNothingMoreAfter(
  pubsub: PubSubApi,
  topic: string,
  inbox: Inbox,
  expectedCalls: number,
): Promise<void> {
  await pubsub.publish({ topic, data: text("marker"), dataContentType: "text/plain" });
  await inbox.waitFor(expectedCalls + 1);
  await sleep(100);
  expect(inbox.texts.slice(expectedCalls)).toEqual(["marker"]);
}

/** Fast retries for the tests that exercise them. */
export const FAST_RETRY = { initialDelayMs: 100, maxDelayMs: 1000 } as const;
