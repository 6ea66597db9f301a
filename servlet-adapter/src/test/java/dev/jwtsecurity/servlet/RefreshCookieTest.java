package dev.jwtsecurity.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link JwtRequests#refreshToken}: the refresh cookie reaches a public refresh or logout path only
 * on a state-changing request with same-origin evidence, parsed from the raw headers; every refusal
 * is reported once and never shown.
 */
class RefreshCookieTest {

  private static final String TOKEN =
      "rt1.AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
  private static final String OWN = "https://app.example";

  private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

  private JwtAuthenticationFilter filter(String... allowedOrigins) {
    return new JwtAuthenticationFilter(
        JwtAuthenticationSettings.builder()
            .authenticator(JwtAuthenticationSettingsMisuseTest.authenticator())
            .events(events::add)
            .publicPaths("/auth/*")
            .cookies(TokenCookies.builder().refreshPath("/auth").build())
            .allowedOrigins(allowedOrigins)
            .build());
  }

  /** Runs the request through the filter and asks for the refresh token {@code asks} times. */
  private Optional<String> offered(
      JwtAuthenticationFilter filter, FakeHttp.Request request, int asks) throws Exception {
    FakeHttp.Chain chain = new FakeHttp.Chain();
    List<Optional<String>> answers = new ArrayList<>();
    chain.action =
        () -> {
          for (int i = 0; i < asks; i++) {
            answers.add(JwtRequests.refreshToken(chain.request));
          }
        };
    filter.doFilter(request.build(), new FakeHttp.Response().build(), chain);
    assertThat(answers).as("every answer is the same").containsOnly(answers.get(0));
    return answers.get(0);
  }

  private static FakeHttp.Request post() {
    return new FakeHttp.Request("POST", "/auth/refresh")
        .header("Cookie", TokenCookies.REFRESH_COOKIE + "=" + TOKEN);
  }

  @Test
  void refreshToken_sameOriginPostWithBothHeaders_offered() throws Exception {
    FakeHttp.Request r = post().header("Origin", OWN).header("Sec-Fetch-Site", "same-origin");

    assertThat(offered(filter(), r, 1)).contains(TOKEN);
    assertThat(events).isEmpty();
  }

  @Test
  void refreshToken_onlyOneKindOfEvidence_offered() throws Exception {
    assertThat(offered(filter(), post().header("Origin", OWN + ":443"), 1)).contains(TOKEN);
    assertThat(offered(filter(), post().header("Sec-Fetch-Site", "same-origin"), 1))
        .contains(TOKEN);
  }

  @Test
  void refreshToken_allowedOtherOrigin_offered() throws Exception {
    FakeHttp.Request r = post().header("Origin", "https://spa.example");

    assertThat(offered(filter("https://spa.example"), r, 1)).contains(TOKEN);
    assertThat(offered(filter(), post().header("Origin", "https://spa.example"), 1)).isEmpty();
  }

