import { closeRedis, type connectRedis, redisError } from "@layer8/connections";
import type { DriverConsumer, DriverMessage, DriverMessageHandler } from "../driver.js";
import type { PubSubScripts } from "./redis-scripts.js";
import { autoClaimReply, pendingIds, readGroupEntries } from "./redis-stream-reply.js";

type RedisClient = Awaited<ReturnType<typeof connectRedis>>;

export interface RedisConsumerSettings {
  /** The stream key: the topic. */
  topic: string;
  group: string;
  /** This member's name in the group, unique to it. */
  consumer: string;
  maxInFlight: number;
  /** How many entries it holds at most (in its handlers or read ahead of them). */
  prefetch: number;
  /** The longest XREADGROUP BLOCK. */
  blockMs: number;
  /** An entry held this long by a member that stopped renewing it is taken over. */
  processingTimeoutMs: number;
  /** How often to look for such entries. */
  redeliverIntervalMs: number;
  /** Re-creates the group (after the stream was deleted under it). */
  ensureGroup(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One member of a consumer group on a Redis stream. A loop reads new entries (XREADGROUP `>`) on
 * a connection of its own, where it blocks, and every `redeliverIntervalMs` takes over entries
 * other members left pending longer than `processingTimeoutMs` (XAUTOCLAIM): members that crashed
 * or closed. It renews the entries it holds, so that a slow handler is never taken over, and acks
 * (XACK) an entry once `onMessage` resolves.
 */
export class RedisStreamConsumer implements DriverConsumer {
  readonly #shared: RedisClient & PubSubScripts;
  readonly #blocking: RedisClient;
  readonly #blockingId: number;
  readonly #settings: RedisConsumerSettings;
  readonly #onMessage: DriverMessageHandler;
  readonly #onError: (error: Error) => void;
  /** Read, not yet handed to `onMessage` (concurrency was full). */
  readonly #buffer: DriverMessage[] = [];
  readonly #inFlight = new Map<string, Promise<void>>();
  readonly #acks = new Set<Promise<unknown>>();
  readonly #renewal: NodeJS.Timeout;
  #wake: (() => void) | undefined;
  #closing = false;
  #loop: Promise<void> = Promise.resolve();

  constructor(
    clients: { shared: RedisClient & PubSubScripts; blocking: RedisClient; blockingId: number },
    settings: RedisConsumerSettings,
    onMessage: DriverMessageHandler,
    onError: (error: Error) => void,
  ) {
    this.#shared = clients.shared;
    this.#blocking = clients.blocking;
    this.#blockingId = clients.blockingId;
    this.#settings = settings;
    this.#onMessage = onMessage;
    this.#onError = onError;
    this.#renewal = setInterval(
      () => void this.#renew(),
      Math.max(50, Math.floor(settings.processingTimeoutMs / 4)),
    );
    this.#renewal.unref();
  }

  start(): void {
    this.#loop = this.#run();
  }

  async close(): Promise<void> {
    this.#closing = true;
    clearInterval(this.#renewal);
    this.#wakeUp();
    const cleanStop = await this.#stopReading();
    // Entries read but never handed to a handler go back with the rest.
    this.#buffer.length = 0;
    await Promise.allSettled([...this.#inFlight.values()]);
    await Promise.allSettled([...this.#acks]);
    await this.#handBack(cleanStop);
  }

  #held(): number {
    return this.#buffer.length + this.#inFlight.size;
  }

  async #run(): Promise<void> {
    const settings = this.#settings;
    let failures = 0;
    let reclaimAt = 0;
    while (!this.#closing) {
      try {
        const room = settings.prefetch - this.#held();
        if (room <= 0 || this.#buffer.length > 0) {
          await this.#pause(undefined);
          continue;
        }
        const now = performance.now();
        if (now >= reclaimAt) {
          reclaimAt = now + settings.redeliverIntervalMs;
          await this.#reclaim(room);
          continue;
        }
        // Block no longer than until the next look for abandoned entries.
        const block = Math.max(1, Math.min(settings.blockMs, Math.ceil(reclaimAt - now)));
        const reply = await this.#blocking.callBuffer("XREADGROUP", [
          "GROUP",
          settings.group,
          settings.consumer,
          "COUNT",
          room,
          "BLOCK",
          block,
          "STREAMS",
          settings.topic,
          ">",
        ]);
        this.#take(readGroupEntries(reply), false);
        failures = 0;
      } catch (error) {
        if (this.#closing) return;
        if (/NOGROUP/.test(String(error))) {
          // The stream (and its groups) was deleted: join it again from its start.
          await settings.ensureGroup().catch((cause) => this.#onError(redisError(cause)));
        } else {
          this.#onError(redisError(error));
        }
        failures += 1;
        await this.#pause(Math.min(100 * 2 ** failures, 5000));
      }
    }
  }

  /** Takes over entries other members abandoned, up to `room` of them. */
  async #reclaim(room: number): Promise<void> {
    const settings = this.#settings;
    let cursor = "0-0";
    let claimed = 0;
    do {
      const reply = await this.#shared.callBuffer("XAUTOCLAIM", [
        settings.topic,
        settings.group,
        settings.consumer,
        settings.processingTimeoutMs,
        cursor,
        "COUNT",
        room - claimed,
      ]);
      const { cursor: next, messages, gone } = autoClaimReply(reply);
      if (gone.length > 0) await this.#shared.xack(settings.topic, settings.group, ...gone);
      this.#take(messages, true);
      claimed += messages.length;
      cursor = next;
    } while (cursor !== "0-0" && claimed < room && !this.#closing);
  }

  /** Queues entries for the handlers; taken-over entries are older, so they go first. */
  #take(messages: DriverMessage[], older: boolean): void {
    if (older) this.#buffer.unshift(...messages);
    else this.#buffer.push(...messages);
    this.#pump();
  }

  #pump(): void {
    while (
      !this.#closing &&
      this.#buffer.length > 0 &&
      this.#inFlight.size < this.#settings.maxInFlight
    ) {
      this.#hand(this.#buffer.shift()!);
    }
  }

