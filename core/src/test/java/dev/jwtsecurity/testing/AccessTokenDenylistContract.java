package dev.jwtsecurity.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsecurity.access.AccessTokenDenylist;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link AccessTokenDenylist} must show, in one JVM and across several: the
 * in-memory list, the JDBC lists (H2, PostgreSQL) and the Redis list all pass it. A list for
 * another database extends it in a class named {@code ...Test} and returns a fresh, empty list from
 * {@link #newList()} (and, if it is shared by several instances, a second client of the same data
 * from {@link #sameBackend}):
 *
 * <pre>{@code
 * class MyDenylistTest extends AccessTokenDenylistContract {
 *   @Override protected AccessTokenDenylist newList() { return MyDenylist.on(emptyDatabase(), Clock.fixed(NOW, UTC)); }
 * }
 * }</pre>
 *
 * <p>{@link AccessTokenDenylist#deny} takes no current time: a list that turns expiry times into
 * time-to-live values with its own clock must be given a clock at {@link #NOW}, the instant the
 * suite's token expiry times are relative to.
 */
public abstract class AccessTokenDenylistContract {

  /** The current time for the suite: tokens expire after it, checks happen at or after it. */
  protected static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  /** The expiry of the suite's tokens: 15 minutes after {@link #NOW}. */
  protected static final Instant EXP = NOW.plus(Duration.ofMinutes(15));

  private static final Duration R = AccessTokenDenylist.RETENTION_AFTER_EXPIRY;

  private AccessTokenDenylist list;

  /**
   * Returns a new, empty list.
   *
   * @return the list under test
   */
  protected abstract AccessTokenDenylist newList();

  /**
   * Returns another client of the same data as {@code list}, as a second application instance would
   * build it. The default returns {@code list} itself, right for a list that lives in one JVM.
   *
   * @param list a list returned by {@link #newList()}
   * @return a list that sees and changes the same entries
   */
  protected AccessTokenDenylist sameBackend(AccessTokenDenylist list) {
    return list;
  }

  @BeforeEach
  void createList() {
    list = newList();
  }

  @Test
  void deny_thenIsDenied_onlyForThatIssuerAndId() {
    list.deny("https://issuer", "jti-1", EXP);
    assertThat(list.isDenied("https://issuer", "jti-1", EXP)).isTrue();
    assertThat(list.isDenied("https://issuer", "jti-2", EXP)).isFalse();
    assertThat(list.isDenied("https://other", "jti-1", EXP)).isFalse();
    assertThat(list.isDenied("", "jti-1", EXP)).isFalse();
    assertThat(list.isDenied("https://issuer", "JTI-1", EXP)).isFalse();
  }

  @Test
  void deny_emptyIssuer_isAKeyOfItsOwn() {
    list.deny("", "jti-1", EXP);
    assertThat(list.isDenied("", "jti-1", EXP)).isTrue();
    assertThat(list.isDenied("x", "jti-1", EXP)).isFalse();
  }

  @Test
  void deny_issuerAndIdBoundary_isNotAmbiguous() {
    list.deny("ab", "c", EXP);
    list.deny("a:b", "c", EXP);
    assertThat(list.isDenied("a", "bc", EXP)).isFalse();
    assertThat(list.isDenied("a", "b:c", EXP)).isFalse();
    assertThat(list.isDenied("a:b:c", "", EXP)).isFalse();
  }

  @Test
  void isDenied_keptUntilExpiryPlusRetention_thenIgnored() {
    list.deny("i", "j", EXP);
    assertThat(list.isDenied("i", "j", NOW)).isTrue();
    assertThat(list.isDenied("i", "j", EXP.plus(R))).isTrue();
    assertThat(list.isDenied("i", "j", EXP.plus(R).plusMillis(1))).isFalse();
  }

  @Test
  void deny_twice_keepsTheLaterExpiry() {
    list.deny("i", "j", EXP.plusSeconds(600));
    list.deny("i", "j", EXP);
    assertThat(list.isDenied("i", "j", EXP.plusSeconds(600).plus(R))).isTrue();
    list.deny("i", "k", EXP);
    list.deny("i", "k", EXP.plusSeconds(600));
    assertThat(list.isDenied("i", "k", EXP.plusSeconds(600).plus(R))).isTrue();
  }

  @Test
  void purgeExpired_deletesEntriesPastRetentionOnly() {
    list.deny("i", "old", EXP);
    list.deny("i", "new", EXP.plusSeconds(3600));
    assertThat(list.purgeExpired(EXP.plus(R))).isZero();
    assertThat(list.purgeExpired(EXP.plus(R).plusMillis(1))).isEqualTo(1);
    assertThat(list.isDenied("i", "new", EXP)).isTrue();
    assertThat(list.purgeExpired(EXP.plus(R).plusMillis(1))).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "o'brien",
        "x'); DELETE FROM t; --",
        "' OR '1'='1",
        "a\\b%_",
        "\u00e9\u4e2d\ud83d\ude00",
        "{tag}:*?[x]"
      })
  void hostileIds_storedVerbatimAndMatchedExactly(String s) {
    list.deny(s, s, EXP);
    assertThat(list.isDenied(s, s, EXP)).isTrue();
    assertThat(list.isDenied(s, "' OR '1'='1' --", EXP)).isEqualTo(s.equals("' OR '1'='1' --"));
    assertThat(list.isDenied("%", "%", EXP)).isFalse();
    assertThat(list.isDenied("*", "*", EXP)).isFalse();
  }

  @Test
  void isDenied_generatedIds_trueExactlyForTheDeniedOnes() {
    long seed = new Random().nextLong();
    System.out.println("AccessTokenDenylistContract seed=" + seed);
    Random random = new Random(seed);
    String alphabet = "ab:{}*%'\\\u00e9";
    Set<String> denied = new HashSet<>();
    for (int i = 0; i < 60; i++) {
      String issuer = randomText(random, alphabet, 3);
      String id = randomText(random, alphabet, 3) + "j";
      if (random.nextBoolean()) {
        list.deny(issuer, id, EXP);
        denied.add(issuer + "\u0000" + id);
      }
      assertThat(list.isDenied(issuer, id, EXP))
          .as("seed %d: %s / %s", seed, issuer, id)
          .isEqualTo(denied.contains(issuer + "\u0000" + id));
    }
  }

  private static String randomText(Random random, String alphabet, int maxLength) {
    StringBuilder sb = new StringBuilder();
    int length = random.nextInt(maxLength + 1);
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  @Test
  void deny_onOneClient_isDeniedOnTheOtherAtOnce() {
    AccessTokenDenylist other = sameBackend(list);
    for (int i = 0; i < 20; i++) {
      String jti = "jti-" + i;
      assertThat(other.isDenied("iss", jti, NOW)).isFalse();
      list.deny("iss", jti, NOW.plusSeconds(300));
      assertThat(other.isDenied("iss", jti, NOW)).isTrue();
    }
  }
}
