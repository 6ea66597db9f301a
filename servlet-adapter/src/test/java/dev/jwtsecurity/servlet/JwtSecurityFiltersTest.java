package dev.jwtsecurity.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.login.LoginResult;
import dev.jwtsecurity.testing.LogCapture;
import dev.jwtsecurity.testing.ManualClock;
import dev.jwtsecurity.testing.TestSecurity;
import dev.jwtsecurity.throttle.ThrottlePolicy;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/**
 * {@link JwtSecurityFilters}: both filters configured from the front door in one step, sharing its
 * authenticator, events, clock, random source and throttle, with trusted proxies set once.
 */
class JwtSecurityFiltersTest {

  private static final String SECURITY_LOGGER = "dev.jwtsecurity.security";

  private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

  @Test
  void build_fromFacade_sharesItsAuthenticatorEventsClockRandomAndThrottle() {
    ManualClock clock = ManualClock.at("2026-11-27T12:00:00Z");
    SecureRandom random = new SecureRandom();
    JwtSecurity security = TestSecurity.builder("alice").clock(clock).random(random).build();

    JwtSecurityFilters filters =
        JwtSecurityFilters.builder(security)
            .loginPaths("/api/auth/login")
            .trustedProxies("10.0.0.0/8")
            .build();

    JwtAuthenticationSettings a = filters.authenticationFilter().settings();
    SecurityHeadersSettings h = filters.securityHeadersFilter().settings();
    assertThat(a.authenticator()).isSameAs(security.authenticator());
    assertThat(a.events()).isSameAs(security.events());
    assertThat(h.events()).isSameAs(security.events());
    assertThat(a.clock()).isSameAs(clock);
    assertThat(h.clock()).isSameAs(clock);
    assertThat(a.random()).isSameAs(random);
    assertThat(h.random()).isSameAs(random);
    assertThat(a.loginThrottle()).isNotNull();
    assertThat(h.trustedProxies().isTrusted("10.1.2.3")).isTrue();
    assertThat(filters.tokenCookies()).isEmpty();
  }

