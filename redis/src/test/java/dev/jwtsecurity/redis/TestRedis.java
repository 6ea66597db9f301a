package dev.jwtsecurity.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The Redis server of {@code JWTSEC_TEST_REDIS_URL} (shared with other test runs), seen through a
 * key prefix of this object's own: two {@link RedisStores} on it (two application instances, each
 * its own connection), and a raw connection for inspecting and emptying the prefix.
 */
final class TestRedis implements AutoCloseable {

  static final String ENV = "JWTSEC_TEST_REDIS_URL";
  private static final SecureRandom RANDOM = new SecureRandom();

  final String url;
  final String prefix;
  private final Clock clock;
  private final RedisClient rawClient;
  final RedisCommands<String, String> raw;
  private final StatefulRedisConnection<String, String> rawConnection;
  private RedisStores first;
  private RedisStores second;

  private TestRedis(String url, Clock clock) {
    this.url = url;
    this.clock = clock;
    this.prefix = uniquePrefix();
    this.rawClient = RedisClient.create(url);
    this.rawConnection = rawClient.connect();
    this.raw = rawConnection.sync();
  }

  /**
   * The server of {@code JWTSEC_TEST_REDIS_URL}; aborts the calling test class (a visible skip,
   * with the reason on stderr) when the variable is unset or the server does not answer.
   */
  static TestRedis connectOrSkip(Clock clock) {
    String url = System.getenv(ENV);
    if (url == null || url.isBlank()) {
      skip(
          ENV
              + " is not set; Redis store tests SKIPPED (.ci/run sets it; see README, Redis stores)");
    }
    try {
      return new TestRedis(url, clock);
    } catch (RuntimeException e) {
      skip(
          "Redis at "
              + ENV
              + " is unreachable ("
              + e.getClass().getSimpleName()
              + "); Redis store tests SKIPPED");
      throw e;
    }
  }

  static void skip(String reason) {
    System.err.println("[jwt-security-redis] " + reason);
    Assumptions.abort(reason);
  }

  static String uniquePrefix() {
    byte[] b = new byte[5];
    RANDOM.nextBytes(b);
    return "jwtsec-test-" + HexFormat.of().formatHex(b);
  }

  /** The first instance's stores, on an emptied prefix. */
  synchronized RedisStores fresh() {
    deleteAll();
    if (first == null) {
      first = build();
    }
    return first;
  }

  /** A second instance: same server and prefix, its own connection. */
  synchronized RedisStores second() {
    if (second == null) {
      second = build();
    }
    return second;
  }

  private RedisStores build() {
    return RedisStores.builder().uri(url).keyPrefix(prefix).clock(clock).build();
  }

  /** Every key of this prefix. */
  List<String> keys() {
    List<String> keys = new ArrayList<>();
    ScanIterator<String> it =
        ScanIterator.scan(raw, ScanArgs.Builder.matches(prefix + ":*").limit(1000));
    it.forEachRemaining(keys::add);
    return keys;
  }

  void deleteAll() {
    List<String> keys = keys();
    if (!keys.isEmpty()) {
      raw.del(keys.toArray(String[]::new));
    }
  }

  @Override
  public synchronized void close() {
    try {
      deleteAll();
    } finally {
      if (first != null) {
        first.close();
      }
      if (second != null) {
        second.close();
      }
      rawConnection.close();
      rawClient.shutdown();
    }
  }
}
