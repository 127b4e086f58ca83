import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PubSubFeature } from "../driver.js";
import { DEFAULT_MAX_PAYLOAD_BYTES } from "../pubsub.js";
import type { PubSubApi } from "../types.js";
import { deliveryTests } from "./delivery-tests.js";
import { envelopeTests } from "./envelope-tests.js";
import { groupTests } from "./group-tests.js";
import type { PubSubConformanceInstance, SuiteContext } from "./harness.js";
import { inputTests } from "./input-tests.js";
import { loadTests } from "./load-tests.js";

export type { PubSubConformanceInstance } from "./harness.js";

/** A backend to run the suite against. */
export interface PubSubConformanceSubject {
  /**
   * Opens a component on the backend, initialised: the suite opens one for most tests, and more
   * to test restarts (for the sidecar: start a sidecar). Each is a new component instance, so
   * for `memory` a fresh, empty one. Its default consumer group must be its app id.
   */
  open(): Promise<PubSubConformanceInstance>;
  /** Called once after the suite. */
  close?: () => Promise<void>;
}

export interface PubSubConformanceOptions {
  /** Shown in the test names, e.g. `redis (in-process)`. */
  name: string;
  /**
   * The driver's declared `features`. Known before setup, because they decide which tests exist:
   * a claimed feature gets its behaviour tested, an unclaimed one its absence.
   */
  features: readonly string[];
  /** The component name events carry as `pubsubName`. */
  pubsubName: string;
  /** The app id of the components `open` returns: the default `source` and consumer group. */
  appId: string;
  setup: () => Promise<PubSubConformanceSubject>;
  /**
   * The longest an event handed back by a closed subscription (or left by a closed component)
   * may take to reach the group's next subscriber. Default 10,000 ms.
   */
  redeliveryWithinMs?: number;
  /**
   * The `maxPayloadBytes` of the components `open` returns (default 4 MiB): the suite sends
   * payloads of up to 1 MiB within it, and one byte more than it to see it refused.
   */
  maxPayloadBytes?: number;
  /**
   * Why this run cannot happen here (e.g. `REDIS_URL is not set`). The suite is then reported as
   * skipped with the reason in its name, so the run says what was not tested and why.
   */
  skipReason?: string | undefined;
}

const KNOWN_FEATURES: readonly string[] = Object.values(PubSubFeature);

/**
 * The Pub/Sub conformance suite: every rule of SEMANTICS.md for Pub/Sub, and the load
 * rule, as vitest tests. Run it against every driver, in-process and through the sidecar. Each
 * test uses topics of its own, so tests run side by side; the suite takes about as long as its
 * slowest test (the 10,000-event one).
 */
export function describePubSubConformance(options: PubSubConformanceOptions): void {
  if (options.skipReason !== undefined) {
    describe.skip(`pubsub conformance: ${options.name} (skipped: ${options.skipReason})`, () => {
      it("runs the Pub/Sub conformance suite", () => undefined);
    });
    return;
  }
  // Generous per-test time: backends such as Kafka take a few hundred ms per subscription.
  describe.concurrent(`pubsub conformance: ${options.name}`, { timeout: 30_000 }, () => {
    let subject: PubSubConformanceSubject | undefined;
    let main: PubSubConformanceInstance | undefined;

    beforeAll(async () => {
      subject = await options.setup();
      main = await subject.open();
    });
    afterAll(async () => {
      await main?.close();
      await subject?.close?.();
    });

    const suite: SuiteContext = {
      get pubsub(): PubSubApi {
        if (!main) throw new Error("the suite's component is not open yet");
        return main.pubsub;
      },
      open: () => {
        if (!subject) throw new Error("the suite's subject is not set up yet");
        return subject.open();
      },
      pubsubName: options.pubsubName,
      appId: options.appId,
      has: (feature) => options.features.includes(feature),
      redeliveryWithinMs: options.redeliveryWithinMs ?? 10_000,
      maxPayloadBytes: options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES,
    };

    it("declares only known features", () => {
      for (const feature of options.features) expect(KNOWN_FEATURES).toContain(feature);
    });

    envelopeTests(suite);
    deliveryTests(suite);
    groupTests(suite);
    inputTests(suite);
    loadTests(suite);
  });
}
