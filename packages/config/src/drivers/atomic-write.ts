import { randomBytes } from "node:crypto";
import { chmod, open, realpath, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Replaces `path` with `text` in one step: the text goes to a temporary file beside it, is synced
 * to disk, and is renamed over `path`. Readers (and watchers) see the old file or the new one,
 * never a half-written one, and a crash leaves the old one. The file keeps its permissions, and
 * a symlink stays a symlink: the file it points to is the one replaced.
 */
export async function writeFileAtomically(link: string, text: string): Promise<void> {
  const path = await realpath(link).catch(() => link);
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  try {
    const mode = await stat(path).then(
      (stats) => stats.mode & 0o7777,
      () => undefined,
    );
    const handle = await open(temporary, "wx");
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (mode !== undefined) await chmod(temporary, mode);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
