package dev.jwtsecurity.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.token.AccessTokenValidator;
import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.JwtKey;
import dev.jwtsecurity.token.KeyRing;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenAuthenticatorBuilderTest {

  private final AccessTokenValidator validator =
      AccessTokenValidator.builder()
          .keyRing(
              KeyRing.of(
                  JwtKey.hmac(
                      "k1",
                      Algorithm.HS256,
                      "k7Qp2vX9mR4tY8wZ1cF6hJ3nB5sD0gL7aE2uI9oP4xV6"
                          .getBytes(StandardCharsets.US_ASCII))))
          .build();

  @Test
  void build_withoutValidator_throwsIllegalState() {
    assertThatThrownBy(() -> TokenAuthenticator.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("validator");
  }

  @Test
  void build_statusCacheOptionsWithoutDirectory_throwsIllegalState() {
    assertThatThrownBy(
            () ->
                TokenAuthenticator.builder()
                    .validator(validator)
                    .statusCacheTtl(Duration.ofSeconds(5))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("userDirectory");
    assertThatThrownBy(
            () -> TokenAuthenticator.builder().validator(validator).statusCacheSize(10).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("userDirectory");
  }

  @Test
  void statusCacheTtl_outOfRange_throwsIllegalArgument() {
    TokenAuthenticator.Builder b = TokenAuthenticator.builder();
    assertThatThrownBy(() -> b.statusCacheTtl(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.statusCacheTtl(Duration.ofSeconds(301)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("300");
    assertThatThrownBy(() -> b.statusCacheTtl(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void statusCacheSize_outOfRange_throwsIllegalArgument() {
    TokenAuthenticator.Builder b = TokenAuthenticator.builder();
    assertThatThrownBy(() -> b.statusCacheSize(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.statusCacheSize(10_000_001))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void setters_null_throwNullPointer() {
    TokenAuthenticator.Builder b = TokenAuthenticator.builder();
    assertThatThrownBy(() -> b.validator(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.events(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.clock(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.denylist(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.userDirectory(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void build_calledTwice_givesTwoWorkingAuthenticators() {
    TokenAuthenticator.Builder b =
        TokenAuthenticator.builder().validator(validator).userDirectory(id -> UserStatus.active());
    assertThat(b.build()).isNotSameAs(b.build());
  }

  @Test
  void userStatus_inconsistentComponents_throwIllegalArgument() {
    assertThatThrownBy(() -> new UserStatus(UserStatus.State.ACTIVE, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new UserStatus(UserStatus.State.INACTIVE, java.time.Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
