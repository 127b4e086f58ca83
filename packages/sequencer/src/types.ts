/**
 * The Sequencer API as applications see it, embedded or through an SDK: request objects in,
 * response objects out, ids as `bigint` so that every int64 survives. Every error is thrown as a
 * `Layer8Error`.
 */

/**
 * `weak` (the default): ids may come from a range this process reserved earlier; every id is
 * unique and the ids one process hands out for a key increase.
 * `strong`: every id is greater than every id handed out before it, by any process on the backend.
 */
export type Increment = "weak" | "strong";

/** Per-request metadata; accepted for compatibility with the Layotto API, read by no driver. */
export type RequestMetadata = Readonly<Record<string, string>>;

export interface GetNextIdRequest {
  /** The sequence; each key is an independent sequence. Not empty, no `||`. */
  key: string;
  /** Default `weak`. */
  increment?: Increment;
  metadata?: RequestMetadata;
}

export interface GetNextIdResponse {
  /** Positive, at most 2^63 - 1. */
  nextId: bigint;
}

/** The operations of a sequencer, the same embedded, through the sidecar, or in an SDK. */
export interface SequencerApi {
  getNextId(request: GetNextIdRequest): Promise<GetNextIdResponse>;
}
