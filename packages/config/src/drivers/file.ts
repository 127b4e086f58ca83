import { mkdir, readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { Code, defineDriver, type Health, Layer8Error } from "@layer8/core";
import { z } from "zod";
import type {
  ConfigChange,
  ConfigDriver,
  ConfigDriverDefinition,
  DriverQuery,
  DriverSave,
  DriverSubscription,
} from "../driver.js";
import { SubscriberSet } from "../subscribers.js";
import type { ConfigurationItem } from "../types.js";
import { writeFileAtomically } from "./atomic-write.js";
import { type DirectoryWatch, watchDirectory } from "./directory-watch.js";
import {
  ConfigFileContent,
  emptyFileText,
  type FileFormat,
  formatOf,
  InvalidFileError,
} from "./file-content.js";

const metadata = z.strictObject({
  /**
   * The configuration file: `.yaml`/`.yml` or `.json`, relative paths resolved against the working
   * directory. Required. Created empty (with its directories) when missing.
   */
  path: z
    .string()
    .min(1)
    .refine((path) => formatOf(path) !== undefined, "must end in .yaml, .yml or .json"),
  /**
   * How long the file must stay unchanged after an edit before it is read again, in ms. Default
   * 100: an editor's save is several file operations; they are read once, as one change.
   */
  watchDebounceMs: z.coerce.number().int().positive().default(100),
});

/** What `#read` found: the file's text, or that it is missing. */
type Read = { text: string } | { missing: true };

/**
 * Items in a YAML or JSON file, watched: an edit by hand reaches subscribers as the items it
 * added, changed or removed. Reads are served from the last good content. A file that becomes
 * invalid keeps that content (subscribers see no change) and turns health DOWN with the reason,
 * until it is fixed. Saves and deletes re-read the file, change only their items, and replace
 * the file atomically; they notify subscribers themselves, and the watcher's re-read of the
 * new file then finds no difference, so each change is delivered once.
 */
class FileConfigDriver implements ConfigDriver {
  readonly features: readonly string[] = [];
  readonly #path: string;
  readonly #format: FileFormat;
  readonly #debounceMs: number;
  readonly #subscribers = new SubscriberSet();
  /** The last good content of the file, and its text. */
  #content: ConfigFileContent;
  #text = "";
  /** Why the file as it is now cannot be used (invalid, unreadable, missing); undefined when fine. */
  #unusable: Layer8Error | undefined;
  #missing = false;
  /** Why edits are no longer seen, once the watch has failed. */
  #watchFailure: string | undefined;
  #watch: DirectoryWatch | undefined;
  /** Re-reads and writes, one at a time, so each works from the file the previous one left. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: z.output<typeof metadata>) {
    this.#path = resolve(options.path);
    this.#format = formatOf(options.path)!;
    this.#debounceMs = options.watchDebounceMs;
    this.#content = ConfigFileContent.parse(emptyFileText(this.#format), this.#format);
  }

  async init(): Promise<void> {
    try {
      await mkdir(dirname(this.#path), { recursive: true });
      // Watch first, so that an edit made while the file is first read is not missed.
      this.#watch = watchDirectory({
        directory: dirname(this.#path),
        debounceMs: this.#debounceMs,
        onSettled: () => void this.#serially(() => this.#reload()).catch(() => undefined),
        onError: (error) => {
          this.#watchFailure = `configuration file '${this.#path}': the watch on its directory stopped (${error.message}); edits by hand are no longer seen`;
        },
      });
      let read = await this.#read();
      if ("missing" in read) {
        await writeFileAtomically(this.#path, emptyFileText(this.#format));
        read = { text: emptyFileText(this.#format) };
      }
      this.#content = this.#parse(read.text);
      this.#text = read.text;
    } catch (error) {
      this.#watch?.close();
      this.#watch = undefined;
      if (error instanceof Layer8Error) throw error;
      throw this.#failure(
        Code.Unavailable,
        `could not open it: ${(error as Error).message}`,
        error,
      );
    }
  }

  async close(): Promise<void> {
    this.#watch?.close();
    this.#watch = undefined;
    await this.#queue.catch(() => undefined);
    this.#subscribers.closeAll();
  }

  /** A real check: the file is read and parsed now, and the watch is running. */
  async health(): Promise<Health> {
    const details = { path: this.#path, items: this.#content.table.size };
    if (!this.#watch) return { status: "DOWN", details: { ...details, error: "not open (init)" } };
    if (this.#watchFailure) {
      return { status: "DOWN", details: { ...details, error: this.#watchFailure } };
    }
    try {
      const read = await this.#read();
      if ("missing" in read) {
        return {
          status: "DOWN",
          details: {
            ...details,
            error: `configuration file '${this.#path}' is missing; serving its last content`,
          },
        };
      }
      this.#parse(read.text);
      return { status: "UP", details };
    } catch (error) {
      const reason = error instanceof Layer8Error ? error.rawMessage : String(error);
      return { status: "DOWN", details: { ...details, error: reason } };
    }
  }

  async get(query: DriverQuery): Promise<ConfigurationItem[]> {
    return this.#content.table.get(query);
  }

  save(request: DriverSave): Promise<void> {
    return this.#write((content) => content.save(request));
  }

  delete(query: DriverQuery): Promise<void> {
    return this.#write((content) => content.delete(query));
  }

  async subscribe(
    query: DriverQuery,
    onChange: (items: ConfigurationItem[]) => void,
  ): Promise<DriverSubscription> {
    return this.#subscribers.add(query, onChange);
  }

  /**
   * Applies a change to the file as it is now: re-read (delivering any edit made by hand first),
   * changed on a copy, written atomically; only then is the copy served and the change delivered.
   * A failed write changes nothing.
   */
  #write(change: (content: ConfigFileContent) => ConfigChange[]): Promise<void> {
    return this.#serially(async () => {
      await this.#reload();
      const unusable = this.#unusable;
      if (unusable && !this.#missing) {
        // An invalid file is the user's to fix: saving over it would throw their edit away.
        const code =
          unusable.code === Code.InvalidArgument ? Code.FailedPrecondition : unusable.code;
        throw new Layer8Error(
          code,
          `${unusable.rawMessage}; fix the file before saving or deleting through the API`,
          { block: "config", cause: unusable },
        );
      }
      const working = this.#missing
        ? ConfigFileContent.of(this.#content.table, this.#format)
        : ConfigFileContent.parse(this.#text, this.#format);
      const changes = change(working);
      if (changes.length === 0) return;
      const text = working.render();
      try {
        await writeFileAtomically(this.#path, text);
      } catch (error) {
        throw this.#failure(
          Code.Unavailable,
          `could not write it: ${(error as Error).message}`,
          error,
        );
      }
      this.#content = working;
      this.#text = text;
      this.#missing = false;
      this.#unusable = undefined;
      this.#subscribers.publish(changes);
    });
  }

  /** Reads the file again and delivers what changed since the last good content. */
  async #reload(): Promise<void> {
    if (!this.#watch) return;
    let read: Read;
    let next: ConfigFileContent;
    try {
      read = await this.#read();
      if ("missing" in read) {
        // Kept, not emptied: a file briefly missing while an editor replaces it must not wipe
        // every subscriber's configuration.
        this.#missing = true;
        this.#unusable = this.#failure(Code.Unavailable, "is missing");
        return;
      }
      next = this.#parse(read.text);
    } catch (error) {
      this.#missing = false;
      this.#unusable = Layer8Error.from(error, Code.Internal);
      return;
    }
    const changes = this.#content.table.changesTo(next.table);
    this.#content = next;
    this.#text = read.text;
    this.#missing = false;
    this.#unusable = undefined;
    this.#subscribers.publish(changes);
  }

  async #read(): Promise<Read> {
    try {
      return { text: await readFile(this.#path, "utf8") };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { missing: true };
      throw this.#failure(
        Code.Unavailable,
        `could not read it: ${(error as Error).message}`,
        error,
      );
    }
  }

  #parse(text: string): ConfigFileContent {
    try {
      return ConfigFileContent.parse(text, this.#format);
    } catch (error) {
      if (!(error instanceof InvalidFileError)) throw error;
      throw this.#failure(
        Code.InvalidArgument,
        `is not a valid configuration file: ${error.message}`,
      );
    }
  }

  #serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  #failure(code: Code, reason: string, cause?: unknown): Layer8Error {
    return new Layer8Error(code, `configuration file '${this.#path}' ${reason}`, {
      block: "config",
      cause,
    });
  }
}

/** Configuration in a YAML or JSON file on local disk, watched for edits. Type `file`. */
export const fileConfigDriver: ConfigDriverDefinition<typeof metadata> = defineDriver({
  block: "config",
  type: "file",
  description:
    "A YAML or JSON file on local disk, watched: editing it by hand notifies subscribers.",
  metadata,
  create: (options) => new FileConfigDriver(options),
});
