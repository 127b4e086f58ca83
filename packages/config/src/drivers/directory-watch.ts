import { type FSWatcher, watch } from "node:fs";

/** A watch on a directory; `close()` stops it and any pending notification. */
export interface DirectoryWatch {
  close(): void;
}

/**
 * Calls `onSettled` once changes in `directory` have paused for `debounceMs`.
 *
 * The directory is watched rather than the file: editors save by writing a new file and renaming
 * it over the old one (a watch on the file would follow the old, deleted inode), and Kubernetes
 * swaps mounted ConfigMaps by renaming a symlinked directory beside the file. Every event counts,
 * whatever file it names: a spurious re-read costs a read and finds no difference.
 */
export function watchDirectory(options: {
  directory: string;
  debounceMs: number;
  onSettled: () => void;
  onError: (error: Error) => void;
}): DirectoryWatch {
  let timer: NodeJS.Timeout | undefined;
  // Not persistent: a watch alone does not keep a process alive, as an unref'd timer would not.
  const watcher: FSWatcher = watch(options.directory, { persistent: false }, () => {
    clearTimeout(timer);
    timer = setTimeout(options.onSettled, options.debounceMs);
    timer.unref();
  });
  watcher.on("error", options.onError);
  return {
    close: () => {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
