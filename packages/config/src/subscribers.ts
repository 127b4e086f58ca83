import type { Layer8Error } from "@layer8/core";
import type { ConfigChange, DriverQuery, DriverSubscription } from "./driver.js";
import type { ConfigurationItem } from "./types.js";

/** True when `change` is an item `query` selects: same app, group and label, and a listed key. */
export function selects(query: DriverQuery, change: ConfigChange): boolean {
  return (
    change.appId === query.appId &&
    change.item.group === query.group &&
    change.item.label === query.label &&
    (query.keys.length === 0 || query.keys.includes(change.item.key))
  );
}

interface Subscriber {
  query: DriverQuery;
  onChange: (items: ConfigurationItem[]) => void;
  end: (reason: Layer8Error | undefined) => void;
}

/**
 * The subscribers of one in-process driver (memory, file) and the delivery of changes to them:
 * each subscriber receives, per published change, the items it selects, in one call.
 *
 * Delivery is synchronous but never re-entrant: a listener that saves from inside its callback
 * publishes a change that waits until the current one has reached every subscriber, so every
 * subscriber sees changes in the same order.
 */
export class SubscriberSet {
  readonly #subscribers = new Set<Subscriber>();
  readonly #pending: (readonly ConfigChange[])[] = [];
  #delivering = false;

  get size(): number {
    return this.#subscribers.size;
  }

  add(query: DriverQuery, onChange: (items: ConfigurationItem[]) => void): DriverSubscription {
    let end!: (reason: Layer8Error | undefined) => void;
    const closed = new Promise<Layer8Error | undefined>((resolve) => {
      end = resolve;
    });
    const subscriber: Subscriber = { query, onChange, end };
    this.#subscribers.add(subscriber);
    return {
      closed,
      close: async () => {
        this.#subscribers.delete(subscriber);
        end(undefined);
      },
    };
  }

  publish(changes: readonly ConfigChange[]): void {
    if (changes.length === 0) return;
    this.#pending.push(changes);
    if (this.#delivering) return;
    this.#delivering = true;
    try {
      for (let next = this.#pending.shift(); next; next = this.#pending.shift()) {
        this.#deliver(next);
      }
    } finally {
      this.#delivering = false;
    }
  }

  /** Ends every subscription (the driver is closing). */
  closeAll(): void {
    for (const subscriber of this.#subscribers) subscriber.end(undefined);
    this.#subscribers.clear();
    this.#pending.length = 0;
  }

  #deliver(changes: readonly ConfigChange[]): void {
    // A copy: a listener may close subscriptions (its own or others) while this runs.
    for (const subscriber of [...this.#subscribers]) {
      if (!this.#subscribers.has(subscriber)) continue;
      const items = changes
        .filter((change) => selects(subscriber.query, change))
        .map((change) => copyItem(change.item));
      if (items.length > 0) subscriber.onChange(items);
    }
  }
}

/** A copy no caller can change the stored item through. */
export function copyItem(item: ConfigurationItem): ConfigurationItem {
  return { ...item, tags: { ...item.tags }, metadata: { ...item.metadata } };
}

/** How a deleted item reaches subscribers: its address, with empty content, tags and metadata. */
export function deletedItem(item: Pick<ConfigurationItem, "key" | "group" | "label">) {
  return {
    key: item.key,
    group: item.group,
    label: item.label,
    content: "",
    tags: {},
    metadata: {},
  } satisfies ConfigurationItem;
}
