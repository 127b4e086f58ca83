import {
  Code,
  type Component,
  type Health,
  instantiateDriver,
  Layer8Error,
  StoreErrors,
} from "@layer8/core";
import { z } from "zod";
import type {
  ConfigDriver,
  ConfigDriverDefinition,
  DriverQuery,
  DriverSubscription,
} from "./driver.js";
import type {
  ConfigApi,
  ConfigurationItem,
  ConfigurationListener,
  ConfigurationSubscription,
  DeleteConfigurationRequest,
  GetConfigurationRequest,
  GetConfigurationResponse,
  SaveConfigurationRequest,
  SubscribeConfigurationRequest,
} from "./types.js";

/** An app id, group or label: it becomes one segment of a path (file, etcd key), so no `/`. */
const segment = z
  .string()
  .min(1)
  .refine((text) => !text.includes("/"), "must not contain '/'");

/** Metadata every configuration component accepts, whatever its driver. */
export const commonConfigMetadata = {
  /** The group of requests and items that give none. Default `default`. */
  defaultGroup: segment.default("default"),
  /** The label of requests and items that give none. Default `default`. */
  defaultLabel: segment.default("default"),
};

export interface CreateConfigStoreOptions<Schema extends z.ZodObject> {
  driver: ConfigDriverDefinition<Schema>;
  /** The driver's metadata plus the shared `defaultGroup` and `defaultLabel`. */
  metadata?: Record<string, unknown>;
  /** The component name used in messages. Default: `default`. */
  name?: string;
  /**
   * The app id of requests that give none (the sidecar passes its own). Default: empty, so that
   * every request must name its app.
   */
  appId?: string;
}

/**
 * A configuration store: one driver behind the Configuration API, with every request validated
 * the same way for every driver, blank groups and labels resolved to the store's defaults, answers
 * ordered the same way, listeners guarded, and driver errors named after the store.
 */
export class ConfigStore implements ConfigApi, Component {
  readonly name: string;
  readonly type: string;
  readonly features: readonly string[];
  /** The app id of requests that give none; may be empty. */
  readonly appId: string;
  readonly defaultGroup: string;
  readonly defaultLabel: string;
  readonly #driver: ConfigDriver;
  readonly #errors: StoreErrors;

  constructor(
    driver: ConfigDriver,
    settings: {
      name: string;
      type: string;
      appId: string;
      defaultGroup: string;
      defaultLabel: string;
    },
  ) {
    this.#driver = driver;
    this.name = settings.name;
    this.type = settings.type;
    this.features = driver.features;
    this.appId = settings.appId;
    this.defaultGroup = settings.defaultGroup;
    this.defaultLabel = settings.defaultLabel;
    this.#errors = new StoreErrors("config", "configuration store", settings.name);
  }

  init(): Promise<void> {
    return this.#driver.init();
  }

  close(): Promise<void> {
    return this.#driver.close();
  }

  health(): Promise<Health> {
    return this.#driver.health();
  }

  async get(request: GetConfigurationRequest): Promise<GetConfigurationResponse> {
    const query = this.#query(request, false);
    const found = await this.#call("get", query, () => this.#driver.get(query));
    return { items: ordered(found, query.keys) };
  }

