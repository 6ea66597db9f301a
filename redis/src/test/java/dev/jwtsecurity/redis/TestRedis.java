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
  private final boolean cluster;
  final String prefix;
  private final Clock clock;
  private final RedisClient rawClient;
  final RedisCommands<String, String> raw;
  private final StatefulRedisConnection<String, String> rawConnection;
  private RedisStores first;
  private RedisStores second;

  private TestRedis(String url, boolean cluster, Clock clock) {
    this.url = url;
    this.cluster = cluster;
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
      return new TestRedis(url, false, clock);
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

  /**
   * A one-node Redis Cluster of this JVM's own (all 16384 slots on one master, which still refuses
   * any command or script whose keys span two slots); skips when {@code redis-server} is missing.
   */
  static TestRedis clusterOrSkip(Clock clock) {
    return new TestRedis(TestCluster.url(), true, clock);
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
    RedisStores.Builder b = RedisStores.builder();
    return (cluster ? b.clusterUri(url) : b.uri(url)).keyPrefix(prefix).clock(clock).build();
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
    for (String key : keys()) {
      raw.del(key); // one by one: a Cluster refuses a DEL across slots
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
