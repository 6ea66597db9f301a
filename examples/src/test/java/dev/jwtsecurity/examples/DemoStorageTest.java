package dev.jwtsecurity.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The demo's start-up rules for several instances, checked before anything is reached (no server
 * needed): shared state needs the operator's keys, and no URL or key is ever repeated in a message.
 */
class DemoStorageTest {

  private static final String SECRET = Base64.getEncoder().encodeToString(new byte[64]);
  private static final String CSRF = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void start_databaseUrlWithoutSecret_refusedBeforeMakingOneUp() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThatThrownBy(
            () ->
                DemoServer.builder()
                    .environment(
                        env("DATABASE_URL", "jdbc:postgresql://db/app", "JWT_CSRF_KEY", CSRF))
                    .stderr(new PrintStream(err, true, StandardCharsets.UTF_8))
                    .port(0)
                    .start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("JWT_SECRET_KEY")
        .hasMessageContaining("the same on every instance");
    assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("EPHEMERAL");
  }

  @Test
  void start_redisUrlWithoutCsrfKey_refusedNamingIt() {
    assertThatThrownBy(
            () ->
                DemoServer.builder()
                    .environment(env("REDIS_URL", "redis://127.0.0.1:1", "JWT_SECRET_KEY", SECRET))
                    .port(0)
                    .start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("JWT_CSRF_KEY");
  }

  @Test
  void shared_emptyVariables_countAsUnset() {
    assertThat(DemoStorage.shared(env())).isFalse();
    assertThat(DemoStorage.shared(env("DATABASE_URL", "", "REDIS_URL", " "))).isFalse();
    DemoStorage.requireSharedKeys(env("DATABASE_URL", "")); // nothing shared: nothing required
    assertThat(DemoStorage.shared(env("REDIS_URL", "redis://127.0.0.1"))).isTrue();
  }

  @Test
  void open_withoutVariables_isThePrivateInMemoryDatabase() {
    try (DemoStorage storage = DemoStorage.open(env(), Clock.systemUTC(), null)) {
      assertThat(storage.database().shared()).isFalse();
      assertThat(storage.describe()).startsWith("in-memory H2 and in-process stores");
    }
  }

  @Test
  void csrfKey_base64OrBase64Url_decoded() {
    assertThat(DemoStorage.csrfKey(env("JWT_CSRF_KEY", CSRF)).orElseThrow()).hasSize(32);
    assertThat(DemoStorage.csrfKey(env("JWT_CSRF_KEY", CSRF.replace('+', '-').replace('/', '_'))))
        .get()
        .isEqualTo(DemoStorage.csrfKey(env("JWT_CSRF_KEY", CSRF)).orElseThrow());
    assertThat(DemoStorage.csrfKey(env())).isEmpty();
  }

  static Stream<Long> seeds() {
    long seed = new Random().nextLong();
    System.out.println("DemoStorageTest seed: " + seed);
    Random r = new Random(seed);
    return IntStream.range(0, 20).mapToObj(i -> r.nextLong());
  }

  /** A made-up password of 12 to 40 URL-safe characters. */
  private static String secretText(Random r) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";
    StringBuilder sb = new StringBuilder();
    for (int i = 0, n = 12 + r.nextInt(29); i < n; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void open_notPostgresUrl_refusedWithoutRepeatingIt(long seed) {
    String password = secretText(new Random(seed));
    String url = "jdbc:mysql://app:" + password + "@db.internal/app?password=" + password;
    assertThatThrownBy(() -> DemoStorage.open(env("DATABASE_URL", url), Clock.systemUTC(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DATABASE_URL must be a PostgreSQL JDBC URL")
        .hasMessageNotContaining(password);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void csrfKey_notBase64_refusedWithoutRepeatingIt(long seed) {
    String key = secretText(new Random(seed)) + "!*";
    assertThatThrownBy(() -> DemoStorage.csrfKey(env("JWT_CSRF_KEY", key)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("JWT_CSRF_KEY must be base64 of 32 random bytes")
        .satisfies(e -> assertThat(String.valueOf(e.getCause())).doesNotContain(key));
  }
}
