import { Code as ConnectCode, ConnectError } from "@connectrpc/connect";
import { Code, isLayer8Error, Layer8Error } from "@layer8/core";
import type { TopicEventRequest } from "@layer8/proto";
import type {
  PublishRequest,
  PubSubApi,
  SubscribeRequest,
  Subscription,
  TopicEventStatus,
} from "@layer8/pubsub";
import { type StartedSidecar, startSidecar } from "../src/testing/index.js";
import { type ListedSubscription, startTestApp, type TestApp } from "./app-callback-app.js";
import { AppCallbackLog, type SubscriptionOutcome } from "./app-callback-log.js";
import { connect } from "./config-grpc-client.js";
import { fromWire, GrpcPubSubApi, optionsAsMetadata, renameFields } from "./pubsub-grpc-client.js";

/** How long the sidecar may take to open or close a subscription after re-reading the list. */
const SIDECAR_WAIT_MS = 20_000;

/** Why two live subscriptions of one app to one topic cannot be told apart over AppCallback. */
export const SAME_TOPIC_REASON =
  "two live subscriptions of one app to one topic: OnTopicEvent names no subscription or consumer group, so the app cannot tell which handler an event is for (the stream suite covers this)";

/** One handler of the app: a subscription it lists. */
interface Route {
  request: SubscribeRequest;
  listed: ListedSubscription;
  /** Aborted by `close()`: the handler's `delivery.signal`. */
  closing: AbortController;
  /** Handler calls per event id, for `delivery.attempt`. */
  attempts: Map<string, number>;
}

/** A handler's thrown error as the app's gRPC error: UNIMPLEMENTED stays UNIMPLEMENTED. */
function asGrpcError(error: unknown): ConnectError {
  if (isLayer8Error(error))
    return new ConnectError(error.rawMessage, error.code as number as ConnectCode);
  return ConnectError.from(error, ConnectCode.Internal);
}

