import { constants } from "node:fs";
import { type FileHandle, mkdir, open, rename, stat, unlink } from "node:fs/promises";
import { dirname } from "node:path";
import { TextDecoder } from "node:util";
import { Code, isLayer8Error, Layer8Error } from "@layer8/core";
import { z } from "zod";
import type { InMemoryState, StateChange, StateChangeOperation } from "./in-memory-state.js";

/**
 * The on-disk form of a file state store: one JSON object per line. The first line is a header
 * with the version counter; every other line is one change (a save, a delete, or a whole
 * transaction), so a transaction is on disk entirely or not at all. Values are base64, expiries
 * absolute epoch milliseconds, and every set records its version, so replaying the file gives
 * back the same values, etags and TTLs, and the counter continues where it was.
 *
 * ```
 * {"format":"layer8-state-journal","formatVersion":1,"lastVersion":41}
 * {"ops":[{"op":"set","key":"app||a","value":"aGk=","version":40,"expiresAt":1767225600000}]}
 * {"ops":[{"op":"delete","key":"app||b"},{"op":"set","key":"app||c","value":"","version":41}]}
 * ```
 */
const FORMAT = "layer8-state-journal";
const FORMAT_VERSION = 1;

const headerLine = z.strictObject({
  format: z.literal(FORMAT),
  formatVersion: z.literal(FORMAT_VERSION),
  lastVersion: z.number().int().nonnegative(),
});

const changeLine = z.strictObject({
  ops: z
    .array(
      z.discriminatedUnion("op", [
        z.strictObject({
          op: z.literal("set"),
          key: z.string().min(1),
          value: z.base64(),
          version: z.number().int().positive(),
          expiresAt: z.number().int().optional(),
        }),
        z.strictObject({ op: z.literal("delete"), key: z.string().min(1) }),
      ]),
    )
    .min(1),
});

const READ_CHUNK_BYTES = 1024 * 1024;
const WRITE_CHUNK_BYTES = 1024 * 1024;
const FILE_MODE = 0o600;

/**
 * The file is compacted (rewritten as a snapshot of the live keys) when it is more than
 * COMPACT_FACTOR times the snapshot size and over COMPACT_MIN_BYTES: rewriting then costs at most
 * a third of what was appended since, and small stores are not rewritten over and over.
 */
const COMPACT_FACTOR = 4;
const COMPACT_MIN_BYTES = 1024 * 1024;
/** Bytes of a snapshot line besides its key and base64 value, for the size estimate. */
const LINE_OVERHEAD_BYTES = 64;

export interface JournalOptions {
  /** fdatasync after every append, before the write is acknowledged. */
  fsync: boolean;
}

/**
 * The journal file of one store. `open` replays it into the state and compacts it; `append`
 * persists one change; the store applies the change in memory only once `append` resolved.
 */
export class Journal {
  readonly path: string;
  readonly #state: InMemoryState;
  readonly #fsync: boolean;
  #handle: FileHandle | undefined;
  /** Device and inode of the open file, to notice when the path no longer leads to it. */
  #identity: { dev: number; ino: number } | undefined;
  #size = 0;
  /** Measured snapshot size over the estimate, so the estimate fits this store's keys. */
  #estimateScale = 1;
  /** Do not try a size-triggered compaction again before the file reaches this size. */
  #retryCompactionAt = 0;
  /** Set when the file may not hold exactly the acknowledged state; the next write rewrites it. */
  #mustRewrite = false;
  #closed = false;

  private constructor(path: string, state: InMemoryState, options: JournalOptions) {
    this.path = path;
    this.#state = state;
    this.#fsync = options.fsync;
  }

  /**
   * Replays the file at `path` (absolute) into `state`, then rewrites it as a snapshot. A last
   * line without its newline is a write cut short by a crash, never acknowledged: it is dropped.
   * Anything else unreadable fails with DATA_LOSS naming the line, and the file is left as it is.
   */
  static async open(path: string, state: InMemoryState, options: JournalOptions): Promise<Journal> {
    await replay(path, state);
    const journal = new Journal(path, state, options);
    await journal.compact();
    return journal;
  }

  /** Bytes in the file now. */
  get size(): number {
    return this.#size;
  }