  @Test
  void refreshToken_crossSite_notOfferedAndReportedOnce() throws Exception {
    FakeHttp.Request r = post().header("Origin", OWN).header("Sec-Fetch-Site", "cross-site");

    assertThat(offered(filter(), r, 3)).isEmpty();
    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(SecurityEventType.AUTHZ_FAIL);
              assertThat(e.reason()).isEqualTo(RefusalReason.CSRF_CROSS_SITE.name());
              assertThat(e.request().clientAddress()).isEqualTo("127.0.0.1");
            });
  }

  @Test
  void refreshToken_foreignOrPlainHttpOrigin_notOffered() throws Exception {
    for (String origin :
        List.of("https://evil.example", "http://app.example", "null", "https://app.example.evil")) {
      events.clear();
      assertThat(offered(filter(), post().header("Origin", origin), 1)).as(origin).isEmpty();
      assertThat(events)
          .singleElement()
          .extracting(SecurityEvent::reason)
          .isEqualTo(RefusalReason.CSRF_ORIGIN_MISMATCH.name());
    }
  }

  @Test
  void refreshToken_noOriginEvidence_notOffered() throws Exception {
    assertThat(offered(filter(), post(), 1)).isEmpty();
    assertThat(events)
        .singleElement()
        .extracting(SecurityEvent::reason)
        .isEqualTo(RefusalReason.CSRF_ORIGIN_MISSING.name());
  }

  @Test
  void refreshToken_twoCookiesOrACaseVariant_notOffered() throws Exception {
    FakeHttp.Request two =
        post()
            .header("Origin", OWN)
            .header("Cookie", TokenCookies.REFRESH_COOKIE + "=" + TOKEN + "x");
    FakeHttp.Request variant =
        new FakeHttp.Request("POST", "/auth/refresh")
            .header("Origin", OWN)
            .header(
                "Cookie",
                "__secure-Refresh_Token=planted; " + TokenCookies.REFRESH_COOKIE + "=" + TOKEN);
    FakeHttp.Request quoted =
        new FakeHttp.Request("POST", "/auth/refresh")
            .header("Origin", OWN)
            .header("Cookie", TokenCookies.REFRESH_COOKIE + "=\"" + TOKEN + "\"");

    assertThat(offered(filter(), two, 1)).isEmpty();
    assertThat(offered(filter(), variant, 1)).isEmpty();
    assertThat(offered(filter(), quoted, 1)).isEmpty();
    assertThat(events)
        .extracting(SecurityEvent::reason)
        .containsOnly(RefusalReason.MALFORMED_REFRESH_COOKIE.name());
    assertThat(events)
        .extracting(SecurityEvent::type)
        .containsOnly(SecurityEventType.INPUT_VALIDATION_FAIL);
  }

  @Test
  void refreshToken_safeMethod_notOffered() throws Exception {
    FakeHttp.Request get =
        new FakeHttp.Request("GET", "/auth/refresh")
            .header("Origin", OWN)
            .header("Sec-Fetch-Site", "same-origin")
            .header("Cookie", TokenCookies.REFRESH_COOKIE + "=" + TOKEN);

    assertThat(offered(filter(), get, 1)).isEmpty();
    assertThat(events)
        .singleElement()
        .extracting(SecurityEvent::reason)
        .isEqualTo(RefusalReason.REFRESH_COOKIE_ON_SAFE_METHOD.name());
  }

  @Test
  void refreshToken_notAskedFor_neitherCheckedNorReported() throws Exception {
    FakeHttp.Chain chain = new FakeHttp.Chain();
    FakeHttp.Response response = new FakeHttp.Response();

    filter()
        .doFilter(post().header("Sec-Fetch-Site", "cross-site").build(), response.build(), chain);

    assertThat(chain.request).isNotNull();
    assertThat(response.status).isEqualTo(200);
    assertThat(events).isEmpty();
  }

  @Test
  void refreshToken_noCookieOrBearerModeFilter_emptyWithoutEvent() throws Exception {
    FakeHttp.Request none = new FakeHttp.Request("POST", "/auth/refresh").header("Origin", OWN);
    JwtAuthenticationFilter bearerOnly =
        new JwtAuthenticationFilter(
            JwtAuthenticationSettings.builder()
                .authenticator(JwtAuthenticationSettingsMisuseTest.authenticator())
                .events(events::add)
                .publicPaths("/auth/*")
                .build());

    assertThat(offered(filter(), none, 1)).isEmpty();
    assertThat(offered(bearerOnly, post().header("Origin", OWN), 1)).isEmpty();
    assertThat(events).isEmpty();
  }

  static Stream<Long> seeds() {
    long seed = new Random().nextLong();
    return Stream.of(seed);
  }

  private static final String[] SITES = {
    null,
    "same-origin",
    "SAME-ORIGIN",
    " same-origin ",
    "same-site",
    "cross-site",
    "none",
    "garbage",
    ""
  };
  private static final String[] ORIGINS = {
    null,
    OWN,
    OWN + ":443",
    "HTTPS://APP.EXAMPLE",
    "http://app.example",
    "https://app.example:8443",
    "https://evil.example",
    "null",
    "https://app.example/path",
    "not a url",
    ""
  };
  private static final String[] METHODS = {
    "GET", "HEAD", "OPTIONS", "TRACE", "POST", "PUT", "DELETE", "PATCH", "FOO"
  };

  /**
   * Over generated requests: the token is offered exactly when an independent statement of the rule
   * says so, and a refusal always leaves one event.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void refreshToken_generatedRequests_offeredExactlyWhenTheRuleAllows(long seed) throws Exception {
    System.out.println("RefreshCookieTest seed " + seed);
    Random random = new Random(seed);
    JwtAuthenticationFilter filter = filter();
    for (int i = 0; i < 2_000; i++) {
      String method = METHODS[random.nextInt(METHODS.length)];
      int cookies = random.nextInt(4) == 0 ? 0 : random.nextInt(6) == 0 ? 2 : 1;
      List<String> sites = pick(random, SITES);
      List<String> origins = pick(random, ORIGINS);
      FakeHttp.Request r = new FakeHttp.Request(method, "/auth/refresh");
      sites.forEach(s -> r.header("Sec-Fetch-Site", s));
      origins.forEach(o -> r.header("Origin", o));
      for (int c = 0; c < cookies; c++) {
        r.header("Cookie", TokenCookies.REFRESH_COOKIE + "=" + TOKEN);
      }
      boolean unsafe = !List.of("GET", "HEAD", "OPTIONS", "TRACE").contains(method);
      boolean siteOk =
          sites.isEmpty()
              || (sites.size() == 1 && sites.get(0).strip().equalsIgnoreCase("same-origin"));
      boolean originOk =
          origins.isEmpty()
              ? !sites.isEmpty()
              : origins.size() == 1
                  && List.of(OWN, OWN + ":443", "HTTPS://APP.EXAMPLE").contains(origins.get(0));
      boolean expected = cookies == 1 && unsafe && siteOk && originOk;
      events.clear();

      Optional<String> offered = offered(filter, r, 2);

      String what = method + " cookies=" + cookies + " sites=" + sites + " origins=" + origins;
      assertThat(offered.isPresent()).as(what).isEqualTo(expected);
      assertThat(events).as(what).hasSize(expected || cookies == 0 ? 0 : 1);
    }
  }

  /** None, one, or (rarely) two values. */
  private static List<String> pick(Random random, String[] values) {
    List<String> out = new ArrayList<>();
    int n = random.nextInt(8) == 0 ? 2 : 1;
    for (int i = 0; i < n; i++) {
      String v = values[random.nextInt(values.length)];
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }
}
