package dev.jwtsecurity.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsecurity.testing.LogCapture;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Filters configured without a listener still record every refusal: in the SLF4J security log,
 * never nowhere.
 */
class DefaultSecurityLogTest {

  private static final String SECURITY_LOGGER = "dev.jwtsecurity.security";

  @Test
  void authenticationFilter_noListenerConfigured_refusalInTheSecurityLog() throws Exception {
    JwtAuthenticationFilter filter =
        new JwtAuthenticationFilter(
            JwtAuthenticationSettings.builder()
                .authenticator(JwtAuthenticationSettingsMisuseTest.authenticator())
                .build());
    FakeHttp.Response response = new FakeHttp.Response();
    int mark = LogCapture.global().size();

    filter.doFilter(
        new FakeHttp.Request("GET", "/api/me")
            .header("Authorization", "Bearer a.b.c")
            .header("Authorization", "Bearer d.e.f")
            .build(),
        response.build(),
        new FakeHttp.Chain());

    assertThat(response.status).isEqualTo(400);
    assertThat(securityLines(mark))
        .singleElement()
        .asString()
        .contains("input_validation_fail")
        .contains(RefusalReason.MULTIPLE_AUTHORIZATION_HEADERS.name());
  }

  @Test
  void headersFilter_noListenerConfigured_plainHttpRefusalInTheSecurityLog() throws Exception {
    SecurityHeadersFilter filter =
        new SecurityHeadersFilter(SecurityHeadersSettings.builder().build());
    FakeHttp.Response response = new FakeHttp.Response();
    int mark = LogCapture.global().size();

    filter.doFilter(
        new FakeHttp.Request("GET", "/api/me")
            .plainHttp("app.example", 80)
            .remoteAddr("192.0.2.7")
            .build(),
        response.build(),
        new FakeHttp.Chain());

    assertThat(response.status).isEqualTo(403);
    assertThat(securityLines(mark))
        .singleElement()
        .asString()
        .contains(RefusalReason.PLAIN_HTTP.name())
        .contains("192.0.2.7");
  }

  private static List<String> securityLines(int mark) {
    return LogCapture.global().linesSince(mark).stream()
        .filter(l -> l.contains(SECURITY_LOGGER))
        .toList();
  }
}
