/**
 * The Lock API as applications see it, embedded or through an SDK: request objects in, response
 * objects out. A lock is a resource id held by one owner for a bounded time. Every error is
 * thrown as a `Layer8Error`; "someone else holds it" is an answer, never an error.
 */

export interface TryLockRequest {
  /** What is locked, e.g. `order-42`. Must not be empty or contain `||`. */
  resourceId: string;
  /** Who holds it: any non-empty string unique to the caller, e.g. a UUID per process. */
  owner: string;
  /** How long the lock lives unless unlocked or kept alive: a whole number of seconds above 0. */
  expireSeconds: number;
}

export interface TryLockResponse {
  /** True when the lock was free and `owner` now holds it; false when anyone holds it. */
  success: boolean;
}

export interface UnlockRequest {
  resourceId: string;
  owner: string;
}

/**
 * The outcome of an unlock or keep-alive, as the wire enums name it:
 * `SUCCESS` by the holder, `LOCK_UNEXIST` when nobody holds it (never held, released, expired),
 * `LOCK_BELONG_TO_OTHERS` when another owner holds it (nothing is changed).
 */
export type LockStatus = "SUCCESS" | "LOCK_UNEXIST" | "LOCK_BELONG_TO_OTHERS";

export interface UnlockResponse {
  status: LockStatus;
}

export interface KeepAliveRequest {
  resourceId: string;
  owner: string;
  /** The holder's lock expires this many seconds from now (longer or shorter than before). */
  expireSeconds: number;
}

export interface KeepAliveResponse {
  status: LockStatus;
}

/** The operations of a lock store, the same embedded, through the sidecar, or in an SDK. */
export interface LockApi {
  /** Takes the lock if nobody holds it. Not re-entrant: the holder trying again gets false. */
  tryLock(request: TryLockRequest): Promise<TryLockResponse>;
  /** Releases the lock if `owner` holds it. */
  unlock(request: UnlockRequest): Promise<UnlockResponse>;
  /** Resets the holder's expiry to `expireSeconds` from now. */
  keepAlive(request: KeepAliveRequest): Promise<KeepAliveResponse>;
}
