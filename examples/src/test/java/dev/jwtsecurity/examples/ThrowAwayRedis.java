package dev.jwtsecurity.examples;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A {@code redis-server} of the test's own on a free loopback port, persistence off, that the test
 * kills and starts again on the same port. Never the shared server of {@code
 * JWTSEC_TEST_REDIS_URL}. Skips the calling test with a visible message when {@code redis-server}
 * is not installed (the Debian package {@code redis-server}; {@code .ci/run} installs it).
 */
final class ThrowAwayRedis implements AutoCloseable {

  private final int port;
  private final Path dir;
  private Process process;

  private ThrowAwayRedis(int port, Path dir) {
    this.port = port;
    this.dir = dir;
  }

  static ThrowAwayRedis startOrSkip() throws IOException, InterruptedException {
    boolean installed;
    try {
      Process p = new ProcessBuilder("redis-server", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      installed = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      installed = false;
    }
    if (!installed) {
      String reason =
          "redis-server is not installed; the demo's Redis outage test SKIPPED"
              + " (apt-get install redis-server; .ci/run does)";
      System.err.println("[jwt-security demo] " + reason);
      Assumptions.abort(reason);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    ThrowAwayRedis redis = new ThrowAwayRedis(port, Files.createTempDirectory("demo-redis"));
    redis.start();
    return redis;
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  /**
   * Starts (or restarts, empty) the server on the same port; waits until it accepts connections.
   */
  synchronized void start() throws IOException, InterruptedException {
    process =
        new ProcessBuilder(
                List.of(
                    "redis-server",
                    "--port",
                    Integer.toString(port),
                    "--bind",
                    "127.0.0.1",
                    "--dir",
                    dir.toString(),
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--logfile",
                    dir.resolve("redis.log").toString()))
            .redirectErrorStream(true)
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("redis-server exited; see " + dir.resolve("redis.log"));
      }
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        if (s.isConnected()) {
          return;
        }
      } catch (IOException e) {
        Thread.sleep(20);
      }
    }
    throw new IllegalStateException("redis-server did not start listening on " + port);
  }

  /** Kills the server at once, like a crash. */
  synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  @Override
  public void close() {
    kill();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp directory left behind is harmless
    }
  }
}
