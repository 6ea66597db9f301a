package dev.jwtsecurity.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.token.AccessTokenIssuer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenPairServiceBuilderTest {

  private final Fixture f = new Fixture();

  @Test
  void build_withoutIssuer_throwsIllegalState() {
    assertThatThrownBy(() -> TokenPairService.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("issuer(AccessTokenIssuer)");
  }

  @Test
  void build_onlyIssuer_usesSafeDefaults() {
    TokenPairService service = TokenPairService.builder().issuer(f.issuer).build();

    IssuedRefreshToken rt =
        service.login("alice", RequestContext.UNKNOWN).refreshToken().orElseThrow();

    assertThat(Duration.between(rt.issuedAt(), rt.expiresAt()))
        .isEqualTo(TokenPairService.DEFAULT_IDLE_TIMEOUT);
  }

  @Test
  void reuseGraceWindow_outOfRange_throwsIllegalArgument() {
    TokenPairService.Builder b = TokenPairService.builder();
    assertThatThrownBy(() -> b.reuseGraceWindow(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.reuseGraceWindow(Duration.ofSeconds(61)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reuseGraceWindow");
    b.reuseGraceWindow(Duration.ZERO);
    b.reuseGraceWindow(TokenPairService.MAX_REUSE_GRACE);
  }

  @Test
  void lifetimes_outOfRange_throwIllegalArgument() {
    TokenPairService.Builder b = TokenPairService.builder();
    assertThatThrownBy(() -> b.idleTimeout(Duration.ofSeconds(59)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.idleTimeout(Duration.ofDays(91)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.absoluteLifetime(Duration.ofSeconds(59)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.absoluteLifetime(Duration.ofDays(366)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.idleTimeout(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void build_idleLongerThanAbsolute_throwsIllegalState() {
    assertThatThrownBy(
            () ->
                TokenPairService.builder()
                    .issuer(f.issuer)
                    .idleTimeout(Duration.ofDays(10))
                    .absoluteLifetime(Duration.ofDays(5))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("absoluteLifetime");
  }

  @Test
  void build_idleShorterThanAccessTokenLifetime_throwsIllegalState() {
    AccessTokenIssuer issuer =
        AccessTokenIssuer.builder().keyRing(f.ring).lifetime(Duration.ofMinutes(30)).build();

    assertThatThrownBy(
            () ->
                TokenPairService.builder()
                    .issuer(issuer)
                    .idleTimeout(Duration.ofMinutes(10))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("access-token lifetime");
  }

  @Test
  void setters_null_throwNullPointer() {
    TokenPairService.Builder b = TokenPairService.builder();
    assertThatThrownBy(() -> b.issuer(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.store(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.clock(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.random(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.events(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.userDirectory(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.claims(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.denylist(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void login_emptyOrNullUser_throws() {
    TokenPairService service = f.service().build();
    assertThatThrownBy(() -> service.login("", RequestContext.UNKNOWN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> service.login(null, RequestContext.UNKNOWN))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> service.login("alice", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> service.logoutEverywhere("", RequestContext.UNKNOWN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
