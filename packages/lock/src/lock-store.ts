import {
  type Component,
  type Health,
  instantiateDriver,
  keyPrefixMetadata,
  type Layer8Error,
  resolveKeyPrefix,
  StoreErrors,
} from "@layer8/core";
import type { z } from "zod";
import type { LockDriver, LockDriverDefinition } from "./driver.js";
import type {
  KeepAliveRequest,
  KeepAliveResponse,
  LockApi,
  TryLockRequest,
  TryLockResponse,
  UnlockRequest,
  UnlockResponse,
} from "./types.js";

/** Metadata every lock component accepts, whatever its driver. */
export const commonLockMetadata = {
  /** `appid` (default): `<appId>||resource`; `name`: `<component>||resource`; `none`; or a literal prefix. */
  keyPrefix: keyPrefixMetadata,
};

/** The longest expiry accepted: the wire's `expire` is an int32 number of seconds. */
export const MAX_EXPIRE_SECONDS = 2_147_483_647;

export interface CreateLockStoreOptions<Schema extends z.ZodObject> {
  driver: LockDriverDefinition<Schema>;
  /** The driver's metadata plus the shared `keyPrefix`. */
  metadata?: Record<string, unknown>;
  /** The component name used in messages and by `keyPrefix: name`. Default: `default`. */
  name?: string;
  /** The app id used by `keyPrefix: appid`. Default: empty, meaning no prefix. */
  appId?: string;
}

/**
 * A lock store: one driver behind the Lock API, with every request validated the same way for
 * every driver and resource ids prefixed, and driver errors named after the store.
 */
export class LockStore implements LockApi, Component {
  readonly name: string;
  readonly type: string;
  readonly features: readonly string[];
  readonly #driver: LockDriver;
  readonly #prefix: string;
  readonly #errors: StoreErrors;

  constructor(driver: LockDriver, settings: { name: string; type: string; prefix: string }) {
    this.#driver = driver;
    this.name = settings.name;
    this.type = settings.type;
    this.features = driver.features;
    this.#prefix = settings.prefix;
    this.#errors = new StoreErrors("lock", "lock store", settings.name);
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

  async tryLock(request: TryLockRequest): Promise<TryLockResponse> {
    const lock = {
      key: this.#checkResource(request.resourceId),
      owner: this.#checkOwner(request.owner),
      expireSeconds: this.#checkExpire(request.expireSeconds),
    };
    const success = await this.#call("tryLock", request.resourceId, () =>
      this.#driver.tryLock(lock),
    );
    return { success };
  }

  async unlock(request: UnlockRequest): Promise<UnlockResponse> {
    const unlock = {
      key: this.#checkResource(request.resourceId),
      owner: this.#checkOwner(request.owner),
    };
    const status = await this.#call("unlock", request.resourceId, () =>
      this.#driver.unlock(unlock),
    );
    return { status };
  }

  async keepAlive(request: KeepAliveRequest): Promise<KeepAliveResponse> {
    const lock = {
      key: this.#checkResource(request.resourceId),
      owner: this.#checkOwner(request.owner),
      expireSeconds: this.#checkExpire(request.expireSeconds),
    };
    const status = await this.#call("keepAlive", request.resourceId, () =>
      this.#driver.keepAlive(lock),
    );
    return { status };
  }

  #checkResource(resourceId: string): string {
    return this.#errors.prefixedKey(resourceId, "resourceId", this.#prefix);
  }

  #checkOwner(owner: string): string {
    if (typeof owner !== "string" || owner === "") {
      throw this.#invalid("owner", "owner must not be empty");
    }
    return owner;
  }

  #checkExpire(expireSeconds: number): number {
    if (
      typeof expireSeconds !== "number" ||
      !Number.isInteger(expireSeconds) ||
      expireSeconds < 1 ||
      expireSeconds > MAX_EXPIRE_SECONDS
    ) {
      throw this.#invalid(
        "expireSeconds",
        `expireSeconds must be a whole number of seconds from 1 to ${MAX_EXPIRE_SECONDS}, got ${String(expireSeconds)}`,
      );
    }
    return expireSeconds;
  }

  /** Runs a driver call and puts the store's name and the app's resource id into any error. */
  async #call<T>(what: string, resourceId: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw this.#errors.wrap(error, `${what} of resource '${resourceId}'`, resourceId);
    }
  }

  #invalid(field: string, reason: string): Layer8Error {
    return this.#errors.invalid(field, reason);
  }
}

/**
 * Builds a lock store from a driver and its metadata. Metadata is validated here, so bad fields
 * fail before anything connects; call `init()` before use and `close()` after.
 */
export function createLockStore<Schema extends z.ZodObject>(
  options: CreateLockStoreOptions<Schema>,
): LockStore {
  const name = options.name ?? "default";
  const appId = options.appId ?? "";
  const { instance, shared } = instantiateDriver({
    block: "lock",
    driver: options.driver,
    shared: commonLockMetadata,
    metadata: options.metadata,
    name,
    appId,
  });
  return new LockStore(instance, {
    name,
    type: options.driver.type,
    prefix: resolveKeyPrefix(shared.keyPrefix, { appId, component: name }),
  });
}
