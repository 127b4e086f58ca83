import { lstat, mkdir, realpath, rmdir, stat } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { Code, Layer8Error } from "@layer8/core";
import { RESERVED_PREFIX } from "../file-name.js";
import { errno } from "./local-errors.js";

const notFound = (why = "the file does not exist") => new Layer8Error(Code.NotFound, why);

/**
 * The directory a local file store owns, and the one place that turns file names into paths in
 * it. Names are validated before they get here (relative, no `.` or `..` segment), so joining
 * them to the root stays below it as text; what remains is symbolic links, which could lead out.
 * Every path handed out is checked against the root's real path, including the links on the way
 * (a symlinked parent directory). The checks guard against links placed in the root, not against
 * someone swapping links in while an operation runs.
 */
export class LocalRoot {
  /** The root as configured, made absolute. */
  readonly path: string;
  /** Uploads in progress: `<root>/.layer8/uploads`, on the root's file system so rename is atomic. */
  readonly uploads: string;
  /** Metadata given to put, one JSON file per file: `<root>/.layer8/meta/<name>.json`. */
  readonly meta: string;
  #real: string | undefined;

  constructor(root: string) {
    this.path = resolve(root);
    this.uploads = join(this.path, RESERVED_PREFIX, "uploads");
    this.meta = join(this.path, RESERVED_PREFIX, "meta");
  }

  /** Creates the root and its bookkeeping directories if missing. */
  async init(): Promise<void> {
    await mkdir(this.uploads, { recursive: true });
    await mkdir(this.meta, { recursive: true });
    this.#real = await realpath(this.path);
  }

  /** Where `name` is, as text (nothing checked on disk). */
  pathOf(name: string): string {
    return join(this.path, ...name.split("/"));
  }

  metaPathOf(name: string): string {
    return `${join(this.meta, ...name.split("/"))}.json`;
  }

  /**
   * The real path of an existing regular file named `name`. NOT_FOUND when there is none (or it
   * is a directory); PERMISSION_DENIED when it, or a directory on the way, links out of the root.
   */
  async existingFile(name: string): Promise<string> {
    let real: string;
    try {
      real = await realpath(this.pathOf(name));
    } catch (error) {
      if (errno(error) === "ENOENT" || errno(error) === "ENOTDIR") throw notFound();
      throw error;
    }
    this.#checkInside(real, name);
    if (!(await stat(real)).isFile()) throw notFound(`'${name}' is a directory, not a file`);
    return real;
  }

  /**
   * Makes the directories `name` needs, one at a time so that none is created through a link
   * leading out of the root, and returns where the file goes. A file standing where a directory
   * must be (or a directory where the file must be) is FAILED_PRECONDITION: on disk `a` cannot be
   * a file and a directory at once, as it can be on S3.
   */
  async prepare(name: string): Promise<string> {
    const segments = name.split("/");
    let current = this.path;
    for (let i = 0; i < segments.length - 1; i++) {
      current = join(current, segments[i]!);
      const within = segments.slice(0, i + 1).join("/");
      await this.#directory(current, within, name);
    }
    const target = join(current, segments.at(-1)!);
    const existing = await lstat(target).catch((error) => {
      if (errno(error) === "ENOENT") return undefined;
      throw error;
    });
    if (existing?.isDirectory()) {
      throw new Layer8Error(Code.FailedPrecondition, `'${name}' is a directory, not a file`);
    }
    if (existing?.isSymbolicLink()) await this.#linkInside(target, name);
    return target;
  }

  /**
   * The path of `name` for deletion: the entry itself (a link is removed, not followed), after
   * the checks of `existingFile` (whose real path covers every link on the way).
   */
  async deletable(name: string): Promise<string> {
    await this.existingFile(name);
    return this.pathOf(name);
  }

  /** Removes the directories left empty between `path` and `top`, as S3 has no empty folders. */
  async pruneEmpty(path: string, top: string): Promise<void> {
    for (let dir = dirname(path); dir !== top && dir.startsWith(top + sep); dir = dirname(dir)) {
      try {
        await rmdir(dir);
      } catch {
        return; // Not empty (or already gone): the directories above are not empty either.
      }
    }
  }

  async #directory(path: string, within: string, name: string): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const entry = await lstat(path).catch((error) => {
        if (errno(error) === "ENOENT") return undefined;
        throw error;
      });
      if (!entry) {
        try {
          await mkdir(path);
          return;
        } catch (error) {
          if (errno(error) === "EEXIST") continue; // Made by someone else meanwhile: look again.
          throw error;
        }
      }
      if (entry.isSymbolicLink()) {
        const real = await this.#linkInside(path, name);
        if ((await stat(real)).isDirectory()) return;
      } else if (entry.isDirectory()) {
        return;
      }
      throw new Layer8Error(
        Code.FailedPrecondition,
        `'${within}' is a file, so '${name}' cannot be stored below it`,
      );
    }
    throw new Layer8Error(Code.Aborted, `'${within}' kept changing while '${name}' was stored`);
  }

  async #linkInside(link: string, name: string): Promise<string> {
    const real = await realpath(link).catch((error) => {
      if (errno(error) === "ENOENT") return undefined;
      throw error;
    });
    // A dangling link cannot be followed anywhere; treat it as leading out.
    if (real === undefined) throw this.#outside(name);
    this.#checkInside(real, name);
    return real;
  }

  #checkInside(real: string, name: string): void {
    const root = this.#real;
    if (root === undefined) {
      throw new Layer8Error(
        Code.FailedPrecondition,
        "the local file driver is not started (call init)",
      );
    }
    if (real !== root && !real.startsWith(root + sep)) throw this.#outside(name);
  }

  #outside(name: string): Layer8Error {
    return new Layer8Error(
      Code.PermissionDenied,
      `'${name}' leads out of the store's root through a symbolic link`,
    );
  }
}
