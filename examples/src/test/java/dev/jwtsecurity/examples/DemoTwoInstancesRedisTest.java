package dev.jwtsecurity.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * Two demo instances on one PostgreSQL and one Redis ({@code DATABASE_URL} and {@code REDIS_URL}):
 * users and todos in the database, the library's stores in Redis. Skipped with a visible message
 * without {@code JWTSEC_TEST_POSTGRES_URL} or {@code JWTSEC_TEST_REDIS_URL}.
 */
class DemoTwoInstancesRedisTest extends TwoInstanceStory {

  private String redisUrl;

  @Override
  void addSharedState(Map<String, String> env) {
    redisUrl = System.getenv(REDIS_ENV);
    if (redisUrl == null || redisUrl.isBlank()) {
      skip(REDIS_ENV + " is not set; two-instance demo tests on Redis SKIPPED (.ci/run sets it)");
    }
    try {
      keys(); // reachable?
    } catch (RedisException e) {
      skip("Redis at " + REDIS_ENV + " is unreachable; two-instance demo tests on Redis SKIPPED");
    }
    env.put("REDIS_URL", redisUrl);
  }

  @Override
  String storesAnnounced() {
    return "Redis (REDIS_URL)";
  }

  @Override
  void assertStoresWhereExpected() throws SQLException {
    assertThat(rows("jwt_refresh_family")).as("no sessions in the database").isZero();
    assertThat(keys()).as("but in Redis, under this run's prefix").isNotEmpty();
  }

  /** This run's keys: every one has a time-to-live, deleted here anyway. */
  @AfterAll
  void deleteKeys() {
    if (redisUrl == null || a == null) {
      return;
    }
    RedisClient client = RedisClient.create(redisUrl);
    try (client;
        StatefulRedisConnection<String, String> c = client.connect()) {
      List<String> keys = keys();
      if (!keys.isEmpty()) {
        c.sync().unlink(keys.toArray(String[]::new));
      }
    } catch (RedisException e) {
      // they expire on their own
    }
  }

  private List<String> keys() {
    RedisURI uri = RedisURI.create(redisUrl);
    uri.setTimeout(Duration.ofSeconds(5));
    RedisClient client = RedisClient.create(uri);
    try (client;
        StatefulRedisConnection<String, String> c = client.connect()) {
      List<String> keys = new ArrayList<>();
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page =
            c.sync().scan(cursor, ScanArgs.Builder.matches(run + ":*").limit(500));
        keys.addAll(page.getKeys());
        cursor = page;
      } while (!cursor.isFinished());
      return keys;
    }
  }
}
