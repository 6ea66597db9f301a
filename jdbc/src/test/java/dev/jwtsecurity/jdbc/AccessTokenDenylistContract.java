package dev.jwtsecurity.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsecurity.access.AccessTokenDenylist;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@link AccessTokenDenylist} contract, run against every implementation (in memory, H2,
 * PostgreSQL).
 */
abstract class AccessTokenDenylistContract {

  static final Instant EXP = Instant.parse("2026-01-01T00:15:00Z");
  static final Duration R = AccessTokenDenylist.RETENTION_AFTER_EXPIRY;

  AccessTokenDenylist list;

  /** Returns a new, empty list. */
  protected abstract AccessTokenDenylist newList();

  @BeforeEach
  void setUp() {
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
  void isDenied_keptUntilExpiryPlusRetention_thenIgnored() {
    list.deny("i", "j", EXP);
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
        "\u00e9\u4e2d\ud83d\ude00"
      })
  void hostileIds_storedVerbatimAndMatchedExactly(String s) {
    list.deny(s, s, EXP);
    assertThat(list.isDenied(s, s, EXP)).isTrue();
    assertThat(list.isDenied(s, "' OR '1'='1' --", EXP)).isEqualTo(s.equals("' OR '1'='1' --"));
    assertThat(list.isDenied("%", "%", EXP)).isFalse();
  }
}
