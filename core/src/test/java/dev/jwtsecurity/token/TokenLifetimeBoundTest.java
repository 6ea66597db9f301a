package dev.jwtsecurity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.jwtsecurity.testing.TestKeys;
import dev.jwtsecurity.token.InvalidTokenException.Reason;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A correctly signed own token whose {@code exp - iat} is longer than the configured access-token
 * lifetime plus the clock skew is refused ({@code LIFETIME_TOO_LONG}); the session claims are
 * typed.
 */
class TokenLifetimeBoundTest {

  private final JwtKey hs = TestKeys.signingKey(Algorithm.HS256, "hs-1");
  private final KeyRing ring = KeyRing.of(hs);

  private AccessTokenValidator validator(Duration lifetime, Duration skew) {
    return AccessTokenValidator.builder()
        .keyRing(ring)
        .clock(Forge.CLOCK)
        .accessTokenLifetime(lifetime)
        .clockSkew(skew)
        .build();
  }

  private String token(long lifetimeSeconds) {
    return Forge.sign(
        Forge.header(hs),
        "{\"sub\":\"alice\",\"iat\":"
            + Forge.T
            + ",\"exp\":"
            + (Forge.T + lifetimeSeconds)
            + ",\"jti\":\"id-1\"}",
        hs);
  }

  private static Reason reason(AccessTokenValidator v, String token) {
    try {
      v.validate(token);
      return null;
    } catch (InvalidTokenException e) {
      return e.reason();
    }
  }

  @Test
  void validate_lifetimeAtAndJustBeyondLifetimePlusSkew_acceptedThenRefused() {
    AccessTokenValidator v = validator(Duration.ofMinutes(15), Duration.ofSeconds(30));

    assertThat(reason(v, token(15 * 60 + 30))).isNull();
    assertThat(reason(v, token(15 * 60 + 31))).isEqualTo(Reason.LIFETIME_TOO_LONG);
    assertThat(reason(v, token(365L * 24 * 3600)))
        .as("a year-long token minted with a leaked key")
        .isEqualTo(Reason.LIFETIME_TOO_LONG);
  }

  @Test
  void validate_defaultBound_isTheLongestSafeLifetime() {
    AccessTokenValidator v =
        AccessTokenValidator.builder().keyRing(ring).clock(Forge.CLOCK).build();

    assertThat(reason(v, token(3600 + 30))).isNull();
    assertThat(reason(v, token(3600 + 31))).isEqualTo(Reason.LIFETIME_TOO_LONG);
  }

  @Test
  void validate_tokensOfAnIssuerWithTheSameLifetime_alwaysAccepted() throws Exception {
    for (Duration lifetime :
        new Duration[] {
          Duration.ofMinutes(1),
          Duration.ofMillis(61_500),
          Duration.ofMinutes(60),
          Duration.ofDays(30)
        }) {
      AccessTokenIssuer issuer =
          AccessTokenIssuer.builder()
              .keyRing(ring)
              .clock(Forge.CLOCK)
              .unsafeAccessTokenLifetime(lifetime)
              .build();
      IssuedAccessToken t = issuer.issue(AccessTokenClaims.forSubject("alice").build());
      assertThat(validator(lifetime, Duration.ZERO).validate(t.value()).subject())
          .isEqualTo("alice");
    }
  }

  /**
   * For any configured lifetime and skew, a token is refused for its lifetime exactly when {@code
   * exp - iat} exceeds the lifetime (whole seconds, rounded up) plus the skew.
   */
  @Test
  void validate_anyLifetimeAnySkew_refusedExactlyBeyondTheBound() {
    qt().withExamples(400)
        .forAll(
            integers().between(1, 3 * 3600),
            integers().between(0, 300),
            integers().between(0, 4 * 3600))
        .checkAssert(
            (lifetimeSeconds, skewSeconds, tokenLifetime) -> {
              AccessTokenValidator v =
                  validator(Duration.ofSeconds(lifetimeSeconds), Duration.ofSeconds(skewSeconds));
              Reason r = reason(v, token(tokenLifetime));
              if (tokenLifetime > lifetimeSeconds + skewSeconds) {
                assertThat(r).isEqualTo(Reason.LIFETIME_TOO_LONG);
              } else if (tokenLifetime + skewSeconds <= 0) {
                assertThat(r).isEqualTo(Reason.EXPIRED);
              } else {
                assertThat(r).isNull();
              }
            });
  }

