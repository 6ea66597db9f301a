package dev.jwtsecurity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AccessTokenRoundTripTest {

  private static final byte[] SECRET =
      "k7Qp2vX9mR4tY8wZ1cF6hJ3nB5sD0gL7aE2uI9oP4xV6".getBytes(StandardCharsets.US_ASCII);
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
  private final KeyRing ring = KeyRing.of(JwtKey.hmac("k1", Algorithm.HS256, SECRET));

  @Test
  void validate_freshlyIssuedToken_returnsItsClaims() throws Exception {
    AccessTokenIssuer issuer =
        AccessTokenIssuer.builder().keyRing(ring).issuer("iss").clock(clock).build();
    AccessTokenValidator validator =
        AccessTokenValidator.builder().keyRing(ring).issuer("iss").clock(clock).build();

    IssuedAccessToken token =
        issuer.issue(AccessTokenClaims.forSubject("alice").roles("user").build());
    VerifiedAccessToken verified = validator.validate(token.value());

    assertThat(verified.subject()).isEqualTo("alice");
    assertThat(verified.roles()).containsExactly("user");
    assertThat(verified.tokenId()).isEqualTo(token.tokenId());
    assertThat(token.toString()).doesNotContain(token.value());
  }

  @Test
  void validate_expiredToken_rejectsWithExpired() {
    AccessTokenIssuer issuer = AccessTokenIssuer.builder().keyRing(ring).clock(clock).build();
    AccessTokenValidator validator =
        AccessTokenValidator.builder()
            .keyRing(ring)
            .clock(
                Clock.offset(
                    clock, dev.jwtsecurity.config.JwtSettings.DEFAULT_LIFETIME.plusMinutes(1)))
            .build();

    IssuedAccessToken token = issuer.issue(AccessTokenClaims.forSubject("alice").build());

    assertThatThrownBy(() -> validator.validate(token.value()))
        .isInstanceOfSatisfying(
            InvalidTokenException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidTokenException.Reason.EXPIRED));
  }
}
