package dev.jwtsecurity.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jwtsecurity.examples.story.DemoClient;
import dev.jwtsecurity.examples.story.MutableClock;
import dev.jwtsecurity.testing.LogCapture;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The demo with {@code REDIS_URL} over real HTTP while its Redis is killed and started again: every
 * request that needs a store is refused with 503 and {@code Retry-After} (never served as if
 * nothing were denied), and once Redis is back the same process serves again without a restart.
 */
class DemoRedisOutageTest {

  private static final String PASSWORD = "correct horse battery staple";

  @Test
  void redisKilledAndRestarted_refusesWith503ThenServesAgainWithoutRestart() throws Exception {
    try (ThrowAwayRedis redis = ThrowAwayRedis.startOrSkip();
        DemoServer demo =
            DemoServer.builder()
                .environment(
                    Map.of(
                        "REDIS_URL",
                        redis.url(),
                        "JWT_SECRET_KEY",
                        Base64.getEncoder().encodeToString(TwoInstanceStory.bytes(64)),
                        "JWT_CSRF_KEY",
                        Base64.getEncoder().encodeToString(TwoInstanceStory.bytes(32))))
                .clock(new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS)))
                .port(0)
                .start()) {
      DemoClient client = new DemoClient(demo.baseUri());
      JsonNode login = client.newUser("outage", PASSWORD);
      String at = login.get("access_token").asText();
      String rt = login.get("refresh_token").asText();
      assertThat(client.withToken("GET", "/api/todos", null, at).status()).isEqualTo(200);

      int mark = LogCapture.global().size();
      redis.kill();
      for (DemoClient.Answer refused :
          new DemoClient.Answer[] {
            client.withToken("GET", "/api/todos", null, at), // the denylist cannot be asked
            client.login("outage", PASSWORD), // the throttle cannot be asked
            client.refresh(rt) // the session cannot be rotated
          }) {
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.text())
            .isEqualTo(
                "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503}");
      }

      assertThat(LogCapture.global().linesSince(mark))
          .as("an outage is logged as one line, not as an unexpected failure")
          .anyMatch(l -> l.contains("store_unavailable"))
          .noneMatch(l -> l.contains("unexpected_failure"))
          .filteredOn(l -> l.contains("store_unavailable"))
          .allMatch(l -> l.contains("StoreUnavailableException"));

      redis.start(); // empty: persistence is off
      assertThat(eventually(() -> client.withToken("GET", "/api/todos", null, at).status()))
          .as("the same process serves again")
          .isEqualTo(200);
      assertThat(client.login("outage", PASSWORD).status()).isEqualTo(200);
    }
  }

  /** The first status other than 503 within 10 s (the client reconnects within about 2 s). */
  private static int eventually(Supplier<Integer> status) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    int last;
    do {
      last = status.get();
      if (last != 503) {
        return last;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    return last;
  }
}
