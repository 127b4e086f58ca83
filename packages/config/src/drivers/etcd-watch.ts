import type { EtcdClient } from "@layer8/connections";
import { Code, Layer8Error, withDeadline } from "@layer8/core";
import type { DriverQuery, DriverSubscription } from "../driver.js";
import { deletedItem } from "../subscribers.js";
import type { ConfigurationItem } from "../types.js";
import { decodeValue } from "./etcd-layout.js";

type Watcher = ReturnType<ReturnType<EtcdClient["watch"]>["watcher"]>;

/** The parts of etcd's watch responses used here (etcd3's types, without importing etcd3). */
interface WatchResponse {
  header: { revision: string };
  events: { type: "Put" | "Delete"; kv: { key: Buffer; value: Buffer; mod_revision: string } }[];
}

export interface EtcdWatchOptions {
  client: EtcdClient;
  /** The key prefix watched: one app, group and label. */
  scope: string;
  query: DriverQuery;
  /** The first revision whose changes are delivered. */
  fromRevision: bigint;
  /** How long creating and cancelling the watch may take. */
  timeoutMs: number;
  onChange: (items: ConfigurationItem[]) => void;
  /** Called once when the subscription stops, for whatever reason. */
  onStop: () => void;
}

/**
 * One subscription: an etcd watch on the prefix of its app, group and label, from a given
 * revision on, with its own cancel, so closing it never touches another subscription's watch.
 *
 * etcd3 re-creates a watch after a disconnection from the revision after the last response's
 * header. That header can be ahead of the events delivered so far (while a watch catches up on
 * history, etcd sends the current revision with older events), so this watch keeps its own
 * "next revision to deliver" and puts it back into the request after each response: a reconnect
 * resumes exactly after the last change delivered, and nothing in between is lost or repeated.
 */
export class EtcdWatch implements DriverSubscription {
  readonly closed: Promise<Layer8Error | undefined>;
  readonly #watcher: Watcher;
  readonly #scope: string;
  readonly #query: DriverQuery;
  readonly #onChange: (items: ConfigurationItem[]) => void;
  readonly #timeoutMs: number;
  readonly #onStop: () => void;
  #next: bigint;
  #end!: (reason: Layer8Error | undefined) => void;
  #stopped = false;

  private constructor(options: EtcdWatchOptions) {
    this.#scope = options.scope;
    this.#query = options.query;
    this.#onChange = options.onChange;
    this.#timeoutMs = options.timeoutMs;
    this.#onStop = options.onStop;
    this.#next = options.fromRevision;
    this.closed = new Promise((resolve) => {
      this.#end = resolve;
    });
    this.#watcher = options.client
      .watch()
      .prefix(options.scope)
      .startRevision(String(options.fromRevision))
      .watcher();
    // Registered after etcd3's own listeners, so these run after it has moved its revision.
    this.#watcher.on("data", (response) => this.#deliver(response as unknown as WatchResponse));
    this.#watcher.on("connected", () => this.#resumeFromNext());
    this.#watcher.on("error", (error) => {
      // etcd cancelled the watch (e.g. the revision to resume from was compacted away): changes
      // may have been missed, so the subscription ends rather than carrying on with a gap.
      void this.#stop(
        new Layer8Error(
          Code.Aborted,
          `etcd ended the watch of ${options.scope}: ${error.message}; subscribe again`,
          { cause: error },
        ),
      );
    });
  }

  /**
   * Starts watching `scope` from `fromRevision` and resolves once etcd has created the watch, or
   * throws (DEADLINE_EXCEEDED, UNAVAILABLE, ...) and leaves nothing behind.
   */
  static async start(options: EtcdWatchOptions): Promise<EtcdWatch> {
    const watch = new EtcdWatch(options);
    const created = new Promise<void>((resolve, reject) => {
      watch.#watcher.once("connected", () => resolve());
      watch.#watcher.once("error", reject);
    });
    created.catch(() => undefined); // when the deadline wins, a later failure has no one to tell
    try {
      await withDeadline(created, options.timeoutMs, `creating an etcd watch of ${options.scope}`);
    } catch (error) {
      await watch.#stop(undefined);
      throw error;
    }
    return watch;
  }

  close(): Promise<void> {
    return this.#stop(undefined);
  }

  async #stop(reason: Layer8Error | undefined): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#end(reason);
    this.#onStop();
    // Bounded: with etcd gone, a cancel waits for a reconnect that may never come.
    await withDeadline(this.#watcher.cancel(), this.#timeoutMs, "cancelling an etcd watch").catch(
      () => undefined,
    );
  }

  #deliver(response: WatchResponse): void {
    if (this.#stopped) return;
    const items: ConfigurationItem[] = [];
    // Events of one revision (one transaction) always come in one response, so what came before
    // this response is what to skip: a replay after a reconnect.
    const from = this.#next;
    for (const event of response.events) {
      const revision = BigInt(event.kv.mod_revision);
      if (revision < from) continue;
      if (revision >= this.#next) this.#next = revision + 1n;
      const key = event.kv.key.toString("utf8").slice(this.#scope.length);
      if (this.#query.keys.length > 0 && !this.#query.keys.includes(key)) continue;
      const address = { key, group: this.#query.group, label: this.#query.label };
      items.push(
        event.type === "Delete"
          ? deletedItem(address)
          : decodeValue(event.kv.value.toString("utf8"), address),
      );
    }
    // A response without events is a progress notice: every change up to its revision was sent.
    if (response.events.length === 0) {
      const revision = BigInt(response.header.revision) + 1n;
      if (revision > this.#next) this.#next = revision;
    }
    this.#resumeFromNext();
    if (items.length > 0) this.#onChange(items);
  }

  #resumeFromNext(): void {
    this.#watcher.request.start_revision = this.#next.toString();
  }
}
