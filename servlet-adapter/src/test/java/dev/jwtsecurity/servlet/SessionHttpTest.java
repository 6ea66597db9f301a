package dev.jwtsecurity.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.access.UserDirectory;
import dev.jwtsecurity.access.UserDirectory.UserStatus;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.login.LoginResult;
import dev.jwtsecurity.refresh.InvalidRefreshTokenException;
import dev.jwtsecurity.refresh.TokenPair;
import dev.jwtsecurity.testing.ManualClock;
import dev.jwtsecurity.testing.TestSecurity;
import dev.jwtsecurity.token.AccessTokenClaims;
import dev.jwtsecurity.token.AccessTokenIssuer;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The session rules on the wire, over Jetty with the front door's filters: log out everywhere then
 * log in in the same instant, logout with another user's refresh token, the session's access tokens
 * refused at once when it ends, grace replays capped, and over-long tokens refused.
 */
class SessionHttpTest {

  private final ManualClock clock = ManualClock.at("2026-11-27T12:00:00.5Z");
  private final Map<String, Instant> validSince = new ConcurrentHashMap<>();
  private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
  private JwtSecurity security;
  private Server server;
  private int port;

  /** Login, refresh and logout endpoints an application writes over the front door. */
  private final class AuthApp extends HttpServlet {
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      RequestContext ctx = JwtRequests.requestContext(req).orElse(RequestContext.UNKNOWN);
      String refresh = req.getHeader("X-Refresh-Token");
      switch (req.getRequestURI()) {
        case "/auth/login" -> {
          LoginResult r = security.login(req.getHeader("X-User"), TestSecurity.PASSWORD, ctx);
          if (r instanceof LoginResult.Success ok) {
            writeTokens(resp, ok.tokens());
          } else {
            resp.sendError(401);
          }
        }
        case "/auth/refresh" -> {
          try {
            writeTokens(resp, security.refresh(refresh, ctx));
          } catch (InvalidRefreshTokenException e) {
            ProblemResponses.send(resp, 401);
          }
        }
        case "/api/me" -> write(resp, me(req).user().userId());
        case "/api/logout" -> {
          // A foreign refresh token: AccessDeniedException, which the filter answers with 403.
          security.logout(me(req), refresh, ctx);
          resp.setStatus(204);
        }
        case "/api/logout-all" -> {
          security.logoutEverywhere(me(req), ctx);
          resp.setStatus(204);
        }
        default -> resp.sendError(404);
      }
    }

    private Authentication me(HttpServletRequest req) {
      return JwtRequests.authentication(req).orElseThrow();
    }

    private void writeTokens(HttpServletResponse resp, TokenPair pair) throws IOException {
      write(
          resp,
          pair.accessToken().value() + "\n" + pair.refreshToken().map(t -> t.value()).orElse("-"));
    }

