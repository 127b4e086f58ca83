import * as http2 from "node:http2";
import { Code, ConnectError } from "@connectrpc/connect";
import type { Logger } from "../logging/logger.js";
import { type Backoff, backoffDelayMs, pause } from "./backoff.js";

/** How long opening a connection to the app may take before the attempt counts as failed. */
const CONNECT_TIMEOUT_MS = 5000;
/** How long a PING may take to come back when a call found the app unavailable. */
const PING_TIMEOUT_MS = 2000;
/**
 * The least time between two such PINGs: an app answering UNAVAILABLE to many events must not
 * make the link ping so often that its gRPC server takes it for abuse ("too_many_pings").
 */
const PING_INTERVAL_MS = 10_000;

export interface AppLinkOptions {
  /** `host:port` of the app's AppCallback server. */
  address: string;
  /**
   * Runs each time the app is reached: the first time, and each time it comes back after going
   * away (a restart). It reads what the app wants, over this link; throwing means the app is not
   * there yet, and the link tries again after a backoff.
   */
  onReached: () => Promise<void>;
  /** Between failed attempts to reach the app. */
  backoff: Backoff;
  logger: Logger;
}

/**
 * The sidecar's one HTTP/2 connection to the app, and whether the app is there. The gRPC client
 * of AppCallback makes its calls over it (the link is the client's session manager), so the link
 * sees the connection end the moment the app's process exits: that is how a restart is noticed,
 * even with no event flowing. Then it dials again, with exponential backoff, until the app
 * answers `onReached`; calls meanwhile fail as UNAVAILABLE, and deliveries wait in
 * `whenReachable`.
 *
 * It sends no PINGs while idle (gRPC servers count unsolicited PINGs as abuse and end the
 * connection), only when a call found the app unavailable (`suspect`), to tell a connection that
 * silently died from one that is fine. Owning the connection also keeps every error of it
 * handled: connect-node's own manager can leave one uncaught after a GOAWAY (connect-es #1768).
 */
export class AppLink {
  readonly authority: string;
  readonly #options: AppLinkOptions;
  readonly #stop = new AbortController();
  readonly #waiters = new Set<() => void>();
  #reachable = false;
  #session: http2.ClientHttp2Session | undefined;
  #checking = false;
  #lastPingAt = 0;
  #running: Promise<void> | undefined;

  constructor(options: AppLinkOptions) {
    this.#options = options;
    this.authority = `http://${options.address}`;
  }

  /** Starts dialling the app, in the background. */
  start(): void {
    this.#running ??= this.#run();
  }