  /** Persists one change; on failure throws UNAVAILABLE, and the change must not be applied. */
  async append(change: StateChange): Promise<void> {
    if (this.#closed) throw unavailable(this.path, "the store is closed");
    if (this.#mustRewrite) {
      await this.compact();
    } else {
      await this.#checkPath();
      if (this.#size >= this.#retryCompactionAt && this.#size > this.#compactionThreshold()) {
        // The file is valid without it: if it fails (e.g. no room for the copy), append anyway.
        await this.compact().catch(() => {
          this.#retryCompactionAt = this.#size + Math.max(COMPACT_MIN_BYTES, this.#size / 2);
        });
      }
    }
    const handle = this.#handle!;
    const line = Buffer.from(`${encodeChange(change)}\n`);
    try {
      await writeAll(handle, line);
      if (this.#fsync) await handle.datasync();
    } catch (error) {
      // Part of the line, or all of it, may be in the file: cut it off, and rewrite the file
      // from memory before the next append in case that fails too. (Should the process die
      // before that, the change may still be replayed: its outcome is unknown, as for any
      // backend whose write fails.)
      this.#mustRewrite = true;
      await handle.truncate(this.#size).catch(() => undefined);
      throw fileError(this.path, "append to", error);
    }
    this.#size += line.byteLength;
  }

  /**
   * Writes the live keys to a temporary file, syncs it and renames it over the journal, so the
   * path holds the old file or the new one, never a mix. Call only between writes.
   */
  async compact(): Promise<void> {
    const staging = `${this.path}.compacting`;
    let handle: FileHandle | undefined;
    let size: number;
    const estimate = this.#estimate();
    try {
      await mkdir(dirname(this.path), { recursive: true });
      handle = await open(
        staging,
        constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_APPEND,
        FILE_MODE,
      );
      size = await writeSnapshot(handle, this.#state);
      await handle.sync();
      await rename(staging, this.path);
    } catch (error) {
      await handle?.close().catch(() => undefined);
      await unlink(staging).catch(() => undefined);
      throw fileError(this.path, "rewrite", error);
    }
    const previous = this.#handle;
    this.#handle = handle;
    this.#size = size;
    this.#retryCompactionAt = 0;
    this.#estimateScale =
      estimate > 0 ? Math.min(8, Math.max(1, size / estimate)) : this.#estimateScale;
    await previous?.close().catch(() => undefined);
    try {
      const { dev, ino } = await handle.stat();
      this.#identity = { dev, ino };
      await syncDirectory(dirname(this.path));
    } catch (error) {
      this.#mustRewrite = true;
      throw fileError(this.path, "rewrite", error);
    }
    this.#mustRewrite = false;
  }

  /** Why the file may not hold the acknowledged state now, or undefined when it does. */
  async problem(): Promise<string | undefined> {
    if (this.#closed) return "the store is closed";
    const problem = await this.#pathProblem();
    if (problem !== undefined) return problem;
    return this.#mustRewrite ? "a write failed, so the file must be rewritten" : undefined;
  }

  /** Rewrites the file from memory if a write failed or the file went away. Call between writes. */
  async repair(): Promise<void> {
    if ((await this.problem()) !== undefined && !this.#closed) await this.compact();
  }

  /** Flushes what the OS still holds and closes the file. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const handle = this.#handle;
    this.#handle = undefined;
    if (!handle) return;
    try {
      if (!this.#fsync) await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /**
   * Appending to a file that was deleted or replaced would succeed and persist nothing, so every
   * append first checks that the path still leads to the open file.
   */
  async #checkPath(): Promise<void> {
    const problem = await this.#pathProblem();
    if (problem === undefined) return;
    this.#mustRewrite = true;
    throw unavailable(
      this.path,
      `${problem}; this write was not applied, and the next one writes the file again from memory`,
    );
  }

  async #pathProblem(): Promise<string | undefined> {
    let current: { dev: number; ino: number };
    try {
      current = await stat(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        return "the data file was removed while the store had it open";
      }
      return fileError(this.path, "check", error).rawMessage;
    }
    if (current.dev !== this.#identity?.dev || current.ino !== this.#identity?.ino) {
      return "the data file was replaced while the store had it open";
    }
    return undefined;
  }

  #estimate(): number {
    return this.#state.size * LINE_OVERHEAD_BYTES + Math.ceil((this.#state.bytes * 4) / 3);
  }

  #compactionThreshold(): number {
    return Math.max(COMPACT_MIN_BYTES, COMPACT_FACTOR * this.#estimate() * this.#estimateScale);
  }
}

function encodeChange(change: StateChange): string {
  return JSON.stringify({ ops: change.operations.map(encodeOperation) });
}

function encodeOperation(op: StateChangeOperation): unknown {
  if (op.op === "delete") return { op: "delete", key: op.key };
  return {
    op: "set",
    key: op.key,
    value: Buffer.from(op.value.buffer, op.value.byteOffset, op.value.byteLength).toString(
      "base64",
    ),
    version: op.version,
    ...(op.expiresAt === undefined ? {} : { expiresAt: op.expiresAt }),
  };
}

async function writeSnapshot(handle: FileHandle, state: InMemoryState): Promise<number> {
  const header = { format: FORMAT, formatVersion: FORMAT_VERSION, lastVersion: state.lastVersion };
  let chunk = [`${JSON.stringify(header)}\n`];
  let chunkBytes = chunk[0]!.length;
  let total = 0;
  const flush = async () => {
    const bytes = Buffer.from(chunk.join(""));
    await writeAll(handle, bytes);
    total += bytes.byteLength;
    chunk = [];
    chunkBytes = 0;
  };
  for (const [key, entry] of state.liveEntries()) {
    const line = `${encodeChange({ operations: [{ op: "set", key, ...entry }] })}\n`;
    chunk.push(line);
    chunkBytes += line.length;
    if (chunkBytes >= WRITE_CHUNK_BYTES) await flush();
  }
  await flush();
  return total;
}

async function replay(path: string, state: InMemoryState): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw fileError(path, "open", error);
  }
  try {
    const decoder = new TextDecoder("utf-8", { fatal: true });
    let lineNumber = 0;
    let partial: Buffer[] = [];
    let bytesRead: number;
    do {
      const buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES);
      ({ bytesRead } = await handle.read(buffer, 0, READ_CHUNK_BYTES, null));
      const chunk = buffer.subarray(0, bytesRead);
      let start = 0;
      for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, start)) {
        partial.push(chunk.subarray(start, end));
        const line = partial.length === 1 ? partial[0]! : Buffer.concat(partial);
        partial = [];
        lineNumber += 1;
        replayLine(path, lineNumber, line, decoder, state);
        start = end + 1;
      }
      if (start < chunk.length) partial.push(chunk.subarray(start));
    } while (bytesRead > 0);
    // A cut-short last line is dropped, but a file with no complete line has no header: it was
    // not written by this driver, and is not overwritten.
    if (lineNumber === 0 && partial.length > 0) {
      throw malformed(path, 1, "the header line has no end; this is not a Layer8 state file");
    }
  } finally {
    await handle.close();
  }
}

