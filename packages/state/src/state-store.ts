import {
  Code,
  type Component,
  type Health,
  instantiateDriver,
  isLayer8Error,
  keyPrefixMetadata,
  Layer8Error,
  resolveKeyPrefix,
  StoreErrors,
} from "@layer8/core";
import { z } from "zod";
import {
  type DriverDelete,
  type DriverOperation,
  type DriverSet,
  type StateDriver,
  type StateDriverDefinition,
  StateFeature,
  type StoredState,
} from "./driver.js";
import { normalizeEtag } from "./etag.js";
import { parseTtl, TTL_EXPIRE_TIME_KEY } from "./ttl.js";
import type {
  BulkGetStateRequest,
  BulkStateValue,
  DeleteStateRequest,
  GetStateRequest,
  SaveStateRequest,
  StateApi,
  StateValue,
  TransactionRequest,
} from "./types.js";

/** Metadata every state component accepts, whatever its driver. */
export const commonStateMetadata = {
  /** `appid` (default): `<appId>||key`; `name`: `<component>||key`; `none`; or a literal prefix. */
  keyPrefix: keyPrefixMetadata,
  /** Largest value accepted, in bytes. Default 4 MiB, gRPC's default message limit. */
  maxValueBytes: z.coerce
    .number()
    .int()
    .positive()
    .default(4 * 1024 * 1024),
};

export interface CreateStateStoreOptions<Schema extends z.ZodObject> {
  driver: StateDriverDefinition<Schema>;
  /** The driver's metadata plus the shared fields (`keyPrefix`, `maxValueBytes`). */
  metadata?: Record<string, unknown>;
  /** The component name used in messages and by `keyPrefix: name`. Default: `default`. */
  name?: string;
  /** The app id used by `keyPrefix: appid`. Default: empty, meaning no prefix. */
  appId?: string;
}

const EMPTY = new Uint8Array(0);

/**
 * A state store: one driver behind the State API, with input validated the same way for every
 * driver, key prefixes applied, and unsupported features refused with `UNIMPLEMENTED`.
 */
export class StateStore implements StateApi, Component {
  readonly name: string;
  readonly type: string;
  readonly features: readonly string[];
  readonly #driver: StateDriver;
  readonly #prefix: string;
  readonly #maxValueBytes: number;
  readonly #errors: StoreErrors;

