package dev.layer8.sdk.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Layer8 sidecar for the tests: the built `layer8` command of apps/sidecar, started in a
 * child process on free loopback ports with a config the test gives. Build it first with
 * {@code pnpm exec turbo run build --filter @layer8/sidecar...} (the package's test script does).
 */
public final class Sidecar implements AutoCloseable {
  private static final Pattern LISTENING =
      Pattern.compile("listening on grpcs?://(\\S+):(\\d+), actuator on (http://\\S+:\\d+)");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final Path scratch;
  private final StringBuffer output = new StringBuffer();
  private final String address;

  private Sidecar(Process process, Path scratch) {
    this.process = process;
    this.scratch = scratch;
    CompletableFuture<String> listening = new CompletableFuture<>();
    Thread reader = new Thread(() -> drain(listening), "sidecar-output");
    reader.setDaemon(true);
    reader.start();
    process.onExit().thenRun(() -> listening.completeExceptionally(
        new IllegalStateException("the sidecar exited with code " + process.exitValue() + " before listening:\n" + output)));
    try {
      address = listening.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException timedOut) {
      process.destroyForcibly();
      throw new IllegalStateException("the sidecar did not listen within " + START_TIMEOUT + "; output:\n" + output, timedOut);
    } catch (ExecutionException failed) {
      throw new IllegalStateException(failed.getCause().getMessage(), failed.getCause());
    } catch (InterruptedException interrupted) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the sidecar", interrupted);
    }
  }

  /**
   * Starts a sidecar with this config (the shape of layer8.yaml, as maps); its gRPC and actuator
   * ports default to 0 (free ports), so sidecars of tests never collide.
   */
  public static Sidecar start(Map<String, Object> config) {
    Path repoRoot = RepoRoot.find();
    Path bin = repoRoot.resolve("apps/sidecar/bundle/layer8.js");
    if (!Files.isRegularFile(bin)) {
      throw new IllegalStateException(bin + " is missing: build the sidecar first with "
          + "`pnpm exec turbo run build --filter @layer8/sidecar...` (`pnpm --filter @layer8/sdk-java test` does)");
    }
    Map<String, Object> full = new LinkedHashMap<>(config);
    full.putIfAbsent("grpc", Map.of("host", "127.0.0.1", "port", 0));
    full.putIfAbsent("actuator", Map.of("host", "127.0.0.1", "port", 0));
    try {
      Path scratch = Files.createTempDirectory("layer8-java-sidecar-");
      Path file = scratch.resolve("layer8.json");
      Files.writeString(file, Json.write(full));
      ProcessBuilder builder = new ProcessBuilder("node", bin.toString(), "run", "--config", file.toString())
          .redirectErrorStream(true);
      builder.environment().remove("LAYER8_API_TOKEN");
      return new Sidecar(builder.start(), scratch);
    } catch (IOException failure) {
      throw new UncheckedIOException("cannot start the sidecar (is node on PATH?)", failure);
    }
  }

  /** {@code host:port} of its gRPC listener. */
  public String address() {
    return address;
  }

  /** Everything it printed so far. */
  public String output() {
    return output.toString();
  }

  /** Sends SIGTERM and waits for it to exit (then SIGKILL after 15 s). */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    } catch (InterruptedException interrupted) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    deleteQuietly(scratch);
  }

  private void drain(CompletableFuture<String> listening) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        output.append(line).append('\n');
        if (!listening.isDone()) {
          Matcher match = LISTENING.matcher(line);
          if (match.find()) listening.complete(match.group(1) + ":" + match.group(2));
        }
      }
    } catch (IOException ignored) {
      // The process ended; onExit reports it.
    }
  }

  static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // A temp dir left behind is harmless.
    }
  }
}