function replayLine(
  path: string,
  lineNumber: number,
  line: Buffer,
  decoder: TextDecoder,
  state: InMemoryState,
): void {
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(line));
  } catch (error) {
    throw malformed(path, lineNumber, (error as Error).message);
  }
  if (lineNumber === 1) {
    const header = headerLine.safeParse(json);
    if (!header.success) {
      throw malformed(
        path,
        lineNumber,
        `not a Layer8 state file header (${describe(header.error)}); expected {"format":"${FORMAT}","formatVersion":${FORMAT_VERSION},...}`,
      );
    }
    state.reserveVersions(header.data.lastVersion);
    return;
  }
  const change = changeLine.safeParse(json);
  if (!change.success) throw malformed(path, lineNumber, describe(change.error));
  state.restore({
    operations: change.data.ops.map((op) => {
      if (op.op === "delete") return op;
      const bytes = Buffer.from(op.value, "base64");
      return {
        op: "set",
        key: op.key,
        value: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        version: op.version,
        expiresAt: op.expiresAt,
      };
    }),
  });
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid";
  const where = issue.path.map(String).join(".");
  return where ? `${where}: ${issue.message}` : issue.message;
}

async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  let offset = 0;
  while (offset < bytes.byteLength) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.byteLength - offset);
    offset += bytesWritten;
  }
}

/** Makes a rename durable. Some platforms cannot sync a directory; there the rename must do. */
async function syncDirectory(directory: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(directory, "r");
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!["EISDIR", "EINVAL", "ENOTSUP", "EPERM", "EBADF"].includes(code ?? "")) throw error;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function malformed(path: string, lineNumber: number, reason: string): Layer8Error {
  return new Layer8Error(
    Code.DataLoss,
    `state file '${path}' line ${lineNumber} is malformed: ${reason}. The file was left as it is: restore it from a backup, or remove that line to keep the rest`,
    { block: "state", field: path },
  );
}

// Errors of writes name the file in the message only: a state error's `field` is the key.
function unavailable(path: string, reason: string): Layer8Error {
  return new Layer8Error(Code.Unavailable, `state file '${path}': ${reason}`, { block: "state" });
}

/** Every file-system failure maps to UNAVAILABLE here: the disk may free up, the file return. */
function fileError(path: string, what: string, error: unknown): Layer8Error {
  if (isLayer8Error(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new Layer8Error(
    Code.Unavailable,
    `state file '${path}': could not ${what} it: ${reason}`,
    {
      block: "state",
      cause: error,
    },
  );
}