  constructor(
    driver: StateDriver,
    settings: { name: string; type: string; prefix: string; maxValueBytes: number },
  ) {
    this.#driver = driver;
    this.name = settings.name;
    this.type = settings.type;
    this.features = driver.features;
    this.#prefix = settings.prefix;
    this.#maxValueBytes = settings.maxValueBytes;
    this.#errors = new StoreErrors("state", "state store", settings.name);
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

  async get(request: GetStateRequest): Promise<StateValue> {
    const key = this.#checkKey(request.key);
    const stored = await this.#call("get", request.key, () => this.#driver.get(key));
    return toValue(stored);
  }

  async bulkGet(request: BulkGetStateRequest): Promise<BulkStateValue[]> {
    const keys = request.keys.map((key) => this.#checkKey(key));
    const stored = await this.#call("bulk get", undefined, () =>
      this.#driver.bulkGet
        ? this.#driver.bulkGet(keys)
        : Promise.all(keys.map((key) => this.#driver.get(key))),
    );
    return request.keys.map((key, i) => ({ key, ...toValue(stored[i]) }));
  }

  async save(request: SaveStateRequest): Promise<void> {
    const set = this.#toDriverSet(request);
    await this.#call("save", request.key, () => this.#driver.set(set));
  }

  async bulkSave(request: { items: readonly SaveStateRequest[] }): Promise<void> {
    // Malformed items fail the whole request before anything is written; only conflicts
    // found while applying are partial.
    const sets = request.items.map((item) => this.#toDriverSet(item));
    await this.#applyEach(
      "bulk save",
      request.items.map((item, i) => [item.key, () => this.#driver.set(sets[i]!)] as const),
    );
  }

  async delete(request: DeleteStateRequest): Promise<void> {
    const del = this.#toDriverDelete(request);
    await this.#call("delete", request.key, () => this.#driver.delete(del));
  }

  async bulkDelete(request: { items: readonly DeleteStateRequest[] }): Promise<void> {
    const dels = request.items.map((item) => this.#toDriverDelete(item));
    await this.#applyEach(
      "bulk delete",
      request.items.map((item, i) => [item.key, () => this.#driver.delete(dels[i]!)] as const),
    );
  }

  async transact(request: TransactionRequest): Promise<void> {
    const transact = this.#driver.transact?.bind(this.#driver);
    if (!transact || !this.features.includes(StateFeature.Transactional)) {
      throw this.#unimplemented("transactions");
    }
    const operations: DriverOperation[] = request.operations.map((op, index) => {
      switch (op.operation) {
        case "upsert":
          return { operation: "upsert", ...this.#toDriverSet(op.request) };
        case "delete":
          return { operation: "delete", ...this.#toDriverDelete(op.request) };
        default:
          throw new Layer8Error(
            Code.InvalidArgument,
            `state store '${this.name}': transaction operation ${index} has type '${(op as { operation: string }).operation}'; use 'upsert' or 'delete'`,
            { block: "state", component: this.name, field: `operations[${index}].operationType` },
          );
      }
    });
    await this.#call("transaction", undefined, () => transact(operations));
  }

  #checkKey(key: string): string {
    return this.#errors.prefixedKey(key, "key", this.#prefix);
  }

  #toDriverSet(request: SaveStateRequest): DriverSet {
    const key = this.#checkKey(request.key);
    const value = request.value ?? EMPTY;
    if (value.byteLength > this.#maxValueBytes) {
      throw this.#invalid(
        "value",
        `value of key '${request.key}' is ${value.byteLength} bytes, over the limit of ${this.#maxValueBytes} (metadata maxValueBytes)`,
      );
    }
    const where = { component: this.name, key: request.key };
    const ttl = parseTtl(request.metadata, where);
    if (ttl !== undefined && !this.features.includes(StateFeature.Ttl)) {
      throw this.#unimplemented("TTL (ttlInSeconds)");
    }
    const concurrency = request.options?.concurrency;
    // A malformed etag is refused even under last-write, which then ignores a valid one.
    const given = normalizeEtag(request.etag, where);
    const etag = concurrency === "last-write" ? undefined : given;
    const firstWrite = concurrency === "first-write";
    if ((etag !== undefined || firstWrite) && !this.features.includes(StateFeature.Etag)) {
      throw this.#unimplemented(firstWrite ? "first-write concurrency" : "etags");
    }
    return { key, value, etag, firstWrite, ttl };
  }

  #toDriverDelete(request: DeleteStateRequest): DriverDelete {
    const key = this.#checkKey(request.key);
    const where = { component: this.name, key: request.key };
    const given = normalizeEtag(request.etag, where);
    const etag = request.options?.concurrency === "last-write" ? undefined : given;
    if (etag !== undefined && !this.features.includes(StateFeature.Etag)) {
      throw this.#unimplemented("etags");
    }
    return { key, etag };
  }

  /** Applies each item independently; if any fail, throws one error naming every failed key. */
  async #applyEach(
    what: string,
    items: readonly (readonly [string, () => Promise<void>])[],
  ): Promise<void> {
    const results = await Promise.allSettled(items.map(([, apply]) => apply()));
    const failures = new Map<string, Layer8Error>();
    results.forEach((result, i) => {
      if (result.status === "rejected") failures.set(items[i]![0], Layer8Error.from(result.reason));
    });
    if (failures.size === 0) return;
    const first = [...failures.values()][0]!;
    const listed = [...failures].map(([key, error]) => `'${key}': ${error.rawMessage}`).join("; ");
    throw new Layer8Error(
      first.code,
      `state store '${this.name}': ${what} failed for ${failures.size} of ${items.length} keys (the others were applied): ${listed}`,
      {
        block: "state",
        component: this.name,
        field: [...failures.keys()].join(","),
        details: Object.fromEntries([...failures].map(([key, error]) => [key, error.rawMessage])),
      },
    );
  }

  /** Runs a driver call and puts the store's name and the app's key into any error. */
  async #call<T>(what: string, key: string | undefined, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const errorKey = key ?? this.#appKey(isLayer8Error(error) ? error.field : undefined);
      const about = errorKey === undefined ? "" : ` of key '${errorKey}'`;
      throw this.#errors.wrap(error, `${what}${about}`, errorKey);
    }
  }

  #appKey(driverKey: string | undefined): string | undefined {
    if (driverKey === undefined || !driverKey.startsWith(this.#prefix)) return driverKey;
    return driverKey.slice(this.#prefix.length);
  }

  #invalid(field: string, reason: string): Layer8Error {
    return this.#errors.invalid(field, reason);
  }

  #unimplemented(feature: string): Layer8Error {
    return this.#errors.unimplemented(this.type, feature);
  }
}

function toValue(stored: StoredState | undefined): StateValue {
  if (!stored) return { data: EMPTY, etag: "", metadata: {} };
  const metadata: Record<string, string> = {};
  if (stored.expiresAt !== undefined) {
    metadata[TTL_EXPIRE_TIME_KEY] = new Date(stored.expiresAt).toISOString();
  }
  return { data: stored.value, etag: stored.etag, metadata };
}

/**
 * Builds a state store from a driver and its metadata. Metadata is validated here, so bad
 * fields fail before anything connects; call `init()` before use and `close()` after.
 */
export function createStateStore<Schema extends z.ZodObject>(
  options: CreateStateStoreOptions<Schema>,
): StateStore {
  const name = options.name ?? "default";
  const appId = options.appId ?? "";
  const { instance, shared } = instantiateDriver({
    block: "state",
    driver: options.driver,
    shared: commonStateMetadata,
    metadata: options.metadata,
    name,
    appId,
  });
  return new StateStore(instance, {
    name,
    type: options.driver.type,
    prefix: resolveKeyPrefix(shared.keyPrefix, { appId, component: name }),
    maxValueBytes: shared.maxValueBytes,
  });
}
