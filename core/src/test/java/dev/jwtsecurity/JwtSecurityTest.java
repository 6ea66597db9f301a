package dev.jwtsecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.config.InsecureConfigurationException;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.config.Secret;
import dev.jwtsecurity.token.AccessTokenClaims;
import dev.jwtsecurity.token.AccessTokenIssuer;
import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.InvalidTokenException;
import dev.jwtsecurity.token.IssuedAccessToken;
import dev.jwtsecurity.token.JwtKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwtSecurityTest {

  private static final String SECRET = "Zr8Kq3Xv0bN7mW2pL9cT5yH1sD6fJ4gA8eU3iO7kQ2x";
  private static final String SECRET_2 = "Vt4Wn9Lm2Qx7Rb5Kc8Jp3Zd6Hs1Fg0Ya7Ue2Io9Mk4";
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void fromEnvironment_threeLines_issueAndAuthenticate() throws Exception {
    JwtSecurity security =
        JwtSecurity.fromEnvironment(Map.of("JWT_SECRET_KEY", SECRET, "JWT_ENVIRONMENT", "test"));
    AccessTokenIssuer issuer = security.settings().issuerBuilder(security.keyRing()).build();
    IssuedAccessToken token =
        issuer.issue(AccessTokenClaims.forSubject("alice").roles("user").build());
    Authentication auth =
        security
            .authenticator()
            .authenticate(token.value(), RequestContext.of("10.0.0.1", "ua", "r1"));
    assertThat(auth.user().userId()).isEqualTo("alice");
    assertThat(auth.user().roles()).containsExactly("user");
  }

  @Test
  void builder_events_refusalReported() {
    List<SecurityEvent> events = new ArrayList<>();
    JwtSecurity security =
        JwtSecurity.builder(JwtSettings.builder().secret(Secret.ofUtf8(SECRET)).build())
            .clock(clock)
            .random(new SecureRandom())
            .events(events::add)
            .build();
    assertThatThrownBy(
            () ->
                security
                    .authenticator()
                    .authenticate("x.y.z", RequestContext.of("10.0.0.1", "ua", "r")))
        .isInstanceOf(InvalidTokenException.class);
    assertThat(events).hasSize(1);
  }

  @Test
  void keyRing_rotated_issuerAndValidatorFollow() throws Exception {
    JwtSecurity security =
        JwtSecurity.builder(JwtSettings.builder().secret(Secret.ofUtf8(SECRET)).build())
            .clock(clock)
            .build();
    AccessTokenIssuer issuer =
        security.settings().issuerBuilder(security.keyRing()).clock(clock).build();
    IssuedAccessToken before = issuer.issue(AccessTokenClaims.forSubject("a").build());
    security
        .keyRing()
        .rotateTo(JwtKey.hmac("next", Algorithm.HS256, SECRET_2.getBytes(StandardCharsets.UTF_8)));
    IssuedAccessToken after = issuer.issue(AccessTokenClaims.forSubject("b").build());
    RequestContext ctx = RequestContext.UNKNOWN;
    assertThat(security.authenticate(before.value(), ctx).user().userId()).isEqualTo("a");
    assertThat(security.authenticate(after.value(), ctx).user().userId()).isEqualTo("b");
  }

  @Test
  void fromEnvironment_weakSecret_refused() {
    assertThatThrownBy(() -> JwtSecurity.fromEnvironment(Map.of("JWT_SECRET_KEY", "changeme")))
        .isInstanceOf(InsecureConfigurationException.class);
  }

  @Test
  void build_startupLog_showsEnvironmentAndFingerprintButNeverTheSecret() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    JwtSecurity security;
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      security =
          JwtSecurity.fromEnvironment(
              Map.of(
                  "JWT_SECRET_KEY",
                  SECRET,
                  "JWT_ENVIRONMENT",
                  "staging",
                  "JWT_PREVIOUS_SECRET_KEYS",
                  "old:" + SECRET_2));
      JwtSecurity.fromEnvironment(Map.of("JWT_SECRET_KEY", SECRET));
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log)
        .contains("environment=staging")
        .contains(security.settings().keyFingerprint())
        .contains("JWT_ENVIRONMENT is not set");
    assertThat(log)
        .doesNotContain(SECRET)
        .doesNotContain(SECRET_2)
        .doesNotContain(SECRET.substring(0, 12))
        .doesNotContain(SECRET_2.substring(0, 12));
    assertThat(security.toString()).doesNotContain(SECRET);
  }

  @Test
  void fromEnvironment_misspeltVariable_warnsWithNameButNotValue() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      JwtSettings.fromEnvironment(
          Map.of(
              "JWT_SECRET_KEY",
              SECRET,
              "JWT_ACCESS_TOKEN_EXPIRE_MINUTE",
              "600",
              "JWT_SECRET",
              SECRET_2));
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log)
        .contains("JWT_ACCESS_TOKEN_EXPIRE_MINUTE")
        .contains("JWT_SECRET]")
        .doesNotContain("600")
        .doesNotContain(SECRET)
        .doesNotContain(SECRET_2);
  }

  @Test
  void fromEnvironment_servletAdaptersCsrfKey_notReportedAsUnknown() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      JwtSettings.fromEnvironment(
          Map.of("JWT_SECRET_KEY", SECRET, "JWT_CSRF_KEY", SECRET_2, "JWT_CSRF_KEYS", "x"));
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log)
        .as("a near miss of it still is")
        .contains("unknown environment variables [JWT_CSRF_KEYS]")
        .doesNotContain(SECRET_2);
  }
}
