import type { Component, DriverDefinition } from "@layer8/core";
import type { z } from "zod";

/** Optional guarantees a sequencer driver may declare in `features`. */
export const SequencerFeature = {
  /**
   * `increment: strong` is honoured: every STRONG id is greater than every id handed out before
   * it, by any store on the same backend. Without it, STRONG is refused with `UNIMPLEMENTED`.
   */
  Strong: "strong",
  /** Several stores (sidecars) on one backend hand out ids that are unique all together. */
  Shared: "shared",
  /** Ids handed out after the store (or its process) restarts never repeat earlier ones. */
  Persistent: "persistent",
} as const;
export type SequencerFeature = (typeof SequencerFeature)[keyof typeof SequencerFeature];

export interface ReserveRequest {
  /** The key, already prefixed. */
  key: string;
  /** How many consecutive ids to reserve; at least 1. */
  count: bigint;
  /** The key's `biggerThan` (0 when none): the counter is raised to it first if below. */
  biggerThan: bigint;
}

export interface NextIdRequest {
  /** The key, already prefixed. */
  key: string;
  /** The key's `biggerThan` (0 when none): the id must be greater. */
  biggerThan: bigint;
}

/**
 * A driver that keeps one counter per key on its backend (memory, Redis, etcd). It only reserves
 * ranges, atomically; the store that wraps it serves WEAK ids from cached ranges (segments) and
 * STRONG ids from fresh ones, the same way for every such driver.
 */
export interface RangeSequencerDriver extends Component {
  readonly kind: "range";
  /**
   * Moves the key's counter (first raised to `biggerThan` if below) past `count` new ids and
   * returns the first of them: the range `first .. first + count - 1` belongs to the caller
   * alone, and is above every range reserved before, by any process on the backend.
   * Throws `OUT_OF_RANGE` when the range would pass 2^63 - 1.
   */
  reserve(request: ReserveRequest): Promise<bigint>;
}

/**
 * A driver that makes ids itself, without a counter per key (snowflake). The store calls it for
 * every id; it must hand out unique, increasing ids on its own.
 */
export interface GeneratorSequencerDriver extends Component {
  readonly kind: "generator";
  next(request: NextIdRequest): Promise<bigint>;
}

/**
 * A sequencer driver, on already validated input. Validation, key prefixes, `biggerThan`,
 * segments for WEAK ids, batching of STRONG ids and feature checks are done once, for every
 * driver, by the store that wraps it (`createSequencer`).
 */
export type SequencerDriver = RangeSequencerDriver | GeneratorSequencerDriver;

/** A sequencer driver definition: its metadata is an object schema, so shared fields can join it. */
export type SequencerDriverDefinition<Schema extends z.ZodObject = z.ZodObject> = DriverDefinition<
  "sequencer",
  Schema,
  SequencerDriver
>;