  async save(request: SaveConfigurationRequest): Promise<void> {
    this.#checkRequest(request);
    this.#checkMetadata(request.metadata, "metadata");
    const appId = this.#appId(request.appId);
    if (!Array.isArray(request.items)) throw this.#invalid("items", "items must be a list");
    const seen = new Set<string>();
    const items = request.items.map((raw, index): ConfigurationItem => {
      const field = `items[${index}]`;
      if (typeof raw !== "object" || raw === null) {
        throw this.#invalid(field, `${field} must be an item`);
      }
      const item = {
        key: this.#key(raw.key, `${field}.key`),
        content: this.#content(raw.content, `${field}.content`),
        group: this.#segment(raw.group, `${field}.group`, this.defaultGroup),
        label: this.#segment(raw.label, `${field}.label`, this.defaultLabel),
        tags: this.#checkMetadata(raw.tags, `${field}.tags`),
        metadata: this.#checkMetadata(raw.metadata, `${field}.metadata`),
      };
      const address = JSON.stringify([item.group, item.label, item.key]);
      if (seen.has(address)) {
        throw this.#invalid(
          `${field}.key`,
          `${field} repeats key '${item.key}' of group '${item.group}' label '${item.label}'; save each item once`,
        );
      }
      seen.add(address);
      return item;
    });
    if (items.length === 0) return;
    const keys = items.map((item) => item.key);
    await this.#call("save", { appId, keys }, () => this.#driver.save({ appId, items }));
  }

  async delete(request: DeleteConfigurationRequest): Promise<void> {
    const query = this.#query(request, true);
    await this.#call("delete", query, () => this.#driver.delete(query));
  }

  async subscribe(
    request: SubscribeConfigurationRequest,
    onChange: ConfigurationListener,
  ): Promise<ConfigurationSubscription> {
    if (typeof onChange !== "function") throw this.#invalid("onChange", "onChange is required");
    const query = this.#query(request, false);
    let open = true;
    let subscription: DriverSubscription | undefined;
    let failed: ((reason: Layer8Error) => void) | undefined;
    const listenerFailed = new Promise<Layer8Error>((resolve) => {
      failed = resolve;
    });
    const guarded = (items: ConfigurationItem[]) => {
      if (!open) return;
      try {
        onChange(items);
      } catch (error) {
        // A listener's failure ends its own subscription, never the driver or other listeners.
        open = false;
        failed?.(this.#errors.wrap(error, "the subscription's listener", undefined));
        void subscription?.close().catch(() => undefined);
      }
    };
    subscription = await this.#call("subscribe", query, () =>
      this.#driver.subscribe(query, guarded),
    );
    const driverSubscription = subscription;
    // The listener may have thrown before the driver answered.
    if (!open) void driverSubscription.close().catch(() => undefined);
    let closedByCaller: (() => void) | undefined;
    const closing = new Promise<undefined>((resolve) => {
      closedByCaller = () => resolve(undefined);
    });
    const closed = Promise.race([
      closing,
      listenerFailed,
      driverSubscription.closed.then((reason) =>
        reason
          ? this.#errors.wrap(reason, `subscription to ${describe(query)}`, undefined)
          : reason,
      ),
    ]).then((reason) => {
      open = false;
      return reason;
    });
    return {
      closed,
      close: async () => {
        open = false;
        closedByCaller?.();
        await driverSubscription.close();
      },
    };
  }

  #query(
    request: GetConfigurationRequest | DeleteConfigurationRequest,
    keysRequired: boolean,
  ): DriverQuery {
    this.#checkRequest(request);
    this.#checkMetadata(request.metadata, "metadata");
    const query = {
      appId: this.#appId(request.appId),
      group: this.#segment(request.group, "group", this.defaultGroup),
      label: this.#segment(request.label, "label", this.defaultLabel),
      keys: this.#keys(request.keys),
    };
    if (keysRequired && query.keys.length === 0) {
      throw this.#invalid(
        "keys",
        "keys must list at least one key to delete; deleting every key of a group is not supported",
      );
    }
    return query;
  }

  #checkRequest(request: unknown): void {
    if (typeof request !== "object" || request === null) {
      throw this.#invalid("request", "the request must be an object");
    }
  }

  #appId(appId: unknown): string {
    const resolved = appId === undefined || appId === "" ? this.appId : appId;
    if (resolved === "") {
      throw this.#invalid(
        "appId",
        "appId must not be empty: give it in the request or to the store",
      );
    }
    return this.#segment(resolved, "appId", "");
  }

  /** A group, label or app id: blank means `fallback`; otherwise text without `/`. */
  #segment(value: unknown, field: string, fallback: string): string {
    if (value === undefined || value === "") return fallback;
    if (typeof value !== "string") throw this.#invalid(field, `${field} must be text`);
    if (value.includes("/")) {
      throw this.#invalid(field, `${field} '${value}' must not contain '/'`);
    }
    return value;
  }

  #keys(keys: unknown): string[] {
    if (keys === undefined) return [];
    if (!Array.isArray(keys)) throw this.#invalid("keys", "keys must be a list");
    const unique = new Set<string>();
    keys.forEach((key, index) => {
      unique.add(this.#key(key, `keys[${index}]`));
    });
    return [...unique];
  }

  #key(key: unknown, field: string): string {
    if (typeof key !== "string" || key === "") {
      throw this.#invalid(field, `${field} must not be empty`);
    }
    return key;
  }

  #content(content: unknown, field: string): string {
    if (typeof content !== "string") throw this.#invalid(field, `${field} must be text`);
    return content;
  }

  #checkMetadata(value: unknown, field: string): Record<string, string> {
    if (value === undefined || value === null) return {};
    if (typeof value !== "object" || Array.isArray(value)) {
      throw this.#invalid(field, `${field} must map names to text`);
    }
    const copy: Record<string, string> = {};
    for (const [name, text] of Object.entries(value)) {
      if (typeof text !== "string") {
        throw this.#invalid(field, `${field}.${name} must be text, got ${typeof text}`);
      }
      copy[name] = text;
    }
    return copy;
  }

  /** Runs a driver call and names the store, the operation and the items in any error. */
  async #call<T>(
    what: string,
    query: Pick<DriverQuery, "appId" | "keys"> & Partial<DriverQuery>,
    work: () => Promise<T>,
  ): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw this.#errors.wrap(error, `${what} of ${describe(query)}`, query.keys[0]);
    }
  }

  #invalid(field: string, reason: string): Layer8Error {
    return this.#errors.invalid(field, reason);
  }
}

