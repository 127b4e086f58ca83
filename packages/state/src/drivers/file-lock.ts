import { randomUUID } from "node:crypto";
import { link, readFile, stat, unlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { Code, Layer8Error } from "@layer8/core";

/** Held while a store has its data file open; `release()` gives it up. */
export interface FileLock {
  /** The lock file, `<data file>.lock`. */
  readonly path: string;
  release(): Promise<void>;
}

/** What a lock file says about its holder. */
interface LockHolder {
  pid: number;
  hostname: string;
  /** Tells this holding apart from an earlier one by the same pid. */
  token: string;
  since: string;
}

/**
 * Data files held by this process, shared by every copy of this module loaded into it, so that
 * two stores of one process are refused even though they have the same pid.
 */
const heldHere: Set<string> = (() => {
  const slot = Symbol.for("layer8.state.file.held-paths");
  const global = globalThis as { [slot]?: Set<string> };
  global[slot] ??= new Set<string>();
  return global[slot];
})();

const ATTEMPTS = 20;
const RETRY_MS = 25;
/** A guard file nobody could read for this long was left by a process that died writing it. */
const STALE_GUARD_MS = 5000;

/**
 * Takes `<dataPath>.lock` for this process, or throws FAILED_PRECONDITION naming the holder.
 * `dataPath` must be absolute.
 *
 * The lock file is written in full under a private name, then hard-linked into place: `link`
 * fails if the lock exists, and a lock file is never seen half written. A lock left by a process
 * that died (same host, pid gone, or this pid but not held here, as after a container restart)
 * is stale and taken over.
 */
export async function acquireFileLock(dataPath: string): Promise<FileLock> {
  const lockPath = `${dataPath}.lock`;
  if (heldHere.has(dataPath)) {
    throw inUse(dataPath, lockPath, "another state store in this process has it open");
  }
  // Reserved before the first await, so two stores of this process racing here cannot both win.
  heldHere.add(dataPath);
  try {
    const holder: LockHolder = {
      pid: process.pid,
      hostname: hostname(),
      token: randomUUID(),
      since: new Date().toISOString(),
    };
    const text = `${JSON.stringify(holder)}\n`;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (await tryCreate(lockPath, text, holder.token)) {
        return { path: lockPath, release: () => release(dataPath, lockPath, holder.token) };
      }
      const found = await readLock(lockPath);
      if (found === undefined) continue; // released meanwhile: try again
      const other = parseHolder(found);
      if (other && isAlive(other)) {
        throw inUse(
          dataPath,
          lockPath,
          `process ${other.pid} on host ${other.hostname} has held it since ${other.since}`,
          ` (if process ${other.pid} is not a Layer8 store, delete the lock file '${lockPath}')`,
        );
      }
      await takeOver(lockPath, found);
      await sleep(attempt === 0 ? 0 : RETRY_MS);
    }
    throw new Layer8Error(
      Code.Unavailable,
      `state file '${dataPath}': could not take the lock file '${lockPath}' after ${ATTEMPTS} attempts; other processes keep racing for it`,
      { block: "state", field: dataPath },
    );
  } catch (error) {
    heldHere.delete(dataPath);
    throw error;
  }
}

async function tryCreate(lockPath: string, text: string, token: string): Promise<boolean> {
  const staging = `${lockPath}.${process.pid}.${token}`;
  await writeFile(staging, text, { flag: "wx" });
  try {
    await link(staging, lockPath);
    return true;
  } catch (error) {
    if (errorCode(error) === "EEXIST") return false;
    throw new Layer8Error(
      Code.Unavailable,
      `state file lock '${lockPath}': could not create it: ${(error as Error).message}`,
      { block: "state", field: lockPath, cause: error },
    );
  } finally {
    await unlink(staging).catch(() => undefined);
  }
}

/**
 * Removes a stale lock, but only if it is still the one found stale: a guard file makes the
 * check-and-remove exclusive, so a racing process cannot remove a lock just taken by another.
 * Only a process dying inside this short window leaves the guard behind; it is then cleared the
 * same way as a stale lock.
 */
async function takeOver(lockPath: string, staleText: string): Promise<void> {
  const guardPath = `${lockPath}.takeover`;
  const guard: LockHolder = {
    pid: process.pid,
    hostname: hostname(),
    token: randomUUID(),
    since: new Date().toISOString(),
  };
  try {
    await writeFile(guardPath, JSON.stringify(guard), { flag: "wx" });
  } catch (error) {
    if (errorCode(error) !== "EEXIST") throw error;
    const other = parseHolder((await readLock(guardPath)) ?? "");
    const stale = other ? !isAlive(other) : await olderThan(guardPath, STALE_GUARD_MS);
    if (stale) await unlink(guardPath).catch(() => undefined);
    return;
  }
  try {
    if ((await readLock(lockPath)) === staleText) await unlink(lockPath).catch(ignoreMissing);
  } finally {
    await unlink(guardPath).catch(() => undefined);
  }
}

async function release(dataPath: string, lockPath: string, token: string): Promise<void> {
  try {
    const found = await readLock(lockPath);
    // Never remove a lock that is no longer ours (e.g. removed by hand and taken by another).
    if (found !== undefined && parseHolder(found)?.token === token) {
      await unlink(lockPath).catch(ignoreMissing);
    }
  } finally {
    heldHere.delete(dataPath);
  }
}

async function olderThan(path: string, ms: number): Promise<boolean> {
  try {
    return Date.now() - (await stat(path)).mtimeMs > ms;
  } catch {
    return false;
  }
}

async function readLock(lockPath: string): Promise<string | undefined> {
  try {
    return await readFile(lockPath, "utf8");
  } catch (error) {
    if (errorCode(error) === "ENOENT") return undefined;
    throw error;
  }
}

/** A lock file that cannot be read as one is not a live holder's: lock files are never partial. */
function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (
      typeof value.pid === "number" &&
      typeof value.hostname === "string" &&
      typeof value.token === "string"
    ) {
      return {
        pid: value.pid,
        hostname: value.hostname,
        token: value.token,
        since: `${value.since}`,
      };
    }
  } catch {
    // falls through: unreadable
  }
  return undefined;
}

function isAlive(holder: LockHolder): boolean {
  // Another host's pids cannot be checked from here: its lock holds until removed there.
  if (holder.hostname !== hostname()) return true;
  // This pid, yet not held by this process (checked before): left by an earlier process that
  // had the same pid, e.g. pid 1 of a restarted container.
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === "EPERM"; // exists, owned by another user
  }
}

function inUse(dataPath: string, lockPath: string, holder: string, hint = ""): Layer8Error {
  return new Layer8Error(
    Code.FailedPrecondition,
    `state file '${dataPath}' is in use: ${holder}. One store at a time may open a data file: close the other store or give this one another path${hint}`,
    { block: "state", field: lockPath },
  );
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function ignoreMissing(error: unknown): void {
  if (errorCode(error) !== "ENOENT") throw error;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
