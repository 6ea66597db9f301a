package dev.jwtsecurity.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.testing.ManualClock;
import dev.jwtsecurity.testing.TestSecurity;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The starter in a real Spring Boot application on a free port, with the application's own filter
 * chain made with the one-line {@link JwtSecurityConfigurer}: what Spring Security sees, and what
 * the client gets, over HTTP.
 */
@SpringBootTest(
    classes = TestApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      TestApp.PROPERTIES_SECRET,
      "jwt-security.access-token-expire-minutes=5",
      "jwt-security.endpoints.enabled=true",
      "jwt-security.web.cookie-mode=true",
      "jwt-security.web.unsafe-allow-plain-http-on-loopback=true"
    })
@Import(StarterHttpTest.OwnChain.class)
class StarterHttpTest {

  private static final String UNAUTHORIZED =
      "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401}";
  private static final String FORBIDDEN =
      "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403}";

  /** The application's own chain: URL rules, and jwt-security in one line. */
  @TestConfiguration
  static class OwnChain {
    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
      return http.authorizeHttpRequests(
              a ->
                  a.requestMatchers("/public/**", "/api/auth/login", "/api/auth/refresh")
                      .permitAll()
                      .requestMatchers("/api/admin/**")
                      .hasRole("admin")
                      .anyRequest()
                      .authenticated())
          .csrf(c -> c.ignoringRequestMatchers("/public/**"))
          .with(JwtSecurityConfigurer.jwtSecurity(), Customizer.withDefaults())
          .build();
    }
  }

  @LocalServerPort int port;
  @Autowired TestApp app;
  @Autowired Clock clock;
  private Http http;

  @BeforeEach
  void client() {
    http = new Http(port);
  }

  private String token(String user) {
    Http.Answer login = http.login(user, TestSecurity.PASSWORD);
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    return login.json("access_token");
  }

  @Test
  void protectedPath_withoutToken_answers401WithGenericBodyAndBareChallenge() {
    Http.Answer a = http.send("GET", "/api/me", null);

    assertThat(a.status()).isEqualTo(401);
    assertThat(a.body()).isEqualTo(UNAUTHORIZED);
    assertThat(a.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"api\"");
    assertThat(a.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void protectedPath_invalidToken_answers401InvalidToken() {
    Http.Answer a = http.get("/api/me", "eyJhbGciOiJIUzI1NiJ9.e30.c2ln");

    assertThat(a.status()).isEqualTo(401);
    assertThat(a.body()).isEqualTo(UNAUTHORIZED);
    assertThat(a.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
  }

  @Test
  void authenticationPrincipal_validToken_isTheTokensUser() {
    Http.Answer a = http.get("/api/me", token("bob"));

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body()).isEqualTo("bob");
    assertThat(a.header("Cache-Control")).contains("no-store");
  }

  @Test
  void urlRuleHasRole_adminAllowedUserRefusedWithGeneric403() {
    assertThat(http.get("/api/admin/stats", token("alice")).body()).isEqualTo("stats");

    app.events.clear();
    Http.Answer refused = http.get("/api/admin/stats", token("bob"));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body()).isEqualTo(FORBIDDEN);
    assertThat(app.events)
        .anySatisfy(
            e -> {
              assertThat(e.type()).isEqualTo(SecurityEventType.AUTHZ_FAIL);
              assertThat(e.userId()).isEqualTo("bob");
            });
  }

  @Test
  void preAuthorizeScope_scopeHolderAllowedOtherRefused() {
    assertThat(http.get("/api/todos", token("alice")).status()).isEqualTo(200);
    Http.Answer refused = http.get("/api/todos", token("bob"));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body()).isEqualTo(FORBIDDEN);
  }

  @Test
  void permitAllPath_withoutToken_passesAndInvalidTokenStillRefused() {
    assertThat(http.send("GET", "/public/hello", null).body()).isEqualTo("hello");
    assertThat(http.get("/public/hello", "not-a-token").status()).isEqualTo(401);
  }

  @Test
  void headers_springsPlusLibrarysAbsentOnes_onEveryAnswer() {
    for (Http.Answer a :
        new Http.Answer[] {http.send("GET", "/api/me", null), http.get("/api/me", token("bob"))}) {
      assertThat(a.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(a.header("X-Frame-Options")).isEqualTo("DENY");
      assertThat(a.header("X-XSS-Protection")).isEqualTo("0");
      assertThat(a.header("Content-Security-Policy"))
          .isEqualTo("default-src 'none'; frame-ancestors 'none'");
      assertThat(a.header("Referrer-Policy")).isEqualTo("no-referrer");
      assertThat(a.header("Strict-Transport-Security")).as("plain HTTP").isNull();
      assertThat(a.headers().allValues("X-Frame-Options")).hasSize(1);
    }
  }

  @Test
  void login_repeatedFailures_answers429WithRetryAfter() {
    for (int i = 0; i < 5; i++) {
      assertThat(http.login("alice", "wrong-password-" + i).status()).isEqualTo(401);
    }
    Http.Answer throttled = http.login("alice", TestSecurity.PASSWORD);

    assertThat(throttled.status()).isEqualTo(429);
    assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 60L);
    assertThat(throttled.body())
        .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429}");
    ((ManualClock) clock).advance(Duration.ofMinutes(2));
  }

  @Test
  void refresh_rotatesAndReuseRevokesTheFamily() {
    Http.Answer login = http.login("bob", TestSecurity.PASSWORD);
    String rt1 = login.json("refresh_token");
    Http.Answer second =
        http.send("POST", "/api/auth/refresh", "{\"refresh_token\":\"" + rt1 + "\"}");
    assertThat(second.status()).isEqualTo(200);
    String rt2 = second.json("refresh_token");
    assertThat(rt2).isNotEqualTo(rt1).startsWith("rt1.");

    ((ManualClock) clock).advance(Duration.ofSeconds(6)); // past the grace window
    Http.Answer replay =
        http.send("POST", "/api/auth/refresh", "{\"refresh_token\":\"" + rt1 + "\"}");
    Http.Answer successor =
        http.send("POST", "/api/auth/refresh", "{\"refresh_token\":\"" + rt2 + "\"}");

    assertThat(replay.status()).isEqualTo(401);
    assertThat(replay.body()).isEqualTo(UNAUTHORIZED);
    assertThat(successor.status()).as("the family is revoked").isEqualTo(401);
    assertThat(app.events).anyMatch(e -> e.type() == SecurityEventType.AUTHN_TOKEN_REUSE);
  }

  @Test
  void cookieMode_writesNeedTheCsrfTokenAndSameOrigin() {
    Http.Answer login = http.login("bob", TestSecurity.PASSWORD, "X-Auth-Mode", "cookie");
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.body()).doesNotContain("access_token");
    String cookies =
        "__Host-access_token="
            + login.cookie("__Host-access_token")
            + "; __Host-csrf="
            + login.cookie("__Host-csrf");
    String csrf = login.cookie("__Host-csrf");
    String origin = http.base().toString();

    assertThat(http.send("GET", "/api/me", null, "Cookie", cookies).body()).isEqualTo("bob");
    Http.Answer noCsrf = http.send("POST", "/api/todos", "{}", "Cookie", cookies, "Origin", origin);
    Http.Answer crossSite =
        http.send(
            "POST",
            "/api/todos",
            "{}",
            "Cookie",
            cookies,
            "X-CSRF-Token",
            csrf,
            "Origin",
            "https://evil.example");
    Http.Answer ok =
        http.send(
            "POST", "/api/todos", "{}", "Cookie", cookies, "X-CSRF-Token", csrf, "Origin", origin);

    assertThat(noCsrf.status()).isEqualTo(403);
    assertThat(noCsrf.body()).isEqualTo(FORBIDDEN);
    assertThat(crossSite.status()).isEqualTo(403);
    assertThat(ok.status()).as("Spring's own CSRF filter does not refuse it twice").isEqualTo(200);
    assertThat(ok.body()).isEqualTo("created by bob");
  }

  @Test
  void logout_endsTheAccessToken() {
    String token = token("bob");
    Http.Answer out =
        http.send("POST", "/api/auth/logout", null, "Authorization", "Bearer " + token);

    assertThat(out.status()).isEqualTo(204);
    assertThat(http.get("/api/me", token).status()).isEqualTo(401);
    assertThat(http.send("POST", "/api/auth/logout", null).status()).isEqualTo(401);
  }
}
