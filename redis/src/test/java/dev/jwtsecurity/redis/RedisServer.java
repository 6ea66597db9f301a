package dev.jwtsecurity.redis;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away {@code redis-server} of the test's own, on a free loopback port, that the test can
 * stop, restart, freeze and thaw. Never the shared server of {@code JWTSEC_TEST_REDIS_URL}. Tests
 * are skipped with a visible message when {@code redis-server} is not installed (the Debian package
 * {@code redis-server}; {@code .ci/run} installs it).
 */
class RedisServer implements AutoCloseable {

  final int port;
  private final Path dir;
  private final List<String> extraArgs;
  private Process process;

  private RedisServer(int port, Path dir, List<String> extraArgs) {
    this.port = port;
    this.dir = dir;
    this.extraArgs = extraArgs;
  }

  /**
   * Starts a server with {@code args} added to the command line (each a config directive and its
   * value, for example {@code "--appendonly", "yes"}); skips the calling test when {@code
   * redis-server} is missing.
   */
  static RedisServer startOrSkip(String... args) {
    if (!installed()) {
      TestRedis.skip(
          "redis-server is not installed; tests that stop and restart their own Redis SKIPPED"
              + " (apt-get install redis-server; .ci/run does)");
    }
    try {
      RedisServer server =
          new RedisServer(freePort(), Files.createTempDirectory("jwtsec-redis"), List.of(args));
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start redis-server", e);
    }
  }

  static boolean installed() {
    try {
      Process p = new ProcessBuilder("redis-server", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * A free loopback port at most 55535 whose cluster bus port (10000 higher, which a Cluster node
   * opens too) is free as well.
   */
  private static int freePort() throws IOException {
    java.util.Random random = new java.util.Random();
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = 20_000 + random.nextInt(35_000);
      if (free(port) && free(port + 10_000)) {
        return port;
      }
    }
    throw new IOException("no free port pair found");
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.isBound();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Starts a server that speaks only TLS on its port, with {@code cert}/{@code key} (PEM) and
   * without client certificates; skips when {@code redis-server} is missing.
   */
  static RedisServer startTlsOrSkip(Path cert, Path key, Path ca) {
    if (!installed()) {
      TestRedis.skip("redis-server is not installed; the TLS test SKIPPED");
    }
    try {
      int port = freePort();
      RedisServer server =
          new RedisServer(
              port,
              Files.createTempDirectory("jwtsec-redis"),
              List.of(
                  "--port", "0",
                  "--tls-port", Integer.toString(port),
                  "--tls-cert-file", cert.toString(),
                  "--tls-key-file", key.toString(),
                  "--tls-ca-cert-file", ca.toString(),
                  "--tls-auth-clients", "no"));
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start redis-server", e);
    }
  }

  /**
   * Starts a Sentinel watching {@code master} under the name "mymaster"; skips when {@code
   * redis-server} is missing.
   */
  static RedisServer startSentinelOrSkip(RedisServer master) {
    if (!installed()) {
      TestRedis.skip("redis-server is not installed; the Sentinel test SKIPPED");
    }
    try {
      int port = freePort();
      Path dir = Files.createTempDirectory("jwtsec-sentinel");
      Path conf = dir.resolve("sentinel.conf");
      Files.writeString(
          conf,
          "port "
              + port
              + "\nbind 127.0.0.1\nsentinel monitor mymaster 127.0.0.1 "
              + master.port
              + " 1\nsentinel down-after-milliseconds mymaster 1000\n");
      RedisServer sentinel =
          new RedisServer(port, dir, List.of()) {
            @Override
            List<String> command() {
              return List.of(
                  "redis-server",
                  conf.toString(),
                  "--sentinel",
                  "--logfile",
                  dir.resolve("redis.log").toString());
            }
          };
      sentinel.start();
      return sentinel;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start redis-server --sentinel", e);
    }
  }

  /** {@code redis://127.0.0.1:port}. */
  String url() {
    return "redis://127.0.0.1:" + port;
  }

  /**
   * Starts (or restarts) the server on the same port and data directory; waits until it answers.
   */
  synchronized void start() {
    try {
      process = new ProcessBuilder(command()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start redis-server", e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("redis-server exited; see " + dir.resolve("redis.log"));
      }
      if (answers()) {
        return;
      }
      sleep(20);
    }
    throw new IllegalStateException("redis-server did not start listening on " + port);
  }

  /** The command line of this server. */
  List<String> command() {
    List<String> command = new ArrayList<>();
    command.add("redis-server");
    command.addAll(
        List.of(
            "--port",
            Integer.toString(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            dir.toString(),
            "--save",
            "",
            "--daemonize",
            "no",
            "--logfile",
            dir.resolve("redis.log").toString()));
    if (!extraArgs.contains("--appendonly")) {
      command.addAll(List.of("--appendonly", "no"));
    }
    command.addAll(extraArgs);
    return command;
  }

  /** Whether the server accepts connections (it may still be loading its data: -LOADING). */
  private boolean answers() {
    try (Socket s = new Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
      return s.isConnected();
    } catch (IOException e) {
      return false;
    }
  }

  /** Kills the server at once (like a crash or a lost host); data since the last fsync is lost. */
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

  /** Freezes the server (SIGSTOP): connections stay open, nothing is answered. */
  void freeze() {
    signal("-STOP");
  }

  /** Thaws a frozen server (SIGCONT): it answers everything it received meanwhile. */
  void thaw() {
    signal("-CONT");
  }

  private synchronized void signal(String signal) {
    try {
      Process kill =
          new ProcessBuilder("kill", signal, Long.toString(process.pid()))
              .redirectErrorStream(true)
              .start();
      kill.getInputStream().readAllBytes();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill " + signal + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public synchronized void close() {
    if (process != null && process.isAlive()) {
      thawQuietly();
    }
    kill();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp directory left behind is harmless
    }
  }

  private void thawQuietly() {
    try {
      signal("-CONT");
    } catch (RuntimeException e) {
      // the process may be gone already
    }
  }
}
