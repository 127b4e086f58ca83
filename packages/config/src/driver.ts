import type { Component, DriverDefinition, Layer8Error } from "@layer8/core";
import type { z } from "zod";
import type { ConfigurationItem } from "./types.js";

/**
 * Items of one app, group and label as drivers receive them: every field validated, blank group
 * and label already replaced by the store's defaults, keys without duplicates.
 */
export interface DriverQuery {
  /** Not empty, no `/`. */
  appId: string;
  /** Not empty, no `/`. */
  group: string;
  /** Not empty, no `/`. */
  label: string;
  /** Not empty keys. Empty list: every key (get, subscribe); delete always lists some. */
  keys: readonly string[];
}

/** Items to save, every one complete (group, label, tags, metadata) and with its own address. */
export interface DriverSave {
  appId: string;
  items: readonly ConfigurationItem[];
}

/** One changed item and the app it belongs to, as drivers hand it to their subscribers. */
export interface ConfigChange {
  appId: string;
  /** A deleted item has empty content, tags and metadata. */
  item: ConfigurationItem;
}

/** A driver's subscription. `closed` resolves (never rejects) when it stops, with its cause. */
export interface DriverSubscription {
  close(): Promise<void>;
  readonly closed: Promise<Layer8Error | undefined>;
}

/**
 * A configuration driver, on validated input. Every save and every delete of an existing item
 * reaches each matching subscriber once, in the order of the changes, including changes made
 * outside this process when the backend can tell (a hand-edited file, another etcd client).
 * Backend failures are thrown as `Layer8Error`s. Validation and default group/label are done
 * once, for every driver, by `createConfigStore`.
 */
export interface ConfigDriver extends Component {
  /** The items of the query that exist; order is not significant (the store orders them). */
  get(query: DriverQuery): Promise<ConfigurationItem[]>;
  /** Creates or replaces every item, atomically where the backend can. */
  save(request: DriverSave): Promise<void>;
  /** Removes the listed keys; missing ones are no change and notify nobody. */
  delete(query: DriverQuery): Promise<void>;
  /**
   * Resolves once live: every change made after that and matching the query reaches `onChange`,
   * batched as the backend applied it. `onChange` never throws (the store guards it).
   */
  subscribe(
    query: DriverQuery,
    onChange: (items: ConfigurationItem[]) => void,
  ): Promise<DriverSubscription>;
}

/** A configuration driver definition: its metadata is an object schema. */
export type ConfigDriverDefinition<Schema extends z.ZodObject = z.ZodObject> = DriverDefinition<
  "config",
  Schema,
  ConfigDriver
>;