/** The sidecar's log reason without the `[code] ` prefix Layer8Error puts in its message. */
function withoutCodePrefix(reason: string): string {
  return reason.replace(/^\[[a-z_]+\] /, "");
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

/**
 * The Pub/Sub API of an app whose sidecar delivers over AppCallback: `publish` is PublishEvent;
 * `subscribe` adds the subscription to what the test app lists (`ListTopicSubscriptions`) and
 * routes the app's `OnTopicEvent` calls for its topic to the handler, whose answer is the
 * reply's status (a thrown error is a gRPC error). The sidecar reads the list when it reaches
 * the app, so each change ends the app's connections by a GOAWAY: to the sidecar, the app
 * restarted with a new list. `subscribe` resolves once the sidecar logged the subscription open
 * (its consumer group exists) and rejects with the reason it logged for refusing it; `close()`
 * resolves once it logged it closed (events it held are back with the group).
 *
 * Changes are made one at a time, so each waits for its own log line.
 */
export class AppCallbackPubSubApi implements PubSubApi {
  readonly #app: TestApp;
  readonly #log: AppCallbackLog;
  readonly #publisher: PubSubApi;
  readonly #pubsubName: string;
  readonly #unsupported: (reason: string) => never;
  readonly #routes = new Map<string, Route>();
  /** Topics whose subscription the sidecar logged closed, none open since. */
  readonly #closedTopics = new Set<string>();
  #changes: Promise<unknown> = Promise.resolve();
  /** Events the sidecar delivered for a subscription after it logged it closed: none is due. */
  readonly lateDeliveries: { topic: string; id: string }[] = [];

  constructor(options: {
    app: TestApp;
    log: AppCallbackLog;
    publisher: PubSubApi;
    pubsubName: string;
    /** Called (and throws) for what AppCallback cannot express, e.g. to skip the test. */
    unsupported: (reason: string) => never;
  }) {
    this.#app = options.app;
    this.#log = options.log;
    this.#publisher = options.publisher;
    this.#pubsubName = options.pubsubName;
    this.#unsupported = options.unsupported;
    this.#app.answer = (event) => this.#deliver(event);
  }

  publish(request: PublishRequest): Promise<void> {
    return this.#publisher.publish(request);
  }

  async subscribe(request: SubscribeRequest): Promise<Subscription> {
    if (this.#routes.has(request.topic)) this.#unsupported(SAME_TOPIC_REASON);
    const { metadata, renamed } = optionsAsMetadata(request);
    if (request.deadLetterTopic !== undefined) {
      // Read by the sidecar's component from the subscription's metadata, like the other options.
      metadata.deadLetterTopic = request.deadLetterTopic;
      renamed.push(["metadata.deadLetterTopic", "deadLetterTopic"]);
    }
    const route: Route = {
      request,
      listed: { pubsubName: this.#pubsubName, topic: request.topic, metadata },
      closing: new AbortController(),
      attempts: new Map(),
    };
    // The handler is ready before the app lists it, as in an app.
    this.#routes.set(request.topic, route);
    this.#closedTopics.delete(request.topic);
    const outcome = await this.#change(
      () => {
        this.#app.subscriptions.push(route.listed);
      },
      request.topic,
      ["opened", "skipped"],
    ).catch((error: unknown) => {
      this.#forget(route);
      throw error;
    });
    if (outcome.kind === "skipped") {
      // The sidecar refused it; an app would stop listing it.
      this.#forget(route);
      throw renameFields(
        new Layer8Error(Code.InvalidArgument, withoutCodePrefix(outcome.reason)),
        renamed,
      );
    }
    const consumerGroup = outcome.kind === "opened" ? outcome.consumerGroup : "";
    let closed: Promise<void> | undefined;
    return {
      topic: request.topic,
      consumerGroup,
      close: () => {
        closed ??= (async () => {
          // No further call reaches the handler; those running see their signal abort.
          if (this.#routes.get(request.topic) === route) this.#routes.delete(request.topic);
          route.closing.abort();
          await this.#change(() => this.#unlist(route), request.topic, ["closed"]);
          if (!this.#routes.has(request.topic)) this.#closedTopics.add(request.topic);
        })();
        return closed;
      },
    };
  }

  /** Aborts every handler's signal, as the app stopping would. */
  abortAll(): void {
    for (const route of this.#routes.values()) route.closing.abort();
    this.#routes.clear();
  }

  /**
   * Changes the app's list, makes the sidecar read it again, and resolves the sidecar's next
   * logged outcome for `topic` among `awaited`. One change at a time.
   */
  #change(
    edit: () => void,
    topic: string,
    awaited: SubscriptionOutcome["kind"][],
  ): Promise<SubscriptionOutcome> {
    const run = this.#changes.then(async () => {
      const seen = this.#log.outcomes(this.#pubsubName, topic).length;
      edit();
      this.#app.reconnect();
      let outcome: SubscriptionOutcome | undefined;
      const found = await until(() => {
        outcome = this.#log
          .outcomes(this.#pubsubName, topic)
          .slice(seen)
          .find((o) => awaited.includes(o.kind));
        return outcome !== undefined;
      }, SIDECAR_WAIT_MS);
      if (!found || !outcome) {
        throw new Layer8Error(
          Code.DeadlineExceeded,
          `the sidecar logged none of ${awaited.join(", ")} for topic '${topic}' within ${SIDECAR_WAIT_MS} ms after the app's list changed; its last lines:\n${this.#log.tail()}`,
        );
      }
      return outcome;
    });
    this.#changes = run.catch(() => undefined);
    return run;
  }

  #forget(route: Route): void {
    if (this.#routes.get(route.request.topic) === route) this.#routes.delete(route.request.topic);
    this.#unlist(route);
  }

  #unlist(route: Route): void {
    const index = this.#app.subscriptions.indexOf(route.listed);
    if (index >= 0) this.#app.subscriptions.splice(index, 1);
  }

  /** The app's `OnTopicEvent`: the handler of the event's topic answers. */
  async #deliver(wire: TopicEventRequest): Promise<TopicEventStatus> {
    const route = wire.pubsubName === this.#pubsubName ? this.#routes.get(wire.topic) : undefined;
    if (!route) {
      if (this.#closedTopics.has(wire.topic)) {
        this.lateDeliveries.push({ topic: wire.topic, id: wire.id });
      }
      // Its subscription closed here but not yet in the sidecar: back to the group with it.
      return "RETRY";
    }
    const event = fromWire(wire);
    const attempt = (route.attempts.get(event.id) ?? 0) + 1;
    route.attempts.set(event.id, attempt);
    let status: TopicEventStatus;
    try {
      status =
        (await route.request.handler(event, { attempt, signal: route.closing.signal })) ??
        "SUCCESS";
    } catch (error) {
      throw asGrpcError(error);
    }
    if (status !== "RETRY") route.attempts.delete(event.id);
    return status;
  }
}

export interface AppCallbackComponent {
  pubsub: AppCallbackPubSubApi;
  app: TestApp;
  sidecar: StartedSidecar;
  close(): Promise<void>;
}

/**
 * A sidecar with one pub/sub component and a test app serving AppCallback for it, the app
 * reached (its empty list read) before this resolves.
 */
export async function openAppCallbackComponent(options: {
  appId: string;
  pubsubName: string;
  component: { type: string; metadata: Record<string, unknown> };
  unsupported: (reason: string) => never;
}): Promise<AppCallbackComponent> {
  const app = await startTestApp({ subscriptions: [] });
  let sidecar: StartedSidecar;
  try {
    sidecar = await startSidecar({
      config: {
        appId: options.appId,
        app: { grpcCallback: app.address },
        components: { pubsub: { [options.pubsubName]: options.component } },
      },
    });
  } catch (error) {
    await app.stop();
    throw error;
  }
  const log = new AppCallbackLog(sidecar.output);
  if (!(await until(() => log.includes("reached: it lists"), SIDECAR_WAIT_MS))) {
    await sidecar.stop();
    await app.stop();
    throw new Error(`the sidecar did not reach the test app; its last lines:\n${log.tail()}`);
  }
  const pubsub = new AppCallbackPubSubApi({
    app,
    log,
    publisher: new GrpcPubSubApi(connect(sidecar.address), options.pubsubName),
    pubsubName: options.pubsubName,
    unsupported: options.unsupported,
  });
  return {
    pubsub,
    app,
    sidecar,
    close: async () => {
      // Handlers holding events answer as their subscription closes; the sidecar hands back
      // what is unanswered when it stops.
      pubsub.abortAll();
      const code = await sidecar.stop();
      await app.stop();
      if (code !== 0) {
        throw new Error(`the sidecar exited with code ${code}; its last lines:\n${log.tail()}`);
      }
    },
  };
}
