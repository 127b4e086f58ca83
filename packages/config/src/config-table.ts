import type { ConfigChange, DriverQuery, DriverSave } from "./driver.js";
import { copyItem, deletedItem } from "./subscribers.js";
import type { ConfigurationItem } from "./types.js";

/** The items of one (app, group, label), by key. */
type Scope = Map<string, ConfigurationItem>;

/** A scope's name in the table; `\0` cannot occur in an app id, group or label read as text. */
function scopeOf(appId: string, group: string, label: string): string {
  return `${appId}\0${group}\0${label}`;
}

/**
 * Configuration items in memory, by (app, group, label) and key: the memory driver's store and
 * the file driver's view of its file. Every change returns what subscribers must be told.
 */
export class ConfigTable {
  readonly #scopes = new Map<string, { appId: string; items: Scope }>();

  /** Every item with its app, in insertion order (the file driver writes files in this order). */
  entries(): ConfigChange[] {
    const all: ConfigChange[] = [];
    for (const { appId, items } of this.#scopes.values()) {
      for (const item of items.values()) all.push({ appId, item: copyItem(item) });
    }
    return all;
  }

  get size(): number {
    let count = 0;
    for (const { items } of this.#scopes.values()) count += items.size;
    return count;
  }

  get(query: DriverQuery): ConfigurationItem[] {
    const items = this.#scopes.get(scopeOf(query.appId, query.group, query.label))?.items;
    if (!items) return [];
    const found =
      query.keys.length === 0
        ? [...items.values()]
        : query.keys.flatMap((key) => items.get(key) ?? []);
    return found.map(copyItem);
  }

  /** Stores every item; each is a change, even when its content did not change (it was written). */
  save(request: DriverSave): ConfigChange[] {
    return request.items.map((item) => {
      const scope = scopeOf(request.appId, item.group, item.label);
      let entry = this.#scopes.get(scope);
      if (!entry) {
        entry = { appId: request.appId, items: new Map() };
        this.#scopes.set(scope, entry);
      }
      entry.items.set(item.key, copyItem(item));
      return { appId: request.appId, item: copyItem(item) };
    });
  }

  /** Removes the listed keys; only items that existed are changes. */
  delete(query: DriverQuery): ConfigChange[] {
    const scope = scopeOf(query.appId, query.group, query.label);
    const items = this.#scopes.get(scope)?.items;
    if (!items) return [];
    const changes: ConfigChange[] = [];
    for (const key of query.keys) {
      const item = items.get(key);
      if (!item) continue;
      items.delete(key);
      changes.push({ appId: query.appId, item: deletedItem(item) });
    }
    if (items.size === 0) this.#scopes.delete(scope);
    return changes;
  }

  /**
   * What subscribers must be told when this table's content becomes `next`'s: items added or
   * different (content, tags or metadata), and items gone, with empty content.
   */
  changesTo(next: ConfigTable): ConfigChange[] {
    const changes: ConfigChange[] = [];
    for (const change of next.entries()) {
      const { appId, item } = change;
      const before = this.#scopes.get(scopeOf(appId, item.group, item.label))?.items.get(item.key);
      if (!before || !sameItem(before, item)) changes.push(change);
    }
    for (const { appId, item } of this.entries()) {
      const after = next.#scopes.get(scopeOf(appId, item.group, item.label))?.items.get(item.key);
      if (!after) changes.push({ appId, item: deletedItem(item) });
    }
    return changes;
  }
}

function sameItem(a: ConfigurationItem, b: ConfigurationItem): boolean {
  return a.content === b.content && sameMap(a.tags, b.tags) && sameMap(a.metadata, b.metadata);
}

function sameMap(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => b[key] === a[key]);
}
