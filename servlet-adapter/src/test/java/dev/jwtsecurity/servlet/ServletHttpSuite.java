package dev.jwtsecurity.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.access.TokenAuthenticator;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.config.Secret;
import dev.jwtsecurity.testing.Secrets;
import dev.jwtsecurity.token.AccessTokenClaims;
import dev.jwtsecurity.token.AccessTokenIssuer;
import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.IssuedAccessToken;
import dev.jwtsecurity.token.JwtKey;
import dev.jwtsecurity.token.KeyRing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The HTTP suite, run unchanged against every container (one subclass per container). Everything
 * goes over real sockets with a raw client, so duplicate headers, CR/LF and oversized headers reach
 * the container as sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServletHttpSuite {

  private static final byte[] SECRET =
      Secrets.registerBytes(
          "k7Qp2vX9mR4tY8wZ1cF6hJ3nB5sD0gL7aE2uI9oP4xV6".getBytes(StandardCharsets.US_ASCII));
  private static final byte[] OTHER_SECRET =
      Secrets.registerBytes(
          "Zq8wN3rT6yU1iO4pA7sD2fG5hJ9kL0xC3vB6nM1qW4eR".getBytes(StandardCharsets.US_ASCII));
  private static final String ISSUER = "https://issuer.test";

  private final KeyRing ring = KeyRing.of(JwtKey.hmac("k1", Algorithm.HS256, SECRET));
  private final AccessTokenIssuer issuer =
      AccessTokenIssuer.builder().keyRing(ring).issuer(ISSUER).build();
  final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
  private final CountingGate throttle = new CountingGate();
  private final TokenCookies cookies = TokenCookies.builder().build();
  private EmbeddedContainer container;

  /** Allows three failed logins per (address, user agent), then asks the client to wait 42.5 s. */
  static final class CountingGate implements LoginThrottleGate {
    final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

    @Override
    public Optional<Duration> retryAfter(RequestContext request) {
      AtomicInteger n = failures.get(request.clientAddress() + "|" + request.userAgent());
      return n != null && n.get() >= 3 ? Optional.of(Duration.ofMillis(42_500)) : Optional.empty();
    }

    @Override
    public void record(RequestContext request, boolean success) {
      String key = request.clientAddress() + "|" + request.userAgent();
      if (success) {
        failures.remove(key);
      } else {
        failures.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      }
    }
  }

  abstract EmbeddedContainer.Factory factory();

  @BeforeAll
  void startContainer() throws Exception {
    TokenAuthenticator authenticator =
        JwtSecurity.builder(
                JwtSettings.builder().secret(Secret.of(SECRET)).keyId("k1").issuer(ISSUER).build())
            .events(events::add)
            .build()
            .authenticator();
    JwtAuthenticationFilter main =
        new JwtAuthenticationFilter(
            JwtAuthenticationSettings.builder()
                .authenticator(authenticator)
                .events(events::add)
                .realm("test")
                .publicPaths("/public/*")
                .loginPaths("/api/auth/login")
                .loginThrottle(throttle)
                .cookies(cookies)
                .build());
    SecurityHeadersFilter mainHeaders =
        new SecurityHeadersFilter(
            SecurityHeadersSettings.builder()
                .unsafeAllowPlainHttpOnLoopback()
                .events(events::add)
                .build());
    SecurityHeadersFilter proxiedHeaders =
        new SecurityHeadersFilter(
            SecurityHeadersSettings.builder()
                .trustedProxies("127.0.0.1/32", "10.0.0.0/8")
                .events(events::add)
                .build());
    JwtAuthenticationFilter proxied =
        new JwtAuthenticationFilter(
            JwtAuthenticationSettings.builder()
                .authenticator(authenticator)
                .events(events::add)
                .publicPaths("/proxied/public/*")
                .build());
    SecurityHeadersFilter untrustedHeaders =
        new SecurityHeadersFilter(
            SecurityHeadersSettings.builder().unsafeAllowPlainHttpOnLoopback().build());
    container =
        factory()
            .start(
                List.of(
                    new EmbeddedContainer.FilterMapping(
                        "headers", mainHeaders, List.of("/api/*", "/public/*")),
                    new EmbeddedContainer.FilterMapping(
                        "jwt", main, List.of("/api/*", "/public/*")),
                    new EmbeddedContainer.FilterMapping(
                        "proxied-headers", proxiedHeaders, List.of("/proxied/*")),
                    new EmbeddedContainer.FilterMapping(
                        "proxied-jwt", proxied, List.of("/proxied/*")),
                    new EmbeddedContainer.FilterMapping(
                        "untrusted-headers", untrustedHeaders, List.of("/untrusted/*"))),
                new TestApp(issuer));
  }

  @AfterAll
  void stopContainer() throws Exception {
    if (container != null) {
      container.stop();
    }
  }

  @BeforeEach
  void clearEvents() {
    events.clear();
  }

  // ---- helpers
  // -------------------------------------------------------------------------------------------------

  static RawHttp.Request request(String method, String target) {
    return new RawHttp.Request(method, target);
  }

  RawHttp.Response send(RawHttp.Request r) throws IOException {
    return RawHttp.send(container.httpPort(), false, r);
  }

  RawHttp.Response sendTls(RawHttp.Request r) throws IOException {
    return RawHttp.send(container.httpsPort(), true, r);
  }

  RawHttp.Response get(String path, String... headerPairs) throws IOException {
    RawHttp.Request r = request("GET", path);
    for (int i = 0; i < headerPairs.length; i += 2) {
      r.header(headerPairs[i], headerPairs[i + 1]);
    }
    return send(r);
  }

  IssuedAccessToken token(String... roles) {
    IssuedAccessToken t = issuer.issue(AccessTokenClaims.forSubject("alice").roles(roles).build());
    Secrets.register(t.value());
    return t;
  }

  String expiredToken() {
    AccessTokenIssuer old =
        AccessTokenIssuer.builder()
            .keyRing(ring)
            .issuer(ISSUER)
            .clock(Clock.offset(Clock.systemUTC(), Duration.ofHours(-3)))
            .build();
    return Secrets.register(old.issue(AccessTokenClaims.forSubject("alice").build()).value());
  }

  String foreignToken() {
    return Secrets.register(
        AccessTokenIssuer.builder()
            .keyRing(KeyRing.of(JwtKey.hmac("k1", Algorithm.HS256, OTHER_SECRET)))
            .issuer(ISSUER)
            .build()
            .issue(AccessTokenClaims.forSubject("alice").build())
            .value());
  }

  String csrfFor(IssuedAccessToken t) {
    return cookies.csrfToken(t.tokenId());
  }

  String cookieHeader(IssuedAccessToken t) {
    return TokenCookies.ACCESS_COOKIE
        + "="
        + t.value()
        + "; "
        + TokenCookies.CSRF_COOKIE
        + "="
        + csrfFor(t);
  }

  String ownOrigin() {
    return "http://127.0.0.1:" + container.httpPort();
  }

  static void assertNoStackTrace(RawHttp.Response r) {
    String text = r.raw();
    assertThat(text)
        .doesNotContain("Exception")
        .doesNotContain("\tat ")
        .doesNotContain("at dev.jwtsecurity")
        .as("never echoes a token")
        .doesNotContain("eyJ");
  }

  List<String> reasons() {
    return events.stream().map(SecurityEvent::reason).toList();
  }

  // ---- bearer header
  // ---------------------------------------------------------------------------------------------

  @Test
  void bearerHeader_validToken_servletSeesPrincipalAndRoles() throws IOException {
    IssuedAccessToken t = token("user");
    RawHttp.Response r = get("/api/me", "Authorization", "Bearer " + t.value());

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText())
        .isEqualTo(
            "method=GET user=alice principal=alice admin=false user-role=true authType=BEARER jti="
                + t.tokenId());
    assertThat(r.header("Cache-Control")).contains("no-store");
  }

  @Test
  void bearerHeader_lowercaseAndUppercaseScheme_accepted() throws IOException {
    String v = token("user").value();
    assertThat(get("/api/me", "Authorization", "bearer " + v).status()).isEqualTo(200);
    assertThat(get("/api/me", "Authorization", "BEARER " + v).status()).isEqualTo(200);
  }

  @Test
  void bearerHeader_invalidTokens_401InvalidTokenWithIdenticalBodies() throws IOException {
    List<String> bad =
        List.of(
            expiredToken(),
            foreignToken(),
            "abc.def.ghi",
            "x",
            token().value() + "x",
            "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.");
    Set<String> bodies = new HashSet<>();
    for (String value : bad) {
      RawHttp.Response r = get("/api/me", "Authorization", "Bearer " + value);
      assertThat(r.status()).as(value).isEqualTo(401);
      assertThat(r.headers("WWW-Authenticate"))
          .containsExactly("Bearer realm=\"test\", error=\"invalid_token\"");
      assertThat(r.header("Content-Type"))
          .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
      assertThat(r.header("Cache-Control")).contains("no-store");
      bodies.add(r.comparable());
    }
    assertThat(bodies).hasSize(1);
    assertThat(bodies.iterator().next())
        .endsWith("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401}");
    assertThat(events)
        .extracting(SecurityEvent::type)
        .hasSize(bad.size())
        .containsOnly(SecurityEventType.AUTHN_TOKEN_INVALID);
    assertThat(reasons()).contains("EXPIRED", "BAD_SIGNATURE", "MALFORMED");
  }

  @Test
  void noToken_401WithoutErrorCodeAndSameBody() throws IOException {
    RawHttp.Response missing = get("/api/me");
    RawHttp.Response invalid = get("/api/me", "Authorization", "Bearer abc.def.ghi");

    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.headers("WWW-Authenticate")).containsExactly("Bearer realm=\"test\"");
    assertThat(missing.body()).isEqualTo(invalid.body());
    assertThat(missing.header("Cache-Control")).contains("no-store");
  }

  @Test
  void malformedRequests_400InvalidRequestWithIdenticalAnswers() throws IOException {
    IssuedAccessToken t = token();
    List<RawHttp.Request> requests =
        List.of(
            request("GET", "/api/me")
                .header("Authorization", "Bearer " + t.value())
                .header("Authorization", "Bearer " + t.value()),
            request("GET", "/api/me")
                .header("Authorization", "Bearer " + t.value())
                .header("Cookie", TokenCookies.ACCESS_COOKIE + "=" + t.value()),
            request("GET", "/api/me")
                .header(
                    "Cookie",
                    TokenCookies.ACCESS_COOKIE
                        + "="
                        + t.value()
                        + "; "
                        + TokenCookies.ACCESS_COOKIE
                        + "="
                        + t.value()),
            request("GET", "/api/me")
                .header("Cookie", TokenCookies.ACCESS_COOKIE + "=" + t.value())
                .header("Cookie", TokenCookies.ACCESS_COOKIE + "=x"),
            // a quote must not hide the second token cookie
            request("GET", "/api/me")
                .header(
                    "Cookie",
                    "a=\"x; "
                        + TokenCookies.ACCESS_COOKIE
                        + "="
                        + t.value()
                        + "; "
                        + TokenCookies.ACCESS_COOKIE
                        + "="
                        + t.value()
                        + "\""),
            request("GET", "/api/me").header("Authorization", "Bearer"),
            request("GET", "/api/me").header("Authorization", "Bearer  "),
            request("GET", "/api/me").header("Authorization", "Basic YWxpY2U6c2VjcmV0"),
            request("GET", "/api/me").header("Authorization", "Bearer " + t.value() + " extra"),
            request("GET", "/api/me").header("Authorization", "Bearer a\"b"),
            request("GET", "/api/me").header("Authorization", "Bearer=" + t.value()));
    Set<String> answers = new HashSet<>();
    for (RawHttp.Request req : requests) {
      RawHttp.Response r = send(req);
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.headers("WWW-Authenticate"))
          .containsExactly("Bearer realm=\"test\", error=\"invalid_request\"");
      answers.add(r.comparable());
    }
    assertThat(answers).hasSize(1);
    assertThat(reasons())
        .contains(
            RefusalReason.MULTIPLE_AUTHORIZATION_HEADERS.name(),
            RefusalReason.HEADER_AND_COOKIE.name(),
            RefusalReason.MALFORMED_TOKEN_COOKIE.name(),
            RefusalReason.MALFORMED_AUTHORIZATION.name());
  }

  @Test
  void hugeHeader_100KiB_refusedWithoutStackTrace() throws IOException {
    String huge = "a".repeat(100 * 1024);
    RawHttp.Response r = get("/api/me", "Authorization", "Bearer " + huge);
    assertThat(r.status()).isBetween(400, 499);
    assertNoStackTrace(r);

    RawHttp.Response other =
        get("/api/me", "X-Padding", huge, "Authorization", "Bearer " + token("user").value());
    assertThat(other.status()).isNotEqualTo(200);
    assertNoStackTrace(other);
  }

  @Test
  void controlCharactersAndNonAscii_inHeaders_neverAuthenticate() throws IOException {
    String v = token("user").value();
    List<RawHttp.Request> requests =
        List.of(
            request("GET", "/api/me").rawLine("Authorization: Bearer " + v + "\rX-Injected: 1"),
            request("GET", "/api/me")
                .rawLine("Authorization: Bearer " + v.substring(0, 10) + "\n" + v.substring(10)),
            request("GET", "/api/me").rawLine("Authorization: Bearer " + v + "\u0000"),
            request("GET", "/api/me").rawLine("Authorization: Bearer t\u00f6k\u00e9n"),
            request("GET", "/api/me").rawLine("Authorization: B\u00e9arer " + v),
            request("GET", "/api/me")
                .rawLine("Cookie: " + TokenCookies.ACCESS_COOKIE + "=\u00e9" + v));
    for (int i = 0; i < requests.size(); i++) {
      RawHttp.Response r = send(requests.get(i));
      assertThat(r.status()).as("request %d", i).isBetween(400, 401);
      assertNoStackTrace(r);
    }
  }

  @Test
  void obsFoldedAuthorization_refusedOrUnfoldedToTheSameToken() throws IOException {
    // RFC 9112 §5.2: a server either rejects obs-fold or replaces it with spaces. Jetty rejects;
    // Tomcat unfolds, and
    // the filter then sees an ordinary "Bearer <token>" header. Either way nothing is misread.
    RawHttp.Response r =
        send(
            request("GET", "/api/me")
                .rawLine("Authorization: Bearer\r\n " + token("user").value()));
    assertNoStackTrace(r);
    if (r.status() == 200) {
      assertThat(r.bodyText()).contains("user=alice").contains("authType=BEARER");
    } else {
      assertThat(r.status()).isEqualTo(400);
    }
  }

  @Test
  void nonAsciiUserAgent_validToken_authenticated() throws IOException {
    RawHttp.Response ok =
        send(
            request("GET", "/api/me")
                .header("Authorization", "Bearer " + token("user").value())
                .rawLine("User-Agent: caf\u00e9 \u00fcber"));
    assertThat(ok.status()).isEqualTo(200);
  }

  @Test
  void longUserAgent_invalidToken_eventCarriesCappedUserAgent() throws IOException {
    RawHttp.Response r =
        send(
            request("GET", "/api/me")
                .header("Authorization", "Bearer bad.token.here")
                .header("User-Agent", "u".repeat(2000)));
    assertThat(r.status()).isEqualTo(401);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).request().userAgent().length()).isLessThan(300);
    assertThat(events.get(0).request().clientAddress()).isEqualTo("127.0.0.1");
    assertThat(events.get(0).request().requestId()).matches("[0-9a-f]{32}");
  }

  // ---- public paths and path tricks
  // --------------------------------------------------------------------------------

  @Test
  void publicPath_noOrGarbageToken_passesUntouched() throws IOException {
    RawHttp.Response plain = get("/public/info");
    RawHttp.Response garbage = get("/public/info", "Authorization", "Bearer !!!");

    assertThat(plain.status()).isEqualTo(200);
    assertThat(plain.bodyText()).contains("user=null principal=null").contains("authType=null");
    assertThat(garbage.status()).isEqualTo(200);
    assertThat(events).isEmpty();
  }

  @Test
  void pathTricks_towardsProtectedResource_neverServedWithoutToken() throws IOException {
    List<String> tricks =
        List.of(
            "/public/../api/me",
            "/public/..;/api/me",
            "/public/%2e%2e/api/me",
            "/public/%2E%2E/api/me",
            "/public/..%2fapi/me",
            "/public/..%5capi/me",
            "/public;x=y/../api/me",
            "//public/../api/me",
            "/public/./../api/me",
            "/api/me;/public/x",
            "/api/me/..;/..;/public/x",
            "/%70ublic/../api/me");
    for (String trick : tricks) {
      RawHttp.Response r = get(trick);
      assertThat(r.status()).as(trick).isNotEqualTo(200);
      assertNoStackTrace(r);
    }
  }

  // ---- cookies
  // -----------------------------------------------------------------------------------------------------

  @Test
  void cookie_validToken_authenticatesSafeRequest() throws IOException {
    IssuedAccessToken t = token("user");
    RawHttp.Response r = get("/api/me", "Cookie", TokenCookies.ACCESS_COOKIE + "=" + t.value());

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).contains("user=alice").contains("authType=COOKIE");
  }

  @Test
  void cookie_invalidToken_401SameAsHeader() throws IOException {
    RawHttp.Response cookie =
        get("/api/me", "Cookie", TokenCookies.ACCESS_COOKIE + "=" + expiredToken());
    RawHttp.Response header = get("/api/me", "Authorization", "Bearer " + expiredToken());

    assertThat(cookie.status()).isEqualTo(401);
    assertThat(cookie.comparable()).isEqualTo(header.comparable());
  }

  @Test
  void login_writesCookiesWithSecureAttributes() throws IOException {
    RawHttp.Response r =
        send(
            request("POST", "/api/auth/login")
                .header("X-Test-Login", "ok")
                .header("User-Agent", "cookie-attrs"));

    assertThat(r.status()).isEqualTo(200);
    List<String> set = r.headers("Set-Cookie");
    assertThat(set).hasSize(3);
    assertThat(set.get(0))
        .startsWith(TokenCookies.ACCESS_COOKIE + "=ey")
        .endsWith("; Path=/; Max-Age=1800; Secure; HttpOnly; SameSite=Strict");
    assertThat(set.get(1))
        .startsWith(TokenCookies.CSRF_COOKIE + "=")
        .endsWith("; Path=/; Max-Age=1800; Secure; SameSite=Strict")
        .doesNotContain("HttpOnly");
    assertThat(set.get(2))
        .isEqualTo(
            TokenCookies.REFRESH_COOKIE
                + "=opaque-refresh-token; Path=/api/auth/refresh; Max-Age=604800; Secure; HttpOnly; SameSite=Strict");
  }

  @Test
  void logout_clearsCookiesAndSiteData() throws IOException {
    RawHttp.Response r = get("/public/logout");

    assertThat(r.headers("Set-Cookie"))
        .containsExactly(
            TokenCookies.ACCESS_COOKIE + "=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict",
            TokenCookies.CSRF_COOKIE + "=; Path=/; Max-Age=0; Secure; SameSite=Strict",
            TokenCookies.REFRESH_COOKIE
                + "=; Path=/api/auth/refresh; Max-Age=0; Secure; HttpOnly; SameSite=Strict");
    assertThat(r.header("Clear-Site-Data")).contains("\"cookies\", \"storage\"");
  }

  // ---- CSRF
  // --------------------------------------------------------------------------------------------------------

  @Test
  void csrf_cookiePostWithBoundTokenAndSameOrigin_passes() throws IOException {
    IssuedAccessToken t = token("user");
    RawHttp.Response withOrigin =
        send(
            request("POST", "/api/items")
                .header("Cookie", cookieHeader(t))
                .header(TokenCookies.CSRF_HEADER, csrfFor(t))
                .header("Origin", ownOrigin()));
    RawHttp.Response withFetchMetadata =
        send(
            request("DELETE", "/api/items")
                .header("Cookie", cookieHeader(t))
                .header(TokenCookies.CSRF_HEADER, csrfFor(t))
                .header("Sec-Fetch-Site", "same-origin"));
    RawHttp.Response unknownMethod =
        send(
            request("PURGE", "/api/items")
                .header("Cookie", cookieHeader(t))
                .header(TokenCookies.CSRF_HEADER, csrfFor(t))
                .header("Origin", ownOrigin())
                .header("Sec-Fetch-Site", "same-origin"));

    assertThat(withOrigin.status()).isEqualTo(200);
    assertThat(withOrigin.bodyText()).contains("method=POST user=alice");
    assertThat(withFetchMetadata.status()).isEqualTo(200);
    assertThat(unknownMethod.status()).isEqualTo(200);
    assertThat(events).isEmpty();
  }

  @Test
  void csrf_refusals_403WithIdenticalAnswersAndEvents() throws IOException {
    IssuedAccessToken t = token("user");
    IssuedAccessToken other = token("user");
    String access = TokenCookies.ACCESS_COOKIE + "=" + t.value();
    List<RawHttp.Request> requests =
        List.of(
            // no CSRF header
            request("POST", "/api/items")
                .header("Cookie", cookieHeader(t))
                .header("Origin", ownOrigin()),
            // header without cookie
            request("PUT", "/api/items")
                .header("Cookie", access)
                .header(TokenCookies.CSRF_HEADER, csrfFor(t))
                .header("Origin", ownOrigin()),
            // header differs from cookie
            request("PATCH", "/api/items")
                .header("Cookie", cookieHeader(t))
                .header(TokenCookies.CSRF_HEADER, csrfFor(other))
                .header("Origin", ownOrigin()),
            // planted pair: header equals cookie, but bound to another token
            request("DELETE", "/api/items")
                .header("Cookie", access + "; " + TokenCookies.CSRF_COOKIE + "=" + csrfFor(other))
                .header(TokenCookies.CSRF_HEADER, csrfFor(other))
                .header("Origin", ownOrigin()),
            // cross-site fetch metadata
            request("POST", "/api/items")
                .header("Cookie", cookieHeader(t))
                .header(TokenCookies.CSRF_HEADER, csrfFor(t))
                .header("Origin", ownOrigin())
                .header("Sec-Fetch-Site", "cross-site"),
            request("POST", "/api/items")
                .header("Cookie", cookieHeader(t))
                .header(TokenCookies.CSRF_HEADER, csrfFor(t))
                .header("Sec-Fetch-Site", "same-site"),
            // foreign origin
            request("POST", "/api/items")
                .header("Cookie", cookieHeader(t))
                .header(TokenCookies.CSRF_HEADER, csrfFor(t))
                .header("Origin", "https://evil.example"),
            request("POST", "/api/items")
                .header("Cookie", cookieHeader(t))
                .header(TokenCookies.CSRF_HEADER, csrfFor(t))
                .header("Origin", "null"),
            // neither Origin nor Sec-Fetch-Site
            request("POST", "/api/items")
                .header("Cookie", cookieHeader(t))
                .header(TokenCookies.CSRF_HEADER, csrfFor(t)),
            // unknown method is state-changing
            request("PURGE", "/api/items")
                .header("Cookie", cookieHeader(t))
                .header("Origin", ownOrigin()));
    Set<String> answers = new HashSet<>();
    for (RawHttp.Request req : requests) {
      RawHttp.Response r = send(req);
      assertThat(r.status()).isEqualTo(403);
      answers.add(r.comparable());
    }
    assertThat(answers).hasSize(1);
    assertThat(answers.iterator().next())
        .endsWith("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403}");
    assertThat(events)
        .hasSize(requests.size())
        .allSatisfy(
            e -> {
              assertThat(e.type()).isEqualTo(SecurityEventType.AUTHZ_FAIL);
              assertThat(e.userId()).isEqualTo("alice");
            });
    assertThat(reasons())
        .contains(
            RefusalReason.CSRF_TOKEN_MISSING.name(),
            RefusalReason.CSRF_TOKEN_MISMATCH.name(),
            RefusalReason.CSRF_CROSS_SITE.name(),
            RefusalReason.CSRF_ORIGIN_MISMATCH.name(),
            RefusalReason.CSRF_ORIGIN_MISSING.name());
  }

  @Test
  void refreshCookie_sameOriginPostOnPublicPath_reachesTheApplication() throws IOException {
    String refresh =
        Secrets.register("rt1.AAAAAAAAAAAAAAAAAAAAAA.c2VjcmV0LXBhcnQtb2YtdGhlLXJlZnJlc2gtdG9rZW4");

    RawHttp.Response r =
        send(
            request("POST", "/public/refresh")
                .header("Cookie", TokenCookies.REFRESH_COOKIE + "=" + refresh)
                .header("Origin", ownOrigin())
                .header("Sec-Fetch-Site", "same-origin"));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("refresh=" + refresh);
    assertThat(events).isEmpty();
  }

  @Test
  void refreshCookie_crossSiteOrDuplicated_notOfferedAndReported() throws IOException {
    String refresh =
        Secrets.register("rt1.BBBBBBBBBBBBBBBBBBBBBB.c2VjcmV0LXBhcnQtb2YtdGhlLXJlZnJlc2gtdG9rZW4");
    String cookie = TokenCookies.REFRESH_COOKIE + "=" + refresh;

    RawHttp.Response crossSite =
        send(
            request("POST", "/public/refresh")
                .header("Cookie", cookie)
                .header("Origin", "https://evil.example"));
    RawHttp.Response twice =
        send(
            request("POST", "/public/refresh")
                .header("Cookie", cookie)
                .header("Cookie", cookie)
                .header("Origin", ownOrigin()));
    RawHttp.Response get =
        send(
            request("GET", "/public/refresh")
                .header("Cookie", cookie)
                .header("Origin", ownOrigin()));

    assertThat(List.of(crossSite.body(), twice.body(), get.body())).containsOnly("refresh=none");
    assertThat(events)
        .extracting(SecurityEvent::reason)
        .containsExactly(
            RefusalReason.CSRF_ORIGIN_MISMATCH.name(),
            RefusalReason.MALFORMED_REFRESH_COOKIE.name(),
            RefusalReason.REFRESH_COOKIE_ON_SAFE_METHOD.name());
  }

  @Test
  void accessDenied_fromTheApplication_genericForbiddenLikeTheFilters() throws IOException {
    IssuedAccessToken t = token("user");

    RawHttp.Response denied = get("/api/admin", "Authorization", "Bearer " + t.value());
    RawHttp.Response csrf =
        send(
            request("POST", "/api/items")
                .header("Cookie", cookieHeader(t))
                .header("Origin", ownOrigin()));

    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.body())
        .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403}");
    assertThat(denied.body()).isEqualTo(csrf.body());
    assertThat(denied.header("Content-Type")).isEqualTo(csrf.header("Content-Type"));
    assertNoStackTrace(denied);
  }

  @Test
  void csrf_bearerHeaderPost_exempt() throws IOException {
    RawHttp.Response r =
        send(
            request("POST", "/api/items")
                .header("Authorization", "Bearer " + token("user").value())
                .header("Origin", "https://evil.example"));
    assertThat(r.status()).isEqualTo(200);
  }

  // ---- security headers and transport
  // ------------------------------------------------------------------------------

  private static void assertSecurityHeaders(RawHttp.Response r) {
    assertThat(r.header("X-Content-Type-Options")).contains("nosniff");
    assertThat(r.header("X-Frame-Options")).contains("DENY");
    assertThat(r.header("X-XSS-Protection")).contains("0");
    assertThat(r.header("Content-Security-Policy"))
        .contains("default-src 'none'; frame-ancestors 'none'");
    assertThat(r.header("Referrer-Policy")).contains("no-referrer");
  }

  @Test
  void securityHeaders_onEveryKindOfResponse() throws IOException {
    String bearer = "Bearer " + token("user").value();
    List<RawHttp.Response> responses =
        List.of(
            get("/api/me", "Authorization", bearer),
            get("/public/info"),
            get("/api/me"),
            get("/api/me", "Authorization", "Bearer x.y.z"),
            get("/api/early", "Authorization", bearer),
            get("/api/boom", "Authorization", bearer),
            get("/api/items/42", "Authorization", bearer));
    for (RawHttp.Response r : responses) {
      assertSecurityHeaders(r);
      assertThat(r.header("Strict-Transport-Security")).as("no HSTS over plain HTTP").isEmpty();
    }
    assertThat(responses.get(4).bodyText()).isEqualTo("early");
    assertThat(responses.get(5).status()).isEqualTo(500);
  }

  @Test
  void hsts_onlyOverHttps() throws IOException {
    RawHttp.Response tls =
        sendTls(
            request("GET", "/api/me").header("Authorization", "Bearer " + token("user").value()));
    RawHttp.Response plain = send(request("GET", "/public/info"));

    assertThat(tls.status()).isEqualTo(200);
    assertThat(tls.header("Strict-Transport-Security"))
        .contains("max-age=31536000; includeSubDomains");
    assertSecurityHeaders(tls);
    assertThat(plain.header("Strict-Transport-Security")).isEmpty();
  }

  @Test
  void plainHttp_fromNonLoopbackClient_refused() throws IOException {
    RawHttp.Response r = get("/proxied/public/whoami", "X-Forwarded-For", "203.0.113.9");

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.bodyText())
        .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403}");
    assertThat(reasons()).containsExactly(RefusalReason.PLAIN_HTTP.name());
    assertThat(events.get(0).request().clientAddress()).isEqualTo("203.0.113.9");
  }

  @Test
  void trustedProxy_forwardedProtoHttps_servedWithHsts() throws IOException {
    RawHttp.Response r =
        get(
            "/proxied/public/whoami",
            "X-Forwarded-For",
            "198.51.100.7, 10.1.2.3",
            "X-Forwarded-Proto",
            "https",
            "X-Request-Id",
            "req-42");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).isEqualTo("client=198.51.100.7 id=req-42");
    assertThat(r.header("Strict-Transport-Security"))
        .contains("max-age=31536000; includeSubDomains");
  }

  @Test
  void trustedProxy_rfc7239Forwarded_resolvesRightmostUntrusted() throws IOException {
    RawHttp.Response r =
        get(
            "/proxied/public/whoami",
            "Forwarded",
            "for=192.0.2.60;proto=https, for=\"[2001:db8::17]:4711\";proto=https");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).startsWith("client=2001:db8:0:0:0:0:0:17 id=");
  }

  @Test
  void trustedProxy_spoofedLeftmostAddress_ignored() throws IOException {
    RawHttp.Response r =
        get(
            "/proxied/public/whoami",
            "X-Forwarded-For",
            "127.0.0.1, 203.0.113.5",
            "X-Forwarded-Proto",
            "https");
    assertThat(r.bodyText()).startsWith("client=203.0.113.5 id=");
  }

  @Test
  void untrustedPeer_forwardedHeadersAndRequestIdIgnored() throws IOException {
    RawHttp.Response r =
        get(
            "/untrusted/whoami",
            "X-Forwarded-For",
            "203.0.113.5",
            "Forwarded",
            "for=192.0.2.1;proto=https",
            "X-Forwarded-Proto",
            "https",
            "X-Request-Id",
            "attacker-chosen");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).startsWith("client=127.0.0.1 id=").doesNotContain("attacker-chosen");
    assertThat(r.bodyText().substring(r.bodyText().indexOf("id=") + 3)).matches("[0-9a-f]{32}");
    assertThat(r.header("Strict-Transport-Security")).isEmpty();
  }

  @Test
  void trustedProxy_protectedPathWithValidToken_authenticated() throws IOException {
    RawHttp.Response r =
        get(
            "/proxied/api/me",
            "X-Forwarded-For",
            "198.51.100.7",
            "X-Forwarded-Proto",
            "https",
            "Authorization",
            "Bearer " + token("user").value());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).contains("user=alice");
  }

  // ---- login throttling
  // ----------------------------------------------------------------------------------------------

  @Test
  void login_afterThreeFailures_429WithRetryAfter() throws IOException {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      statuses.add(
          send(request("POST", "/api/auth/login").header("User-Agent", "throttle-test")).status());
    }
    RawHttp.Response refused =
        send(
            request("POST", "/api/auth/login")
                .header("User-Agent", "throttle-test")
                .header("X-Test-Login", "ok"));
    RawHttp.Response otherClient =
        send(
            request("POST", "/api/auth/login")
                .header("User-Agent", "someone-else")
                .header("X-Test-Login", "ok"));

    assertThat(statuses).containsExactly(401, 401, 401);
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).contains("43");
    assertThat(refused.header("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
    assertThat(refused.bodyText())
        .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429}");
    assertThat(refused.headers("Set-Cookie")).isEmpty();
    assertSecurityHeaders(refused);
    assertThat(otherClient.status()).isEqualTo(200);
    assertThat(events)
        .extracting(SecurityEvent::type)
        .contains(SecurityEventType.EXCESS_RATE_LIMIT_EXCEEDED);
  }

  // ---- ownership 404
  // ---------------------------------------------------------------------------------------------------

  @Test
  void ownership_notYours_byteIdenticalToGenuineNotFound() throws IOException {
    String bearer = "Bearer " + token("user").value();
    RawHttp.Response missing = get("/api/items/42", "Authorization", bearer);
    RawHttp.Response theirs = get("/api/items/42", "Authorization", bearer, "X-Test-Owner", "bob");

    assertThat(missing.status()).isEqualTo(404);
    assertThat(theirs.comparable()).isEqualTo(missing.comparable());
    assertNoStackTrace(theirs);
  }
}
