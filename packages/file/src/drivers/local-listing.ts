import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { DriverList } from "../driver.js";
import { compareNames, fileNameProblem, RESERVED_PREFIX } from "../file-name.js";
import type { FileInfo } from "../types.js";
import { errno } from "./local-errors.js";

/**
 * One page of the regular files below `root`, in the UTF-8 byte order of their names, as S3 lists
 * keys, so that `marker` (the last name of a page) picks up exactly where the page ended. Each
 * directory is read in that order (a directory `b` sorts as `b/`, after the file `b.txt`), and
 * only directories that can hold names after the marker and under the prefix are entered.
 * Symbolic links, the store's own `.layer8` directory and names that are not valid file names
 * are left out.
 */
export async function listPage(
  root: string,
  request: DriverList,
): Promise<{ files: FileInfo[]; isTruncated: boolean }> {
  const files: FileInfo[] = [];
  for await (const name of walk(root, "", request)) {
    if (files.length === request.pageSize) return { files, isTruncated: true };
    const info = await stat(join(root, ...name.split("/"))).catch((error) => {
      if (errno(error) === "ENOENT") return undefined; // Deleted since the directory was read.
      throw error;
    });
    if (info?.isFile()) files.push({ name, size: info.size, lastModified: info.mtime });
  }
  return { files, isTruncated: false };
}

async function* walk(dir: string, within: string, request: DriverList): AsyncIterable<string> {
  const { prefix, marker } = request;
  let entries: { name: string; isDirectory: boolean; sortKey: string }[];
  try {
    entries = (await readdir(dir, { withFileTypes: true }))
      .filter((entry) => entry.isFile() || entry.isDirectory())
      .filter((entry) => within !== "" || !entry.name.startsWith(RESERVED_PREFIX))
      .map((entry) => ({
        name: within + entry.name,
        isDirectory: entry.isDirectory(),
        sortKey: within + entry.name + (entry.isDirectory() ? "/" : ""),
      }))
      .sort((a, b) => compareNames(a.sortKey, b.sortKey));
  } catch (error) {
    if (errno(error) === "ENOENT") return; // Removed (emptied by a delete) since it was seen.
    throw error;
  }
  for (const entry of entries) {
    if (entry.isDirectory) {
      const below = entry.sortKey;
      const underPrefix = below.startsWith(prefix) || prefix.startsWith(below);
      // Every name below `below` sorts before the marker when the marker is past `below` without
      // starting with it.
      const allBeforeMarker =
        marker !== "" && compareNames(marker, below) > 0 && !marker.startsWith(below);
      if (underPrefix && !allBeforeMarker) {
        yield* walk(join(dir, entry.name.slice(within.length)), below, request);
      }
    } else if (
      entry.name.startsWith(prefix) &&
      (marker === "" || compareNames(entry.name, marker) > 0) &&
      fileNameProblem(entry.name) === undefined
    ) {
      yield entry.name;
    }
  }
}
