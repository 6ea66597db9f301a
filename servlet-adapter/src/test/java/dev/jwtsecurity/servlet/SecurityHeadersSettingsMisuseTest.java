package dev.jwtsecurity.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.audit.SecurityEventListener;
import org.junit.jupiter.api.Test;

class SecurityHeadersSettingsMisuseTest {

  @Test
  void defaults_areTheDocumentedOnes() {
    SecurityHeadersSettings s = SecurityHeadersSettings.builder().build();
    assertThat(s.headers())
        .containsEntry("X-Content-Type-Options", "nosniff")
        .containsEntry("X-Frame-Options", "DENY")
        .containsEntry("X-XSS-Protection", "0")
        .containsEntry("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
        .containsEntry("Referrer-Policy", "no-referrer");
    assertThat(s.hsts()).isEqualTo("max-age=31536000; includeSubDomains");
    assertThat(s.allowPlainHttpOnLoopback()).isFalse();
    assertThat(s.plainHttp()).isEqualTo(SecurityHeadersSettings.PlainHttp.REFUSE);
    assertThat(s.events()).hasSameClassAs(SecurityEventListener.securityLog());
  }

  @Test
  void responseHeaders_forContainerErrors_areTheFiltersHeadersWithHstsOnlyWhenSecure() {
    SecurityHeadersFilter f =
        new SecurityHeadersFilter(
            SecurityHeadersSettings.builder()
                .header("Permissions-Policy", "camera=()")
                .strictTransportSecurity("max-age=60")
                .build());
    assertThat(f.responseHeaders(false))
        .containsEntry("X-Content-Type-Options", "nosniff")
        .containsEntry("Permissions-Policy", "camera=()")
        .doesNotContainKey("Strict-Transport-Security");
    assertThat(f.responseHeaders(true))
        .containsAllEntriesOf(f.responseHeaders(false))
        .containsEntry("Strict-Transport-Security", "max-age=60")
        .hasSize(f.responseHeaders(false).size() + 1);
    assertThatThrownBy(() -> new SecurityHeadersFilter().responseHeaders(false))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void setters_calledTwice_failFastNamingTheSetting() {
    assertThatThrownBy(() -> SecurityHeadersSettings.builder().events(e -> {}).events(e -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("events was already set");
    assertThatThrownBy(
            () ->
                SecurityHeadersSettings.builder()
                    .strictTransportSecurity("max-age=60")
                    .strictTransportSecurity("max-age=120"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("strictTransportSecurity");
    assertThatThrownBy(
            () -> SecurityHeadersSettings.builder().redirectPlainHttp().redirectPlainHttp())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                SecurityHeadersSettings.builder()
                    .unsafeAllowPlainHttpOnLoopback()
                    .unsafeAllowPlainHttpOnLoopback())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void header_guideValueForXssProtection_available() {
    assertThat(
            SecurityHeadersSettings.builder()
                .header("X-XSS-Protection", "1; mode=block")
                .build()
                .headers())
        .containsEntry("X-XSS-Protection", "1; mode=block");
  }

  @Test
  void header_crlfInValueOrBadName_rejected() {
    assertThatThrownBy(() -> SecurityHeadersSettings.builder().header("X-A", "a\r\nSet-Cookie: x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SecurityHeadersSettings.builder().header("X A", "a"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hsts_cannotBeRemovedAndNeedsMaxAge() {
    assertThatThrownBy(
            () -> SecurityHeadersSettings.builder().withoutHeader("Strict-Transport-Security"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HTTPS");
    assertThatThrownBy(
            () -> SecurityHeadersSettings.builder().strictTransportSecurity("includeSubDomains"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max-age");
  }

  @Test
  void withoutHeader_unknown_rejected() {
    assertThatThrownBy(() -> SecurityHeadersSettings.builder().withoutHeader("X-Unknown"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(SecurityHeadersSettings.builder().withoutHeader("x-frame-options").build().headers())
        .doesNotContainKey("X-Frame-Options");
  }
}
