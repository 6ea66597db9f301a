package dev.jwtsecurity.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.access.TokenAuthenticator;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.config.Secret;
import org.junit.jupiter.api.Test;

class JwtAuthenticationSettingsMisuseTest {

  static TokenAuthenticator authenticator() {
    return JwtSecurity.builder(
            JwtSettings.builder()
                .secret(Secret.ofUtf8("k7Qp2vX9mR4tY8wZ1cF6hJ3nB5sD0gL7aE2uI9oP4xV6"))
                .build())
        .build()
        .authenticator();
  }

  @Test
  void build_withoutAuthenticator_failsWithHint() {
    assertThatThrownBy(() -> JwtAuthenticationSettings.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("TokenAuthenticator");
  }

  @Test
  void build_loginPathsWithoutThrottle_fails() {
    assertThatThrownBy(
            () ->
                JwtAuthenticationSettings.builder()
                    .authenticator(authenticator())
                    .loginPaths("/login")
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("loginThrottle");
  }

  @Test
  void realm_withQuoteOrControl_rejected() {
    for (String bad : new String[] {"", "a\"b", "a\\b", "a\r\nb", "x".repeat(65), "caf\u00e9"}) {
      assertThatThrownBy(() -> JwtAuthenticationSettings.builder().realm(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void paths_invalidPattern_rejected() {
    assertThatThrownBy(() -> JwtAuthenticationSettings.builder().publicPaths("/a/*/b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JwtAuthenticationSettings.builder().loginPaths("login"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void allowedOrigins_withPathOrOtherScheme_rejected() {
    for (String bad :
        new String[] {
          "https://a.example/x", "ftp://a.example", "a.example", "https://u@a.example"
        }) {
      assertThatThrownBy(() -> JwtAuthenticationSettings.builder().allowedOrigins(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(CsrfDefence.normalizeOrigin("HTTPS://App.Example:443"))
        .isEqualTo("https://app.example");
    assertThat(CsrfDefence.normalizeOrigin("null")).isNull();
  }

  @Test
  void setters_calledTwice_failFastNamingTheSetting() {
    TokenAuthenticator a = authenticator();
    assertThatThrownBy(() -> JwtAuthenticationSettings.builder().authenticator(a).authenticator(a))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("authenticator was already set");
    assertThatThrownBy(() -> JwtAuthenticationSettings.builder().events(e -> {}).events(e -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("events");
    assertThatThrownBy(() -> JwtAuthenticationSettings.builder().realm("a").realm("b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("realm");
    assertThatThrownBy(
            () -> JwtAuthenticationSettings.builder().maxTokenLength(4096).maxTokenLength(8192))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("maxTokenLength");
    TokenCookies cookies = TokenCookies.builder().build();
    assertThatThrownBy(() -> JwtAuthenticationSettings.builder().cookies(cookies).cookies(cookies))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cookies");
  }

  @Test
  void events_notSet_defaultsToTheSlf4jSecurityLogNeverNone() {
    JwtAuthenticationSettings s =
        JwtAuthenticationSettings.builder().authenticator(authenticator()).build();

    assertThat(s.events()).hasSameClassAs(SecurityEventListener.securityLog());
  }

  @Test
  void maxTokenLength_outOfRange_rejected() {
    assertThatThrownBy(() -> JwtAuthenticationSettings.builder().maxTokenLength(10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void filter_nullSettings_rejected() {
    assertThatThrownBy(() -> new JwtAuthenticationFilter(null))
        .isInstanceOf(NullPointerException.class);
  }
}
