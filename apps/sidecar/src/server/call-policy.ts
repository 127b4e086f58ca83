import { type Code, codeName } from "@layer8/core";

/** The gRPC name of a call's status: `OK`, or the code's name, e.g. `NOT_FOUND`. */
export function statusName(code: Code | 0): string {
  return code === 0 ? "OK" : codeName(code);
}

/** What a policy knows of a call: which rpc, and the caller's headers. */
export interface CallInfo {
  /** The fully qualified service, e.g. `spec.proto.runtime.v1.Runtime`. */
  service: string;
  /** The rpc's name, e.g. `GetState`. */
  method: string;
  /** Request headers (gRPC metadata), lower-case names. */
  headers: Headers;
}

/**
 * Something the sidecar does around every call, whatever the transport serving it: refuse it
 * before its handler runs (token, rate limit), or observe how it ended (metrics, logs). Kept free
 * of connect's types so a faster serving path can apply the same policies.
 */
export interface CallPolicy {
  /** Throws a Layer8Error to refuse the call; its handler then never runs. */
  admit?(call: CallInfo): void;
  /**
   * Returns what to do when the call has its status (after the last message of a stream):
   * `code` is 0 for OK. Called at the start, so a policy can note the start time.
   */
  start?(call: CallInfo): (code: Code | 0) => void;
  /**
   * Runs the handler inside a scope of the policy's (e.g. the rpc's trace span, for the
   * component calls it makes). Called after `start` and `admit`.
   */
  around?<T>(call: CallInfo, handler: () => Promise<T>): Promise<T>;
}

/**
 * The policies of a server, sorted once by what they do, applied the same way by every serving
 * path: `start` the observers, `admit` the call, then `run` its handler inside the policies' scopes.
 */
export class PolicyChain {
  readonly #admitters: readonly CallPolicy[];
  readonly #starters: readonly CallPolicy[];
  readonly #wrappers: readonly CallPolicy[];

  constructor(policies: readonly CallPolicy[]) {
    this.#admitters = policies.filter((p) => p.admit);
    this.#starters = policies.filter((p) => p.start);
    this.#wrappers = policies.filter((p) => p.around);
  }

  /** Starts the call's observers; returns what to call once with its final status. */
  start(call: CallInfo): (code: Code | 0) => void {
    const finishers = this.#starters.map((p) => p.start!(call));
    return (code) => {
      for (const finish of finishers) finish(code);
    };
  }

  /** Throws the Layer8Error of the first policy that refuses the call. */
  admit(call: CallInfo): void {
    for (const policy of this.#admitters) policy.admit!(call);
  }

  /** Runs the handler inside every policy's scope (the last policy's outermost). */
  run<T>(call: CallInfo, handler: () => Promise<T>): Promise<T> {
    return this.#wrappers.reduce<() => Promise<T>>(
      (inner, policy) => () => policy.around!(call, inner),
      handler,
    )();
  }
}