  /** Resolves once the app is reachable (at once if it is); rejects when `signal` aborts first. */
  whenReachable(signal: AbortSignal): Promise<void> {
    if (this.#reachable) return Promise.resolve();
    return new Promise((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      const reached = () => {
        signal.removeEventListener("abort", aborted);
        resolve();
      };
      const aborted = () => {
        this.#waiters.delete(reached);
        reject(signal.reason);
      };
      signal.addEventListener("abort", aborted, { once: true });
      this.#waiters.add(reached);
    });
  }

  /** For the gRPC client: a call on the current connection, or UNAVAILABLE without one. */
  async request(
    method: string,
    path: string,
    headers: http2.OutgoingHttpHeaders,
    options: Omit<http2.ClientSessionRequestOptions, "signal">,
  ): Promise<http2.ClientHttp2Stream> {
    const session = this.#session;
    if (!session || !usable(session)) {
      throw new ConnectError(
        `the app at ${this.#options.address} is not connected`,
        Code.Unavailable,
      );
    }
    const stream = session.request({ ...headers, ":method": method, ":path": path }, options);
    openStreams.set(session, (openStreams.get(session) ?? 0) + 1);
    stream.once("close", () => openStreams.set(session, (openStreams.get(session) ?? 1) - 1));
    return stream;
  }

  /** For the gRPC client: nothing to do, as the link keeps no PING schedule to reset. */
  notifyResponseByteRead(): void {}

  /**
   * A call to the app failed as unavailable. If the app is gone, its connection has closed (or
   * will); if the connection is half-open, a PING finds out and ends it, so the link dials again.
   */
  suspect(): void {
    const session = this.#session;
    if (!session || !usable(session) || this.#checking) return;
    if (Date.now() - this.#lastPingAt < PING_INTERVAL_MS) return;
    this.#lastPingAt = Date.now();
    this.#checking = true;
    const timer = setTimeout(() => session.destroy(), PING_TIMEOUT_MS);
    const sent = session.ping((error) => {
      clearTimeout(timer);
      this.#checking = false;
      if (error) session.destroy();
    });
    if (!sent) {
      clearTimeout(timer);
      this.#checking = false;
    }
  }

  /**
   * Stops dialling, and lets no new delivery start; calls in flight keep the connection until
   * `close`.
   */
  async stop(): Promise<void> {
    this.#stop.abort();
    this.#reachable = false;
    await this.#running;
  }

  /** Stops, and ends the connection with every call still on it. */
  async close(): Promise<void> {
    await this.stop();
    this.#session?.destroy();
  }

  async #run(): Promise<void> {
    const { address, logger } = this.#options;
    const stopped = this.#stop.signal;
    let failures = 0;
    while (!stopped.aborted) {
      let session: http2.ClientHttp2Session | undefined;
      try {
        session = await openSession(this.authority, stopped);
        this.#session = session;
        const ended = sessionEnd(session, stopped);
        await this.#options.onReached();
        if (stopped.aborted) break;
        this.#setReachable(true);
        failures = 0;
        const why = await ended;
        this.#reachable = false;
        if (stopped.aborted) break;
        logger.info(`app callback at ${address} went away (${why}); reconnecting`, { address });
      } catch (error) {
        // Calls in flight on it have failed too: they are retried.
        session?.destroy();
        if (stopped.aborted) break;
        failures += 1;
        const delayMs = backoffDelayMs(this.#options.backoff, failures);
        logger.info(
          `app callback at ${address} is not reachable (${reasonOf(error)}); next attempt in ${delayMs} ms`,
          { address, attempt: failures, nextAttemptMs: delayMs },
        );
        await pause(delayMs, stopped);
      }
    }
    this.#reachable = false;
  }

  #setReachable(reachable: boolean): void {
    this.#reachable = reachable;
    if (!reachable) return;
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const reached of waiters) reached();
  }
}

/** Whether new calls may start on the connection (not after a GOAWAY). */
function usable(session: http2.ClientHttp2Session): boolean {
  return !session.closed && !session.destroyed && !goneAway.has(session);
}

/** Connections that received a GOAWAY: calls in flight finish, new ones go elsewhere. */
const goneAway = new WeakSet<http2.ClientHttp2Session>();
/** Calls in flight on each connection. */
const openStreams = new WeakMap<http2.ClientHttp2Session, number>();

/**
 * Opens a plaintext HTTP/2 connection; rejects when it cannot be made within the timeout, or
 * the link stops first.
 */
function openSession(authority: string, stopped: AbortSignal): Promise<http2.ClientHttp2Session> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(authority);
    // An 'error' without a listener would crash the process; every one is followed by 'close',
    // which is what the link acts on.
    session.on("error", () => undefined);
    const timer = setTimeout(() => {
      session.destroy();
      reject(new Error(`no connection within ${CONNECT_TIMEOUT_MS} ms`));
    }, CONNECT_TIMEOUT_MS);
    const failed = (error: Error) => {
      clearTimeout(timer);
      stopped.removeEventListener("abort", stopping);
      session.destroy();
      reject(error);
    };
    const stopping = () => failed(new Error("stopping"));
    stopped.addEventListener("abort", stopping, { once: true });
    session.once("error", failed);
    session.once("connect", () => {
      clearTimeout(timer);
      stopped.removeEventListener("abort", stopping);
      session.off("error", failed);
      resolve(session);
    });
  });
}

/**
 * Resolves with the reason when the connection ends or receives a GOAWAY (or the link stops).
 * Never rejects.
 */
function sessionEnd(session: http2.ClientHttp2Session, stopped: AbortSignal): Promise<string> {
  return new Promise((resolve) => {
    let reason = "connection closed";
    session.on("error", (error) => {
      reason = reasonOf(error);
    });
    const stopping = () => resolve("stopping");
    stopped.addEventListener("abort", stopping, { once: true });
    const ended = (why: string) => {
      stopped.removeEventListener("abort", stopping);
      resolve(why);
    };
    session.once("goaway", (code: number) => {
      goneAway.add(session);
      // Calls in flight may finish; without any, nothing holds the connection open.
      if ((openStreams.get(session) ?? 0) === 0) session.destroy();
      else session.close();
      ended(
        code === http2.constants.NGHTTP2_NO_ERROR ? "the app is shutting down" : `GOAWAY ${code}`,
      );
    });
    session.once("close", () => ended(reason));
  });
}

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
}