  @Test
  void builder_lifetimeOutOfRangeOrTwice_failsFast() {
    assertThatThrownBy(() -> AccessTokenValidator.builder().accessTokenLifetime(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> AccessTokenValidator.builder().accessTokenLifetime(Duration.ofDays(31)))
        .isInstanceOf(IllegalArgumentException.class);
    AccessTokenValidator.Builder b =
        AccessTokenValidator.builder().accessTokenLifetime(Duration.ofMinutes(5));
    assertThatThrownBy(() -> b.accessTokenLifetime(Duration.ofMinutes(5)))
        .isInstanceOf(IllegalStateException.class);
  }

  // ---- the session claims ----

  @Test
  void issue_withSession_sidAndCvsReadBackExactly() throws Exception {
    AccessTokenIssuer issuer = AccessTokenIssuer.builder().keyRing(ring).clock(Forge.CLOCK).build();
    Instant since = Instant.parse("2026-11-27T11:59:59.123456789Z");

    VerifiedAccessToken t =
        validator(Duration.ofMinutes(30), Duration.ZERO)
            .validate(
                issuer
                    .issue(AccessTokenClaims.forSubject("alice").build(), "s.1_A", since)
                    .value());

    assertThat(t.sessionId()).contains("s.1_A");
    assertThat(t.credentialsValidSince()).contains(since);
    assertThat(t.predates(since)).isFalse();
    assertThat(t.predates(since.plusNanos(1))).isTrue();
    assertThat(t.claims()).doesNotContainKeys("sid", "cvs");
  }

  @Test
  void issue_neverChangedCredentials_acceptedUntilTheFirstChange() throws Exception {
    AccessTokenIssuer issuer = AccessTokenIssuer.builder().keyRing(ring).clock(Forge.CLOCK).build();
    VerifiedAccessToken t =
        validator(Duration.ofMinutes(30), Duration.ZERO)
            .validate(
                issuer
                    .issue(AccessTokenClaims.forSubject("alice").build(), "s", Instant.MIN)
                    .value());

    assertThat(t.predates(Instant.MIN)).isFalse();
    assertThat(t.predates(Instant.EPOCH)).isFalse();
    assertThat(t.predates(Forge.NOW.minusSeconds(3600))).isTrue();
  }

  @Test
  void issue_badSessionId_refused() {
    AccessTokenIssuer issuer = AccessTokenIssuer.builder().keyRing(ring).clock(Forge.CLOCK).build();
    AccessTokenClaims claims = AccessTokenClaims.forSubject("alice").build();
    for (String bad : new String[] {"", "a:b", "a b", "a/b", "x".repeat(65), "é"}) {
      assertThatThrownBy(() -> issuer.issue(claims, bad, null))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void validate_sessionClaimsOfTheWrongType_refusedAsInvalidClaims() {
    AccessTokenValidator v = validator(Duration.ofMinutes(30), Duration.ZERO);
    for (String extra :
        new String[] {
          ",\"sid\":1",
          ",\"sid\":\"\"",
          ",\"sid\":[\"a\"]",
          ",\"sid\":\"" + "x".repeat(65) + "\"",
          ",\"cvs\":\"1\"",
          ",\"cvs\":-1",
          ",\"cvs\":1.5",
          ",\"cvs\":null"
        }) {
      assertThat(reason(v, Forge.sign(Forge.header(hs), Forge.claims(extra), hs)))
          .as(extra)
          .isEqualTo(Reason.MISSING_OR_INVALID_CLAIM);
    }
    assertThat(
            reason(v, Forge.sign(Forge.header(hs), Forge.claims(",\"sid\":\"s\",\"cvs\":0"), hs)))
        .isNull();
  }
}