/** `app 'shop' group 'g' label 'l' keys 'a', 'b'`, for messages. */
function describe(query: Pick<DriverQuery, "appId" | "keys"> & Partial<DriverQuery>): string {
  const parts = [`app '${query.appId}'`];
  if (query.group !== undefined) parts.push(`group '${query.group}'`);
  if (query.label !== undefined) parts.push(`label '${query.label}'`);
  parts.push(
    query.keys.length === 0 ? "every key" : `keys ${query.keys.map((k) => `'${k}'`).join(", ")}`,
  );
  return parts.join(" ");
}

/** With keys: in the order asked. Without: sorted by key, so every driver answers alike. */
function ordered(items: ConfigurationItem[], keys: readonly string[]): ConfigurationItem[] {
  if (keys.length === 0) return items.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const byKey = new Map(items.map((item) => [item.key, item]));
  return keys.flatMap((key) => byKey.get(key) ?? []);
}

/**
 * Builds a configuration store from a driver and its metadata. Metadata is validated here, so bad
 * fields fail before anything connects; call `init()` before use and `close()` after.
 */
export function createConfigStore<Schema extends z.ZodObject>(
  options: CreateConfigStoreOptions<Schema>,
): ConfigStore {
  const name = options.name ?? "default";
  const appId = options.appId ?? "";
  const { instance, shared } = instantiateDriver({
    block: "config",
    driver: options.driver,
    shared: commonConfigMetadata,
    metadata: options.metadata,
    name,
    appId,
  });
  if (appId.includes("/")) {
    throw new Layer8Error(
      Code.InvalidArgument,
      `config component '${name}': the app id '${appId}' must not contain '/'`,
      { block: "config", component: name, field: "appId" },
    );
  }
  return new ConfigStore(instance, {
    name,
    type: options.driver.type,
    appId,
    defaultGroup: shared.defaultGroup,
    defaultLabel: shared.defaultLabel,
  });
}
