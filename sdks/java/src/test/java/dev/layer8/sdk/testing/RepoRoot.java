package dev.layer8.sdk.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The monorepo's root: set by Maven (layer8.repoRoot), else found above the working directory. */
final class RepoRoot {
  private RepoRoot() {}

  static Path find() {
    String configured = System.getProperty("layer8.repoRoot");
    if (configured != null) return Path.of(configured).toAbsolutePath().normalize();
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("apps/sidecar"))) return dir;
    }
    throw new IllegalStateException("cannot find the repository root (with apps/sidecar) above " + Path.of("").toAbsolutePath());
  }
}
