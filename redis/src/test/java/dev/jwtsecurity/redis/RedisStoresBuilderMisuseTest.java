package dev.jwtsecurity.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.StoreUnavailableException;
import dev.jwtsecurity.config.InsecureConfigurationException;
import dev.jwtsecurity.testing.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way to misconfigure {@link RedisStores.Builder} fails fast, and says how to fix it. */
class RedisStoresBuilderMisuseTest {

  private static final String PASSWORD = Secrets.register("s3cr3t-redis-Pa55word");

  @Test
  void build_withoutUri_throwsIllegalStateWithExample() {
    assertThatThrownBy(() -> RedisStores.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("rediss://");
  }

  @Test
  void setters_calledTwice_throwIllegalState() {
    assertThatThrownBy(
            () -> RedisStores.builder().uri("redis://127.0.0.1").uri("redis://127.0.0.1"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> RedisStores.builder().uri("redis://127.0.0.1").clusterUri("redis://127.0.0.1"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> RedisStores.builder().keyPrefix("a").keyPrefix("b"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                RedisStores.builder()
                    .commandTimeout(Duration.ofSeconds(1))
                    .commandTimeout(Duration.ofSeconds(2)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> RedisStores.builder().clock(Clock.systemUTC()).clock(Clock.systemUTC()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> RedisStores.builder().unsafeAllowPlaintext().unsafeAllowPlaintext())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void setters_null_throwNullPointer() {
    assertThatThrownBy(() -> RedisStores.builder().uri(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> RedisStores.builder().clusterUri(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> RedisStores.builder().keyPrefix(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> RedisStores.builder().commandTimeout(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> RedisStores.builder().clock(null))
        .isInstanceOf(NullPointerException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "a*",
        "a?",
        "a[b]",
        "{tag}",
        "a}",
        "a b",
        "jwt:",
        ":jwt",
        "-jwt",
        "a\\b",
        "\u00e9",
        "0123456789012345678901234567890123456789012345678"
      })
  void keyPrefix_globHashTagOrSeparatorTrouble_throwsIllegalArgument(String prefix) {
    assertThatThrownBy(() -> RedisStores.builder().keyPrefix(prefix))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyPrefix");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jwt",
        "myapp:jwt",
        "my-app.v2_prod",
        "A",
        "012345678901234567890123456789012345678901234567"
      })
  void keyPrefix_valid_isAccepted(String prefix) {
    assertThatCode(() -> RedisStores.builder().keyPrefix(prefix)).doesNotThrowAnyException();
  }

  @Test
  void keyPrefix_generated_acceptedExactlyWhenItCannotActAsAPatternOrTag() {
    long seed = new Random().nextLong();
    System.out.println("keyPrefix property seed=" + seed);
    Random random = new Random(seed);
    String alphabet = "aZ09._-:*?[]{}\\ %\u00e9";
    for (int i = 0; i < 500; i++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(8);
      for (int k = 0; k < length; k++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String prefix = sb.toString();
      boolean safe =
          !prefix.isEmpty()
              && prefix.chars().allMatch(c -> "aZ09._-:".indexOf(c) >= 0)
              && Character.isLetterOrDigit(prefix.charAt(0))
              && !prefix.endsWith(":");
      boolean accepted;
      try {
        RedisStores.builder().keyPrefix(prefix);
        accepted = true;
      } catch (IllegalArgumentException e) {
        accepted = false;
      }
      assertThat(accepted).as("seed %d, prefix '%s'", seed, prefix).isEqualTo(safe);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 9, 30_001, -1})
  void commandTimeout_outOfRange_throwsIllegalArgument(long millis) {
    assertThatThrownBy(() -> RedisStores.builder().commandTimeout(Duration.ofMillis(millis)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("commandTimeout");
  }

  @Test
  void uri_notARedisUri_throwsIllegalArgumentWithoutEchoingIt() {
    for (String uri :
        new String[] {
          "http://user:" + PASSWORD + "@host",
          "user:" + PASSWORD + "@host:6379",
          "redis://:" + PASSWORD + "@[::1"
        }) {
      assertThatThrownBy(() -> RedisStores.builder().uri(uri).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageNotContaining(PASSWORD)
          .hasNoCause();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "redis://10.0.0.5:6379",
        "redis://redis.internal",
        "redis://127.0.0.1.nip.io:6379",
        "redis://localhost.example.com",
        "redis-sentinel://10.0.0.5:26379,127.0.0.1:26379#mymaster"
      })
  void build_plaintextToANonLoopbackHost_isRefusedAsInsecure(String uri) {
    String withPassword = uri.replaceFirst("://", "://app:" + PASSWORD + "@");
    assertThatThrownBy(() -> RedisStores.builder().uri(withPassword).build())
        .isInstanceOf(InsecureConfigurationException.class)
        .hasMessageContaining("rediss://")
        .hasMessageContaining("unsafeAllowPlaintext")
        .hasMessageNotContaining(PASSWORD);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "redis://127.0.0.1:6379",
        "redis://127.1.2.3",
        "redis://localhost:6379/2",
        "redis://[::1]:6379",
        "redis-sentinel://127.0.0.1:26379,localhost:26380#mymaster",
        "rediss://redis.example.com:6380",
        "rediss://10.0.0.5"
      })
  void checkTransport_loopbackOrVerifiedTls_isAccepted(String uri) {
    assertThatCode(() -> RedisStores.Builder.checkTransport(RedisStores.Builder.parse(uri), false))
        .doesNotThrowAnyException();
  }

  @Test
  void checkTransport_plaintextRemoteWithUnsafeAllowPlaintext_isAccepted() {
    assertThatCode(
            () ->
                RedisStores.Builder.checkTransport(
                    RedisStores.Builder.parse("redis://10.0.0.5:6379"), true))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "rediss://redis.example.com?verifyPeer=NONE",
        "rediss://redis.example.com?verifyPeer=CA",
        "rediss://127.0.0.1?verifyPeer=NONE"
      })
  void build_tlsWithoutHostNameVerification_isRefusedEvenWhenPlaintextIsAllowed(String uri) {
    assertThatThrownBy(() -> RedisStores.builder().uri(uri).unsafeAllowPlaintext().build())
        .isInstanceOf(InsecureConfigurationException.class)
        .hasMessageContaining("verifyPeer");
  }

  @Test
  void build_nobodyListening_throwsStoreUnavailableWithoutThePassword() {
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                RedisStores.builder()
                    .uri("redis://app:" + PASSWORD + "@127.0.0.1:1")
                    .commandTimeout(Duration.ofMillis(200))
                    .build())
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("cannot connect to Redis at 127.0.0.1:1")
        .hasMessageNotContaining(PASSWORD);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void isLoopback_onlyLoopbackLiteralsAndLocalhost() {
    assertThat(RedisStores.Builder.isLoopback("127.0.0.1")).isTrue();
    assertThat(RedisStores.Builder.isLoopback("127.255.0.9")).isTrue();
    assertThat(RedisStores.Builder.isLoopback("LOCALHOST")).isTrue();
    assertThat(RedisStores.Builder.isLoopback("::1")).isTrue();
    assertThat(RedisStores.Builder.isLoopback("[::1]")).isTrue();
    assertThat(RedisStores.Builder.isLoopback("128.0.0.1")).isFalse();
    assertThat(RedisStores.Builder.isLoopback("127.0.0.1.evil.example")).isFalse();
    assertThat(RedisStores.Builder.isLoopback("localhost.evil.example")).isFalse();
    assertThat(RedisStores.Builder.isLoopback("::2")).isFalse();
    assertThat(RedisStores.Builder.isLoopback(null)).isFalse();
  }
}
