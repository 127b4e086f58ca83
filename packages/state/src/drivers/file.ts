import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { flag } from "@layer8/connections";
import { Code, defineDriver, type Health, isLayer8Error, Layer8Error } from "@layer8/core";
import { z } from "zod";
import {
  type DriverDelete,
  type DriverOperation,
  type DriverSet,
  type StateDriver,
  type StateDriverDefinition,
  StateFeature,
  type StoredState,
} from "../driver.js";
import { Journal } from "./file-journal.js";
import { acquireFileLock, type FileLock } from "./file-lock.js";
import { InMemoryState, type StateChange } from "./in-memory-state.js";

const metadata = z.strictObject({
  /**
   * The data file, e.g. `/var/lib/layer8/state.jsonl`; relative paths are resolved against the
   * working directory. Required. Missing directories are created. While a store has the file
   * open, `<path>.lock` holds its pid and no other store may open it.
   */
  path: z.string().min(1),
  /**
   * Default `true`: every acknowledged write is on disk (fdatasync) before the call returns.
   * `false`: a write is handed to the operating system before it returns, so it survives the
   * process crashing but not the machine losing power; much faster on slow disks.
   */
  fsync: flag.default(true),
  /** How often expired keys are swept out of memory, in ms. Default 1,000. Reads never see them. */
  sweepIntervalMs: z.coerce.number().int().positive().default(1000),
});

/**
 * The memory driver's engine with a journal underneath. Reads are served from memory; every
 * write is appended to the journal (and synced) before it is applied in memory.
 *
 * Apply after append, not the other way round: a value that reads can see is always on disk, so
 * nothing a reader acted on can vanish in a crash, and a failed append needs no undo because
 * memory was never touched. The engine runs writes one at a time when it persists, each checked
 * against the state the previous one left, so the journal's order is the order of applies; reads
 * are not queued and see the state before a write until its append has succeeded.
 */
class FileStateDriver implements StateDriver {
  readonly features = [StateFeature.Etag, StateFeature.Transactional, StateFeature.Ttl];
  readonly #path: string;
  readonly #fsync: boolean;
  readonly #sweepIntervalMs: number;
  readonly #state = new InMemoryState({ persist: (change) => this.#append(change) });
  #journal: Journal | undefined;
  #lock: FileLock | undefined;

  constructor(options: z.output<typeof metadata>) {
    this.#path = resolve(options.path);
    this.#fsync = options.fsync;
    this.#sweepIntervalMs = options.sweepIntervalMs;
  }

  async init(): Promise<void> {
    try {
      await mkdir(dirname(this.#path), { recursive: true });
      this.#lock = await acquireFileLock(this.#path);
      this.#journal = await Journal.open(this.#path, this.#state, { fsync: this.#fsync });
    } catch (error) {
      this.#state.clear();
      await this.#lock?.release().catch(() => undefined);
      this.#lock = undefined;
      throw isLayer8Error(error)
        ? error
        : new Layer8Error(
            Code.Unavailable,
            `state file '${this.#path}': could not open it: ${(error as Error).message}`,
            { block: "state", cause: error },
          );
    }
    this.#state.startSweeper(this.#sweepIntervalMs);
  }

  async close(): Promise<void> {
    const lock = this.#lock;
    this.#lock = undefined;
    try {
      // In the write queue: writes called before close finish and are journaled, later ones
      // find no journal and are refused.
      await this.#state.exclusive(async () => {
        const journal = this.#journal;
        this.#journal = undefined;
        await journal?.close();
      });
    } finally {
      this.#state.clear();
      await lock?.release();
    }
  }

  async health(): Promise<Health> {
    const journal = this.#journal;
    if (!journal) return { status: "DOWN", details: { path: this.#path, reason: "not open" } };
    let problem = await journal.problem();
    if (problem !== undefined) {
      // Rewriting the file from memory is what the next write would do; doing it here lets the
      // store report UP again without waiting for traffic that a DOWN readiness keeps away.
      problem = await this.#state
        .exclusive(() => journal.repair())
        .then(() => journal.problem())
        .catch((error: unknown) => Layer8Error.from(error).rawMessage);
    }
    if (problem !== undefined) {
      return { status: "DOWN", details: { path: this.#path, reason: problem } };
    }
    return {
      status: "UP",
      details: { path: this.#path, keys: this.#state.size, fileBytes: journal.size },
    };
  }

  async get(key: string): Promise<StoredState | undefined> {
    return this.#state.get(key);
  }

  set(request: DriverSet): Promise<void> {
    return this.#state.set(request);
  }

  delete(request: DriverDelete): Promise<void> {
    return this.#state.delete(request);
  }

  transact(operations: readonly DriverOperation[]): Promise<void> {
    return this.#state.transact(operations);
  }

  async #append(change: StateChange): Promise<void> {
    const journal = this.#journal;
    if (!journal) {
      throw new Layer8Error(Code.Unavailable, `state file '${this.#path}': the store is closed`, {
        block: "state",
      });
    }
    await journal.append(change);
  }
}

/**
 * The embedded persistent state driver: keys in memory, every write appended to one local file
 * before it is acknowledged, the file replayed and compacted at start. No server; one store per
 * file. Type `file`.
 */
export const fileStateDriver: StateDriverDefinition<typeof metadata> = defineDriver({
  block: "state",
  type: "file",
  description:
    "Embedded: in memory, every write journaled to a local file (fsync by default); survives restarts; one store per file.",
  metadata,
  create: (options) => new FileStateDriver(options),
});