  #hand(message: DriverMessage): void {
    const settled = this.#onMessage(message)
      .then(
        () => this.#ack(message.id),
        // Not acknowledged: it stays pending, and comes back by hand-back or take-over.
        () => undefined,
      )
      .finally(() => {
        this.#inFlight.delete(message.id);
        this.#pump();
        this.#wakeUp();
      });
    this.#inFlight.set(message.id, settled);
  }

  #ack(id: string): void {
    const { topic, group } = this.#settings;
    const ack = this.#shared
      .xack(topic, group, id)
      .catch((error) => this.#onError(redisError(error)))
      .finally(() => this.#acks.delete(ack));
    this.#acks.add(ack);
  }

  /** Waits until a handler frees a slot or close begins, or `ms` passes. */
  #pause(ms: number | undefined): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(resolve, ms);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  #wakeUp(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  /** Keeps the entries this member holds from looking abandoned. */
  async #renew(): Promise<void> {
    const ids = [...this.#buffer.map((message) => message.id), ...this.#inFlight.keys()];
    if (ids.length === 0 || this.#closing) return;
    const { topic, group, consumer } = this.#settings;
    try {
      await this.#shared.layer8PubSubClaimOwned(topic, group, consumer, -1, ...ids);
    } catch (error) {
      this.#onError(redisError(error));
    }
  }

  /**
   * Ends the read loop. A blocked XREADGROUP is woken with CLIENT UNBLOCK (answering nil) rather
   * than by dropping the connection, so every read has been answered when this returns and the
   * entries it holds are known. Answers false when that could not be done (Redis unreachable).
   */
  async #stopReading(): Promise<boolean> {
    let stopped = false;
    const loop = this.#loop.then(() => {
      stopped = true;
    });
    try {
      while (!stopped) {
        await this.#shared.client("UNBLOCK", this.#blockingId);
        await Promise.race([loop, sleep(50)]);
      }
      await closeRedis(this.#blocking);
      return true;
    } catch {
      this.#blocking.disconnect();
      await loop;
      return false;
    }
  }

  /**
   * Makes what this member still holds look abandoned, so that another member (or the next
   * subscription) takes it over at its next look instead of after `processingTimeoutMs`. With
   * nothing held, the member leaves the group. Best effort: without Redis, its entries are
   * taken over after `processingTimeoutMs` anyway.
   */
  async #handBack(cleanStop: boolean): Promise<void> {
    const { topic, group, consumer, processingTimeoutMs } = this.#settings;
    try {
      let start = "-";
      let held = false;
      for (;;) {
        const ids = pendingIds(
          await this.#shared.call("XPENDING", topic, group, start, "+", 500, consumer),
        );
        if (ids.length === 0) break;
        held = true;
        await this.#shared.layer8PubSubClaimOwned(
          topic,
          group,
          consumer,
          processingTimeoutMs,
          ...ids,
        );
        start = `(${ids[ids.length - 1]}`;
      }
      // Only a member known to hold nothing is removed: removing it drops its pending entries.
      if (!held && cleanStop) {
        await this.#shared.xgroup("DELCONSUMER", topic, group, consumer);
      }
    } catch (error) {
      this.#onError(redisError(error));
    }
  }
}