  @Test
  void refusal_noListenerConfiguredAnywhere_loggedExactlyOnceInTheSecurityLog() throws Exception {
    JwtSecurityFilters filters = JwtSecurityFilters.builder(TestSecurity.builder().build()).build();
    FakeHttp.Response twoHeaders = new FakeHttp.Response();
    FakeHttp.Response plainHttp = new FakeHttp.Response();
    int mark = LogCapture.global().size();

    filters
        .authenticationFilter()
        .doFilter(
            new FakeHttp.Request("GET", "/api/me")
                .header("Authorization", "Bearer a.b.c")
                .header("Authorization", "Bearer d.e.f")
                .build(),
            twoHeaders.build(),
            new FakeHttp.Chain());
    filters
        .securityHeadersFilter()
        .doFilter(
            new FakeHttp.Request("GET", "/api/me")
                .plainHttp("app.example", 80)
                .remoteAddr("192.0.2.7")
                .build(),
            plainHttp.build(),
            new FakeHttp.Chain());

    assertThat(twoHeaders.status).isEqualTo(400);
    assertThat(plainHttp.status).isEqualTo(403);
    List<String> lines =
        LogCapture.global().linesSince(mark).stream()
            .filter(l -> l.contains(SECURITY_LOGGER))
            .toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).contains(RefusalReason.MULTIPLE_AUTHORIZATION_HEADERS.name());
    assertThat(lines.get(1)).contains(RefusalReason.PLAIN_HTTP.name()).contains("192.0.2.7");
  }

  @Test
  void refusal_listenerAddedToTheFacade_seesTheFiltersRefusals() throws Exception {
    JwtSecurity security = TestSecurity.builder().events(events::add).build();
    JwtSecurityFilters filters = JwtSecurityFilters.builder(security).cookieMode().build();
    FakeHttp.Response response = new FakeHttp.Response();

    filters
        .authenticationFilter()
        .doFilter(
            new FakeHttp.Request("GET", "/api/me")
                .header(
                    "Cookie",
                    TokenCookies.ACCESS_COOKIE + "=a; " + TokenCookies.ACCESS_COOKIE + "=b")
                .build(),
            response.build(),
            new FakeHttp.Chain());

    assertThat(response.status).isEqualTo(400);
    assertThat(events)
        .extracting(SecurityEvent::reason)
        .contains(RefusalReason.MALFORMED_TOKEN_COOKIE.name());
  }

  @Test
  void loginPath_addressLockedByTheFacadesLogins_refusedWith429BeforeTheLoginServlet()
      throws Exception {
    ManualClock clock = ManualClock.at("2026-11-27T12:00:00Z");
    JwtSecurity security =
        TestSecurity.builder("alice")
            .clock(clock)
            .events(events::add)
            .throttlePolicies(
                new ThrottlePolicy(
                    2, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofMinutes(10)),
                ThrottlePolicy.ACCOUNT_DEFAULT)
            .build();
    JwtSecurityFilters filters =
        JwtSecurityFilters.builder(security).loginPaths("/api/auth/login").build();
    RequestContext from = RequestContext.of("192.0.2.44", "ua", "r1");
    for (int i = 0; i < 2; i++) {
      assertThat(security.login("alice", "wrong password " + i, from))
          .isInstanceOf(LoginResult.Failure.class);
    }
    FakeHttp.Response response = new FakeHttp.Response();
    FakeHttp.Chain chain = new FakeHttp.Chain();

    filters
        .authenticationFilter()
        .doFilter(
            new FakeHttp.Request("POST", "/api/auth/login").remoteAddr("192.0.2.44").build(),
            response.build(),
            chain);

    assertThat(response.status).isEqualTo(429);
    assertThat(response.header("Retry-After")).isNotNull();
    assertThat(chain.request).as("the login servlet never ran").isNull();
    assertThat(events)
        .anySatisfy(
            e -> {
              assertThat(e.type()).isEqualTo(SecurityEventType.EXCESS_RATE_LIMIT_EXCEEDED);
              assertThat(e.reason()).isEqualTo(RefusalReason.LOGIN_THROTTLED.name());
            });
  }

  @Test
  void register_onAServletContext_headersThenAuthenticationWithProxiesSetOnce() throws Exception {
    JwtSecurity security = TestSecurity.builder().events(events::add).build();
    JwtSecurityFilters filters =
        JwtSecurityFilters.builder(security)
            .publicPaths("/health")
            .protectedPaths("/api/*", "/health")
            .trustedProxies("127.0.0.1")
            .unsafeAllowPlainHttpOnLoopback()
            .build();
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addEventListener(
        new ServletContextListener() {
          @Override
          public void contextInitialized(ServletContextEvent sce) {
            filters.register(sce.getServletContext());
          }
        });
    context.addServlet(new ServletHolder(new TestApp(null)), "/*");
    server.setHandler(context);
    server.start();
    try {
      int port = connector.getLocalPort();
      RawHttp.Response health = RawHttp.send(port, false, new RawHttp.Request("GET", "/health"));
      RawHttp.Response noToken = RawHttp.send(port, false, new RawHttp.Request("GET", "/api/me"));
      RawHttp.Response forwarded =
          RawHttp.send(
              port,
              false,
              new RawHttp.Request("GET", "/api/me")
                  .header("Authorization", "Bearer not-a-token")
                  .header("X-Forwarded-For", "203.0.113.9")
                  .header("X-Forwarded-Proto", "https"));

      assertThat(health.status()).isEqualTo(200);
      assertThat(health.header("X-Frame-Options")).contains("DENY");
      assertThat(noToken.status()).isEqualTo(401);
      assertThat(noToken.header("X-Content-Type-Options")).contains("nosniff");
      assertThat(forwarded.status()).isEqualTo(401);
      assertThat(forwarded.header("Strict-Transport-Security")).isPresent();
      assertThat(events)
          .filteredOn(e -> e.type() == SecurityEventType.AUTHN_TOKEN_INVALID)
          .singleElement()
          .extracting(e -> e.request().clientAddress())
          .as("the authentication filter used the headers filter's proxy resolution")
          .isEqualTo("203.0.113.9");
      assertThat(context.getServletHandler().getFilters())
          .extracting(f -> f.getName())
          .containsExactly(
              JwtSecurityFilters.HEADERS_FILTER_NAME,
              JwtSecurityFilters.AUTHENTICATION_FILTER_NAME);
    } finally {
      server.stop();
    }
  }

  @Test
  void cookieMode_tokenCookiesShared_withTheFilterThatChecksThem() throws Exception {
    JwtSecurityFilters filters =
        JwtSecurityFilters.builder(TestSecurity.builder().build())
            .cookieMode(TokenCookies.builder().refreshPath("/api/auth"))
            .publicPaths("/api/auth/*")
            .build();
    FakeHttp.Chain chain = new FakeHttp.Chain();

    filters
        .authenticationFilter()
        .doFilter(
            new FakeHttp.Request("POST", "/api/auth/refresh").build(),
            new FakeHttp.Response().build(),
            chain);

    TokenCookies cookies = filters.tokenCookies().orElseThrow();
    assertThat(cookies.refreshPath()).isEqualTo("/api/auth");
    assertThat(JwtRequests.tokenCookies(chain.request)).containsSame(cookies);
  }

  @Test
  void builder_misuse_failsFast() {
    JwtSecurity security = TestSecurity.builder().build();

    assertThatThrownBy(() -> JwtSecurityFilters.builder(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> JwtSecurityFilters.builder(security).cookieMode().cookieMode())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cookie mode");
    assertThatThrownBy(() -> JwtSecurityFilters.builder(security).realm("a").realm("b"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JwtSecurityFilters.builder(security).trustedProxies("proxy.internal"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host names");
    assertThatThrownBy(() -> JwtSecurityFilters.builder(security).protectedPaths(""))
        .isInstanceOf(IllegalArgumentException.class);
    JwtSecurityFilters.Builder once = JwtSecurityFilters.builder(security);
    once.build();
    assertThatThrownBy(once::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already");
  }

  @Test
  void register_twice_refusedByName() throws Exception {
    JwtSecurityFilters filters = JwtSecurityFilters.builder(TestSecurity.builder().build()).build();
    ServletContextHandler context = new ServletContextHandler("/");
    List<Exception> failures = new CopyOnWriteArrayList<>();
    context.addEventListener(
        new ServletContextListener() {
          @Override
          public void contextInitialized(ServletContextEvent sce) {
            filters.register(sce.getServletContext());
            try {
              filters.register(sce.getServletContext());
            } catch (IllegalStateException e) {
              failures.add(e);
            }
          }
        });
    Server server = new Server();
    server.setHandler(context);
    server.start();
    server.stop();

    assertThat(failures)
        .singleElement()
        .asString()
        .contains(JwtSecurityFilters.HEADERS_FILTER_NAME);
    assertThat(EnumSet.of(DispatcherType.REQUEST)).isNotEmpty();
  }
}
