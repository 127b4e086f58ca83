/**
 * The Configuration API as applications see it, embedded or through an SDK: request objects in,
 * response objects out. An item is addressed by (app id, group, label, key); a blank group or
 * label means the store's default. Every error is thrown as a `Layer8Error`.
 */
import type { Layer8Error } from "@layer8/core";

/** One configuration item, as reads return it and subscribers receive it. */
export interface ConfigurationItem {
  key: string;
  /** The value, as text. Empty for a deleted item when it reaches subscribers. */
  content: string;
  /** Never blank in answers: a blank group was resolved to the store's default. */
  group: string;
  /** Never blank in answers: a blank label was resolved to the store's default. */
  label: string;
  /** Free-form tags, kept as saved. */
  tags: Record<string, string>;
  /** Per-item attributes, kept as saved. */
  metadata: Record<string, string>;
}

/** An item to save: blank group and label mean the store's defaults; tags and metadata optional. */
export interface SaveConfigurationItem {
  /** Not empty. */
  key: string;
  content: string;
  group?: string;
  label?: string;
  tags?: Record<string, string>;
  metadata?: Record<string, string>;
}

/** Selects items of one app, group and label. */
export interface ConfigurationSelector {
  /** Whose configuration. Default (blank): the store's app id (the sidecar's, through it). */
  appId?: string;
  /** Default (blank): the store's `defaultGroup`. */
  group?: string;
  /** Default (blank): the store's `defaultLabel`. */
  label?: string;
  /** Request options for the driver. No driver reads any yet; accepted for Layotto's API. */
  metadata?: Record<string, string>;
}

export interface GetConfigurationRequest extends ConfigurationSelector {
  /** The keys to read; missing ones are left out. Empty or absent: every key of the selector. */
  keys?: readonly string[];
}

export interface GetConfigurationResponse {
  /** With keys: the items found, in the order asked. Without: every item, sorted by key. */
  items: ConfigurationItem[];
}

export interface SaveConfigurationRequest {
  /** Default (blank): the store's app id. */
  appId?: string;
  /** Each carries its own group and label. Two items with the same address are refused. */
  items: readonly SaveConfigurationItem[];
  metadata?: Record<string, string>;
}

export interface DeleteConfigurationRequest extends ConfigurationSelector {
  /**
   * The keys to delete; missing ones are ignored. At least one: a request without keys is refused
   * with INVALID_ARGUMENT rather than read as "delete everything".
   */
  keys: readonly string[];
}

export interface SubscribeConfigurationRequest extends ConfigurationSelector {
  /** The keys to watch. Empty or absent: every key of the selector, also keys created later. */
  keys?: readonly string[];
}

/**
 * Receives the items of one change that match the subscription, in the order changes happen. A
 * deleted item comes with empty content, tags and metadata.
 */
export type ConfigurationListener = (items: ConfigurationItem[]) => void;

/** A live subscription: changes after `subscribe` resolved reach its listener, until closed. */
export interface ConfigurationSubscription {
  /** Stops this subscription only; no change reaches its listener after this resolves. */
  close(): Promise<void>;
  /**
   * Resolves when the subscription stops: with `undefined` after `close()` (or the store's), or
   * with the error that ended it (the backend gave up the watch, or the listener threw). It never
   * rejects.
   */
  readonly closed: Promise<Layer8Error | undefined>;
}

/** The operations of a configuration store, the same embedded, through the sidecar, or in an SDK. */
export interface ConfigApi {
  get(request: GetConfigurationRequest): Promise<GetConfigurationResponse>;
  /** Creates or replaces each item (content, tags and metadata together). */
  save(request: SaveConfigurationRequest): Promise<void>;
  delete(request: DeleteConfigurationRequest): Promise<void>;
  /** Resolves once the subscription is live: every later change that matches reaches `onChange`. */
  subscribe(
    request: SubscribeConfigurationRequest,
    onChange: ConfigurationListener,
  ): Promise<ConfigurationSubscription>;
}
