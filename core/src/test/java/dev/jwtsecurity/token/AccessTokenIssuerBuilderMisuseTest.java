package dev.jwtsecurity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.testing.TestKeys;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AccessTokenIssuerBuilderMisuseTest {

  @Test
  void build_withoutKeyRing_throwsIllegalState() {
    assertThatThrownBy(() -> AccessTokenIssuer.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("keyRing");
  }

  @Test
  void lifetime_outsideOneToSixtyMinutes_throwsIllegalArgumentNamingTheEscapeHatch() {
    assertThatThrownBy(
            () -> AccessTokenIssuer.builder().accessTokenLifetime(Duration.ofMinutes(61)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unsafeAccessTokenLifetime");
    assertThatThrownBy(
            () -> AccessTokenIssuer.builder().accessTokenLifetime(Duration.ofSeconds(59)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unsafeLifetime_nonPositiveOrAboveThirtyDays_throwsIllegalArgument() {
    assertThatThrownBy(() -> AccessTokenIssuer.builder().unsafeAccessTokenLifetime(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> AccessTokenIssuer.builder().unsafeAccessTokenLifetime(Duration.ofDays(31)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unsafeLifetime_subSecond_roundsUpSoTheTokenIsNotBornExpired() {
    AccessTokenIssuer issuer =
        AccessTokenIssuer.builder()
            .keyRing(KeyRing.of(TestKeys.signingKey(Algorithm.HS256, "k")))
            .unsafeAccessTokenLifetime(Duration.ofMillis(500))
            .clock(Forge.CLOCK)
            .build();
    assertThat(issuer.issue(AccessTokenClaims.forSubject("a").build()).expiresInSeconds())
        .isEqualTo(1);
  }

  @Test
  void issuerAudienceEnvironment_blankOrLoneSurrogate_throwsIllegalArgument() {
    assertThatThrownBy(() -> AccessTokenIssuer.builder().issuer(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AccessTokenIssuer.builder().audience("a\ud800"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AccessTokenIssuer.builder().environment(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void claims_reservedNameOrLoneSurrogate_throwsIllegalArgument() {
    assertThatThrownBy(() -> AccessTokenClaims.forSubject("a").claim("exp", 1L))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AccessTokenClaims.forSubject("a").claim("env", "prod"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AccessTokenClaims.forSubject("a\udc00"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AccessTokenClaims.forSubject("a").claim("x", "\ud800"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void issue_withVerificationOnlySigningKey_isImpossible() {
    JwtKey pub = TestKeys.signingKey(Algorithm.ES256, "e").withoutSigning();
    assertThatThrownBy(() -> KeyRing.of(pub)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nulls_throwNullPointer() {
    assertThatThrownBy(() -> AccessTokenIssuer.builder().keyRing(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> AccessTokenIssuer.builder().clock(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> AccessTokenIssuer.builder().random(null))
        .isInstanceOf(NullPointerException.class);
  }
}
