import {
  Code,
  type Component,
  type Health,
  instantiateDriver,
  keyPrefixMetadata,
  Layer8Error,
  resolveKeyPrefix,
  StoreErrors,
} from "@layer8/core";
import { z } from "zod";
import { biggerThanMetadata } from "./bigger-than.js";
import {
  type SequencerDriver,
  type SequencerDriverDefinition,
  SequencerFeature,
} from "./driver.js";
import { SegmentCache } from "./segment-cache.js";
import { StrongBatcher } from "./strong-batcher.js";
import type { GetNextIdRequest, GetNextIdResponse, Increment, SequencerApi } from "./types.js";

/** Default `segmentSize`: ids a process reserves at once for WEAK calls. */
export const DEFAULT_SEGMENT_SIZE = 1000;

/** Metadata every sequencer component accepts, whatever its driver. */
export const commonSequencerMetadata = {
  /** `appid` (default): `<appId>||key`; `name`: `<component>||key`; `none`; or a literal prefix. */
  keyPrefix: keyPrefixMetadata,
  /**
   * Per key, a number the first id handed out for that key is greater than, e.g.
   * `{ orders: 1000 }`. Numbers above 2^53 must be written as strings. Default: none (ids start
   * at 1).
   */
  biggerThan: biggerThanMetadata.optional(),
  /**
   * How many ids a process reserves from the backend at once for WEAK calls; larger means fewer
   * backend calls, and more ids skipped when a sidecar restarts. Default 1000. Drivers that make
   * ids without a backend counter (snowflake) refuse it.
   */
  segmentSize: z.coerce.number().int().positive().max(1_000_000_000).optional(),
};

export interface CreateSequencerOptions<Schema extends z.ZodObject> {
  driver: SequencerDriverDefinition<Schema>;
  /** The driver's metadata plus the shared fields (`keyPrefix`, `biggerThan`, `segmentSize`). */
  metadata?: Record<string, unknown>;
  /** The component name used in messages and by `keyPrefix: name`. Default: `default`. */
  name?: string;
  /** The app id used by `keyPrefix: appid`. Default: empty, meaning no prefix. */
  appId?: string;
}

/**
 * A sequencer: one driver behind the Sequencer API, with input validated the same way for every
 * driver, key prefixes and `biggerThan` applied, WEAK ids served from segments and STRONG ids
 * batched for drivers that keep counters, and STRONG refused with `UNIMPLEMENTED` by drivers that
 * cannot order ids globally.
 */
export class Sequencer implements SequencerApi, Component {
  readonly name: string;
  readonly type: string;
  readonly features: readonly string[];
  readonly #driver: SequencerDriver;
  readonly #prefix: string;
  readonly #errors: StoreErrors;
  /** By prefixed key. */
  readonly #biggerThan: ReadonlyMap<string, bigint>;
  readonly #segments: SegmentCache | undefined;
  readonly #strong: StrongBatcher | undefined;

  constructor(
    driver: SequencerDriver,
    settings: {
      name: string;
      type: string;
      prefix: string;
      biggerThan: ReadonlyMap<string, bigint>;
      segmentSize: number;
    },
  ) {
    this.#driver = driver;
    this.name = settings.name;
    this.type = settings.type;
    this.features = driver.features;
    this.#prefix = settings.prefix;
    this.#errors = new StoreErrors("sequencer", "sequencer", settings.name);
    this.#biggerThan = new Map(
      [...settings.biggerThan].map(([key, value]) => [settings.prefix + key, value]),
    );
    if (driver.kind === "range") {
      const reserve = (key: string, count: bigint) =>
        driver.reserve({ key, count, biggerThan: this.#biggerThan.get(key) ?? 0n });
      this.#segments = new SegmentCache({ size: settings.segmentSize, reserve });
      this.#strong = new StrongBatcher(reserve);
    }
  }

  init(): Promise<void> {
    return this.#driver.init();
  }

  async close(): Promise<void> {
    this.#segments?.clear();
    await this.#driver.close();
  }

  health(): Promise<Health> {
    return this.#driver.health();
  }

  async getNextId(request: GetNextIdRequest): Promise<GetNextIdResponse> {
    const key = this.#checkKey(request.key);
    const increment = this.#checkIncrement(request.increment);
    if (increment === "strong" && !this.features.includes(SequencerFeature.Strong)) {
      throw new Layer8Error(
        Code.Unimplemented,
        `sequencer '${this.name}': the ${this.type} driver does not support STRONG increments (ids greater than every id handed out before, globally); use WEAK`,
        { block: "sequencer", component: this.name, field: "options.increment" },
      );
    }
    const nextId = await this.#call(request.key, () => this.#issue(key, increment));
    return { nextId };
  }

  async #issue(key: string, increment: Increment): Promise<bigint> {
    const driver = this.#driver;
    if (driver.kind === "generator") {
      return driver.next({ key, biggerThan: this.#biggerThan.get(key) ?? 0n });
    }
    if (increment === "weak") return this.#segments!.next(key);
    const id = await this.#strong!.next(key);
    this.#segments!.passed(key, id);
    return id;
  }

  #checkKey(key: string): string {
    return this.#errors.prefixedKey(key, "key", this.#prefix);
  }

  #checkIncrement(increment: unknown): Increment {
    if (increment === undefined || increment === "weak") return "weak";
    if (increment === "strong") return "strong";
    throw this.#invalid(
      "options.increment",
      `increment '${String(increment)}' is not known; use 'weak' or 'strong'`,
    );
  }

  /** Runs a driver call and puts the sequencer's name and the app's key into any error. */
  async #call<T>(key: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw this.#errors.wrap(error, `next id of key '${key}'`, key);
    }
  }

  #invalid(field: string, reason: string): Layer8Error {
    return this.#errors.invalid(field, reason);
  }
}

/**
 * Builds a sequencer from a driver and its metadata. Metadata is validated here, so bad fields
 * fail before anything connects; call `init()` before use and `close()` after.
 */
export function createSequencer<Schema extends z.ZodObject>(
  options: CreateSequencerOptions<Schema>,
): Sequencer {
  const name = options.name ?? "default";
  const appId = options.appId ?? "";
  const { driver } = options;
  const { instance, shared } = instantiateDriver({
    block: "sequencer",
    driver,
    shared: commonSequencerMetadata,
    metadata: options.metadata,
    name,
    appId,
  });
  const { keyPrefix, biggerThan, segmentSize } = shared;
  if (instance.kind === "generator" && segmentSize !== undefined) {
    const message = `the ${driver.type} driver makes every id without a backend call, so there are no segments; remove segmentSize`;
    throw new Layer8Error(
      Code.InvalidArgument,
      `sequencer component '${name}' (type ${driver.type}): metadata.segmentSize: ${message}`,
      {
        block: "sequencer",
        component: name,
        field: "metadata.segmentSize",
        details: { "metadata.segmentSize": message },
      },
    );
  }
  return new Sequencer(instance, {
    name,
    type: driver.type,
    prefix: resolveKeyPrefix(keyPrefix, { appId, component: name }),
    biggerThan: biggerThan ?? new Map(),
    segmentSize: segmentSize ?? DEFAULT_SEGMENT_SIZE,
  });
}