    private void write(HttpServletResponse resp, String text) throws IOException {
      resp.setContentType("text/plain;charset=utf-8");
      resp.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  @BeforeEach
  void start() throws Exception {
    security =
        TestSecurity.builder("alice", "bob")
            .clock(clock)
            .userDirectory(
                new UserDirectory() {
                  @Override
                  public UserStatus status(String userId) {
                    return UserStatus.active(validSince.getOrDefault(userId, Instant.MIN));
                  }

                  @Override
                  public boolean invalidateCredentialsBefore(String userId, Instant instant) {
                    validSince.merge(userId, instant, (a, b) -> a.isAfter(b) ? a : b);
                    return true;
                  }
                })
            .events(events::add)
            .build();
    JwtSecurityFilters filters =
        JwtSecurityFilters.builder(security)
            .publicPaths("/auth/*")
            .protectedPaths("/api/*")
            .unsafeAllowPlainHttpOnLoopback()
            .build();
    server = new Server();
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
    context.addServlet(new ServletHolder(new AuthApp()), "/*");
    server.setHandler(context);
    server.start();
    port = connector.getLocalPort();
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
  }

  private record Tokens(String access, String refresh) {}

  private RawHttp.Response post(String path, String bearer, String refresh) throws IOException {
    RawHttp.Request r = new RawHttp.Request("POST", path);
    if (bearer != null) {
      r.header("Authorization", "Bearer " + bearer);
    }
    if (refresh != null) {
      r.header("X-Refresh-Token", refresh);
    }
    return RawHttp.send(port, false, r);
  }

  private static Tokens tokens(String body) {
    int newline = body.indexOf('\n');
    return new Tokens(body.substring(0, newline), body.substring(newline + 1));
  }

  private Tokens login(String user) throws IOException {
    RawHttp.Response r =
        RawHttp.send(
            port, false, new RawHttp.Request("POST", "/auth/login").header("X-User", user));
    assertThat(r.status()).isEqualTo(200);
    return tokens(r.body());
  }

  private Tokens refresh(String refreshToken) throws IOException {
    RawHttp.Response r = post("/auth/refresh", null, refreshToken);
    assertThat(r.status()).isEqualTo(200);
    return tokens(r.body());
  }

  private int me(String access) throws IOException {
    return RawHttp.send(
            port,
            false,
            new RawHttp.Request("GET", "/api/me").header("Authorization", "Bearer " + access))
        .status();
  }

  @Test
  void logoutAll_thenLoginInTheSameInstant_newTokenServedOldOnes401() throws Exception {
    Tokens laptop = login("alice");
    Tokens phone = login("alice");

    assertThat(post("/api/logout-all", laptop.access(), null).status()).isEqualTo(204);
    Tokens again = login("alice");

    assertThat(me(again.access())).isEqualTo(200);
    assertThat(me(laptop.access())).isEqualTo(401);
    assertThat(me(phone.access())).isEqualTo(401);
    assertThat(post("/auth/refresh", null, phone.refresh()).status()).isEqualTo(401);
    clock.advance(Duration.ofMinutes(20));
    assertThat(me(again.access())).as("for its whole life").isEqualTo(200);
  }

  @Test
  void logout_withAnotherUsersRefreshToken_403AndNothingEnds() throws Exception {
    Tokens alice = login("alice");
    Tokens bob = login("bob");

    RawHttp.Response r = post("/api/logout", alice.access(), bob.refresh());

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body()).doesNotContain("bob").doesNotContain(bob.refresh());
    assertThat(me(alice.access())).isEqualTo(200);
    assertThat(me(bob.access())).isEqualTo(200);
    assertThat(refresh(bob.refresh()).access()).isNotEmpty();
    assertThat(events)
        .filteredOn(e -> e.type() == SecurityEventType.AUTHZ_FAIL)
        .singleElement()
        .satisfies(e -> assertThat(e.reason()).isEqualTo("FOREIGN_REFRESH_TOKEN"));
  }

  @Test
  void logout_ownRefreshToken_everyAccessTokenOfTheSession401AtOnce() throws Exception {
    Tokens first = login("alice");
    Tokens second = refresh(first.refresh());
    Tokens other = login("alice");

    assertThat(post("/api/logout", second.access(), second.refresh()).status()).isEqualTo(204);

    assertThat(me(first.access())).isEqualTo(401);
    assertThat(me(second.access())).isEqualTo(401);
    assertThat(me(other.access())).as("another session of the same user").isEqualTo(200);
  }

  @Test
  void refreshReuse_accessTokensOfTheFamily401AtOnce() throws Exception {
    Tokens first = login("alice");
    Tokens second = refresh(first.refresh());
    clock.advance(Duration.ofSeconds(6));

    assertThat(post("/auth/refresh", null, first.refresh()).status()).isEqualTo(401);

    assertThat(me(first.access())).isEqualTo(401);
    assertThat(me(second.access())).isEqualTo(401);
    assertThat(events).anyMatch(e -> e.type() == SecurityEventType.AUTHN_TOKEN_REUSE);
  }

  @Test
  void graceReplays_beyondTheCap_401AndTheSessionLives() throws Exception {
    Tokens first = login("alice");
    Tokens second = refresh(first.refresh());

    assertThat(post("/auth/refresh", null, first.refresh()).status()).isEqualTo(200);
    assertThat(post("/auth/refresh", null, first.refresh()).status()).isEqualTo(200);
    assertThat(post("/auth/refresh", null, first.refresh()).status()).isEqualTo(401);

    assertThat(me(second.access())).isEqualTo(200);
    assertThat(refresh(second.refresh()).access()).isNotEmpty();
    assertThat(events).anySatisfy(e -> assertThat(e.reason()).isEqualTo("GRACE_REPLAYS_EXHAUSTED"));
  }

  @Test
  void overLongToken_correctlySigned_401() throws Exception {
    AccessTokenIssuer forger =
        AccessTokenIssuer.builder()
            .keyRing(security.keyRing())
            .issuer(TestSecurity.ISSUER)
            .clock(clock)
            .unsafeAccessTokenLifetime(Duration.ofDays(30))
            .build();

    int status = me(forger.issue(AccessTokenClaims.forSubject("alice").build()).value());

    assertThat(status).isEqualTo(401);
    assertThat(events).anySatisfy(e -> assertThat(e.reason()).isEqualTo("LIFETIME_TOO_LONG"));
  }
}
