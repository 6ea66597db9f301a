package dev.jwtsecurity.examples.story;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.audit.SecurityEventType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The demos' whole story over real HTTP, shared by the Jetty demo and the Spring Boot demo: each
 * starts its demo on a free loopback port with a clock the story moves, and the same steps run
 * against it: register, login, CRUD, cross-user 404, expiry, refresh rotation, reuse detection,
 * logout, logout-all, throttling, validation, headers, cookie mode and CSRF.
 *
 * <pre>{@code
 * class DemoEndToEndTest extends TodoDemoStory {
 *   @Override
 *   protected Demo start(Map<String, String> env, Clock clock, SecurityEventListener events,
 *       PrintStream stderr) throws Exception {
 *     DemoServer server = DemoServer.builder().environment(env).clock(clock)...start();
 *     return new Demo(server.baseUri(), server);
 *   }
 * }
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TodoDemoStory {

  private static final String PASSWORD = "correct horse battery staple";
  private static final AtomicInteger USERS = new AtomicInteger();

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
  private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private Demo demo;
  private DemoClient client;

  /**
   * A running demo: where it answers, and how to stop it.
   *
   * @param baseUri {@code http://127.0.0.1:<port>}
   * @param stop stops the demo and drops its data
   */
  public record Demo(URI baseUri, AutoCloseable stop) {}

  /**
   * Starts the demo on a free loopback port.
   *
   * @param env the environment ({@code JWT_*} variables); no {@code JWT_SECRET_KEY}, so the demo
   *     makes one up and prints its banner to {@code stderr}
   * @param clock the clock every part of the demo must use
   * @param events a listener that must receive every security event
   * @param stderr where the demo prints its banner
   * @return the running demo
   * @throws Exception if it cannot start
   */
  protected abstract Demo start(
      Map<String, String> env, Clock clock, SecurityEventListener events, PrintStream stderr)
      throws Exception;

  @BeforeAll
  void startDemo() throws Exception {
    demo =
        start(
            // No JWT_SECRET_KEY: the demo makes one up. Every test registers from 127.0.0.1.
            Map.of(
                "JWT_ACCESS_TOKEN_EXPIRE_MINUTES", "5", "REGISTRATION_ATTEMPTS_PER_HOUR", "1000"),
            clock,
            events::add,
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
    client = new DemoClient(demo.baseUri());
  }

  @AfterAll
  void stopDemo() throws Exception {
    demo.stop().close();
  }

  private static String newName() {
    return "user" + USERS.incrementAndGet();
  }

  private static String todo(String title, boolean done) {
    return "{\"title\":\"" + title + "\",\"done\":" + done + "}";
  }

  @Test
  void start_withoutSecret_printsEphemeralSecretBanner() {
    String banner = stderr.toString(StandardCharsets.UTF_8);
    assertThat(banner)
        .contains("EPHEMERAL")
        .contains("JWT_SECRET_KEY is not set")
        .contains("keygen");
  }

  @Test
  void registerLoginCrud_ownTodos_roundTrip() {
    JsonNode login = client.newUser(newName(), PASSWORD);
    assertThat(login.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(login.get("expires_in").asLong()).isEqualTo(300);
    assertThat(login.get("refresh_token").asText()).startsWith("rt1.");
    String at = login.get("access_token").asText();

    assertThat(client.withToken("GET", "/api/todos", null, at).json()).isEmpty();
    DemoClient.Answer created =
        client.withToken("POST", "/api/todos", "{\"title\":\"  buy milk  \"}", at);
    assertThat(created.status()).isEqualTo(201);
    long id = created.json().get("id").asLong();
    assertThat(created.header("Location")).isEqualTo("/api/todos/" + id);
    assertThat(created.json().get("title").asText()).isEqualTo("buy milk");
    assertThat(created.json().get("done").asBoolean()).isFalse();
    assertThat(created.json().size()).isEqualTo(3);

    DemoClient.Answer read = client.withToken("GET", "/api/todos/" + id, null, at);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().get("title").asText()).isEqualTo("buy milk");

    DemoClient.Answer updated =
        client.withToken("PUT", "/api/todos/" + id, todo("buy oat milk", true), at);
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().get("done").asBoolean()).isTrue();
    JsonNode list = client.withToken("GET", "/api/todos", null, at).json();
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("title").asText()).isEqualTo("buy oat milk");

    // Stored literally, never interpreted: parameterised statements.
    DemoClient.Answer sql =
        client.withToken("POST", "/api/todos", todo("x'); DROP TABLE todos; --", false), at);
    assertThat(sql.status()).isEqualTo(201);
    assertThat(client.withToken("GET", "/api/todos", null, at).json()).hasSize(2);

    assertThat(client.withToken("DELETE", "/api/todos/" + id, null, at).status()).isEqualTo(204);
    assertThat(client.withToken("GET", "/api/todos/" + id, null, at).status()).isEqualTo(404);
    assertThat(client.withToken("DELETE", "/api/todos/" + id, null, at).status()).isEqualTo(404);
  }

  @Test
  void otherUsersTodo_everyMethod_answers404ByteIdenticalToMissing() {
    String alice = client.newUser(newName(), PASSWORD).get("access_token").asText();
    String bob = client.newUser(newName(), PASSWORD).get("access_token").asText();
    long aliceTodo =
        client
            .withToken("POST", "/api/todos", todo("alice's secret", false), alice)
            .json()
            .get("id")
            .asLong();
    long missing = aliceTodo + 1_000_000;

    for (String method : List.of("GET", "PUT", "DELETE")) {
      String body = method.equals("PUT") ? todo("mine now", true) : null;
      DemoClient.Answer foreign = client.withToken(method, "/api/todos/" + aliceTodo, body, bob);
      DemoClient.Answer absent = client.withToken(method, "/api/todos/" + missing, body, bob);
      DemoClient.Answer malformed = client.withToken(method, "/api/todos/abc", body, bob);
      assertThat(foreign.status()).as(method).isEqualTo(404);
      assertThat(foreign.body()).as(method).isEqualTo(absent.body()).isEqualTo(malformed.body());
      assertThat(foreign.header("Content-Type")).isEqualTo(absent.header("Content-Type"));
      assertThat(foreign.header("Content-Length")).isEqualTo(absent.header("Content-Length"));
      assertThat(foreign.text())
          .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404}");
    }
    // Bob changed nothing; Alice still sees her todo as it was.
    JsonNode mine = client.withToken("GET", "/api/todos/" + aliceTodo, null, alice).json();
    assertThat(mine.get("title").asText()).isEqualTo("alice's secret");
    assertThat(client.withToken("GET", "/api/todos", null, bob).json()).isEmpty();
  }

  @Test
  void otherUsersTodo_readUpdateDelete_eachLeavesMaliciousDirectReferenceMissingDoesNot() {
    String alice = client.newUser(newName(), PASSWORD).get("access_token").asText();
    String bobName = newName();
    String bobId = client.register(bobName, PASSWORD).json().get("id").asText();
    String bob = client.login(bobName, PASSWORD).json().get("access_token").asText();
    long aliceTodo =
        client
            .withToken("POST", "/api/todos", todo("alice's", false), alice)
            .json()
            .get("id")
            .asLong();
    long missing = aliceTodo + 2_000_000;

    for (String method : List.of("GET", "PUT", "DELETE")) {
      String body = method.equals("PUT") ? todo("mine now", true) : null;
      events.clear();
      DemoClient.Answer foreign = client.withToken(method, "/api/todos/" + aliceTodo, body, bob);
      List<SecurityEvent> afterForeign = List.copyOf(events);
      events.clear();
      DemoClient.Answer absent = client.withToken(method, "/api/todos/" + missing, body, bob);
      DemoClient.Answer malformed = client.withToken(method, "/api/todos/x1", body, bob);
      List<SecurityEvent> afterOthers = List.copyOf(events);

      assertThat(foreign.status()).as(method).isEqualTo(404);
      assertThat(foreign.body()).as(method).isEqualTo(absent.body()).isEqualTo(malformed.body());
      assertThat(foreign.header("Content-Type")).isEqualTo(absent.header("Content-Type"));
      assertThat(afterForeign)
          .as(method + " of another user's todo")
          .filteredOn(e -> e.type() == SecurityEventType.MALICIOUS_DIRECT_REFERENCE)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.userId()).isEqualTo(bobId);
                assertThat(e.details())
                    .containsEntry("resource_type", "todo")
                    .containsEntry("resource_id", Long.toString(aliceTodo));
                assertThat(e.request().clientAddress()).isEqualTo("127.0.0.1");
              });
      assertThat(afterOthers)
          .as(method + " of a missing or malformed id")
          .noneMatch(e -> e.type() == SecurityEventType.MALICIOUS_DIRECT_REFERENCE);
    }
    assertThat(
            client
                .withToken("GET", "/api/todos/" + aliceTodo, null, alice)
                .json()
                .get("title")
                .asText())
        .isEqualTo("alice's");
  }

  @Test
  void expiredAccessToken_afterClockAdvance_answers401AndRefreshRenewsIt() {
    JsonNode login = client.newUser(newName(), PASSWORD);
    String at = login.get("access_token").asText();
    assertThat(client.withToken("GET", "/api/todos", null, at).status()).isEqualTo(200);

    clock.advance(Duration.ofMinutes(5).plusSeconds(31)); // lifetime 5 min + the 30 s clock skew
    DemoClient.Answer expired = client.withToken("GET", "/api/todos", null, at);
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
    assertThat(expired.text())
        .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401}");

    DemoClient.Answer renewed = client.refresh(login.get("refresh_token").asText());
    assertThat(renewed.status()).isEqualTo(200);
    assertThat(
            client
                .withToken("GET", "/api/todos", null, renewed.json().get("access_token").asText())
                .status())
        .isEqualTo(200);
  }

  @Test
  void refresh_rotatesAndReuseOfSpentToken_revokesWholeFamily() {
    JsonNode login = client.newUser(newName(), PASSWORD);
    String rt1 = login.get("refresh_token").asText();
    DemoClient.Answer second = client.refresh(rt1);
    assertThat(second.status()).isEqualTo(200);
    String rt2 = second.json().get("refresh_token").asText();
    assertThat(rt2).isNotEqualTo(rt1).startsWith("rt1.");
    assertThat(second.json().get("token_type").asText()).isEqualTo("Bearer");

    clock.advance(Duration.ofSeconds(6)); // past the 5 s grace window: a second use of rt1 is reuse
    DemoClient.Answer replay = client.refresh(rt1);
    assertThat(replay.status()).isEqualTo(401);
    assertThat(client.refresh(rt2).status())
        .as("the successor dies with its family")
        .isEqualTo(401);
    assertThat(events).anyMatch(e -> e.type() == SecurityEventType.AUTHN_TOKEN_REUSE);
    assertThat(replay.text())
        .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401}");
  }

  @Test
  void refresh_garbageOrMissingToken_answersGeneric401() {
    assertThat(client.refresh("rt1.nonsense.nonsense").status()).isEqualTo(401);
    assertThat(client.send("POST", "/api/auth/refresh", null).status()).isEqualTo(401);
    assertThat(client.send("POST", "/api/auth/refresh", "{\"refresh_token\":5}").status())
        .isEqualTo(400);
  }

  @Test
  void logout_withRefreshToken_endsSessionAndAccessToken() {
    JsonNode login = client.newUser(newName(), PASSWORD);
    String at = login.get("access_token").asText();
    String rt = login.get("refresh_token").asText();
    DemoClient.Answer out =
        client.send(
            "POST",
            "/api/auth/logout",
            "{\"refresh_token\":\"" + rt + "\"}",
            "Authorization",
            "Bearer " + at);
    assertThat(out.status()).isEqualTo(204);
    assertThat(client.withToken("GET", "/api/todos", null, at).status()).isEqualTo(401);
    assertThat(client.refresh(rt).status()).isEqualTo(401);
    assertThat(client.send("POST", "/api/auth/logout", null).status())
        .as("logout needs a token")
        .isEqualTo(401);
  }

  @Test
  void logoutAll_endsEverySessionOfTheUser() {
    String name = newName();
    JsonNode first = client.newUser(name, PASSWORD);
    JsonNode second = client.login(name, PASSWORD).json();
    String other = client.newUser(newName(), PASSWORD).get("access_token").asText();

    // A real clock moves on between logins and logout-all; the test clock must too, or the cut-off
    // instant equals
    // the tokens' iat (TokenAuthenticator refuses tokens issued strictly before the cut-off).
    clock.advance(Duration.ofMillis(1500));
    DemoClient.Answer out =
        client.withToken("POST", "/api/auth/logout-all", null, first.get("access_token").asText());
    assertThat(out.status()).isEqualTo(204);
    for (JsonNode session : List.of(first, second)) {
      assertThat(
              client
                  .withToken("GET", "/api/todos", null, session.get("access_token").asText())
                  .status())
          .isEqualTo(401);
      assertThat(client.refresh(session.get("refresh_token").asText()).status()).isEqualTo(401);
    }
    assertThat(client.withToken("GET", "/api/todos", null, other).status())
        .as("other users untouched")
        .isEqualTo(200);

    clock.advance(
        Duration.ofSeconds(1)); // tokens of the logout-all second are refused too (whole seconds)
    String again = client.login(name, PASSWORD).json().get("access_token").asText();
    assertThat(client.withToken("GET", "/api/todos", null, again).status()).isEqualTo(200);
  }

  @Test
  void login_repeatedFailures_answers429WithRetryAfterEvenForRightPassword() {
    String name = newName();
    client.register(name, PASSWORD);
    DemoClient.Answer unknown = client.login("nobody-" + name, "wrong password");
    for (int i = 0; i < 5; i++) {
      DemoClient.Answer wrong = client.login(name, "wrong password " + i);
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.body())
          .as("unknown user and wrong password look the same")
          .isEqualTo(unknown.body());
    }
    DemoClient.Answer throttled = client.login(name, PASSWORD);
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 60L);
    assertThat(throttled.text())
        .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429}");
    assertThat(events).anyMatch(e -> e.type() == SecurityEventType.AUTHN_LOGIN_LOCK);

    clock.advance(Duration.ofMinutes(1).plusSeconds(1)); // the first lockout is one minute
    assertThat(client.login(name, PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void invalidInput_answers400WithDetailThatEchoesNothing() {
    String at = client.newUser(newName(), PASSWORD).get("access_token").asText();
    Map<String, String> bad =
        Map.of(
            "{\"title\":",
            "not well-formed JSON",
            "[1,2]",
            "must be a JSON object",
            "{\"title\":\"a\",\"owner_id\":\"7\"}",
            "unknown member",
            "{\"title\":42}",
            "title must be a string",
            "{\"title\":\"ok\",\"done\":\"yes\"}",
            "done must be true or false",
            "{\"title\":\"\"}",
            "title must not be blank",
            "{\"title\":\"" + "x".repeat(201) + "\"}",
            "title must be 1 to 200 characters",
            "{\"title\":\"a\",\"title\":\"b\"}",
            "not well-formed JSON",
            "{}",
            "title is required",
            "{\"title\":\"a\"} {}",
            "not well-formed JSON");
    for (Map.Entry<String, String> e : bad.entrySet()) {
      DemoClient.Answer r = client.withToken("POST", "/api/todos", e.getKey(), at);
      assertThat(r.status()).as(e.getKey()).isEqualTo(400);
      assertThat(r.header("Content-Type")).startsWith("application/problem+json");
      assertThat(r.json().get("detail").asText()).as(e.getKey()).contains(e.getValue());
      assertThat(r.text())
          .doesNotContain("Exception")
          .doesNotContain("jackson")
          .doesNotContain("owner_id");
    }
    DemoClient.Answer form =
        client.send(
            "POST",
            "/api/todos",
            "title=x",
            "Authorization",
            "Bearer " + at,
            "Content-Type",
            "application/x-www-form-urlencoded");
    assertThat(form.status()).isEqualTo(415);
    DemoClient.Answer huge =
        client.withToken("POST", "/api/todos", "{\"title\":\"" + "x".repeat(20_000) + "\"}", at);
    assertThat(huge.status()).isEqualTo(413);

    assertThat(client.register("ab", PASSWORD).status()).isEqualTo(400);
    assertThat(client.register("bad name!", PASSWORD).status()).isEqualTo(400);
    assertThat(client.register(newName(), "short").json().get("detail").asText())
        .isEqualTo("password must be 8 to 1024 characters");
    String taken = newName();
    assertThat(client.register(taken, PASSWORD).status()).isEqualTo(201);
    assertThat(client.register(taken.toUpperCase(java.util.Locale.ROOT), PASSWORD).status())
        .isEqualTo(409);
    assertThat(client.withToken("PATCH", "/api/todos/1", "{}", at).status()).isEqualTo(405);
  }

  @Test
  void securityHeaders_onApiErrorAndPageResponses() {
    String at = client.newUser(newName(), PASSWORD).get("access_token").asText();
    List<DemoClient.Answer> answers =
        List.of(
            client.withToken("GET", "/api/todos", null, at),
            client.send("GET", "/api/todos", null),
            client.withToken("GET", "/api/todos/999999", null, at),
            client.send("GET", "/nothing-here", null),
            client.send("GET", "/", null));
    for (DemoClient.Answer a : answers) {
      assertThat(a.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(a.header("X-Frame-Options")).isEqualTo("DENY");
      assertThat(a.header("X-XSS-Protection")).isEqualTo("0");
      assertThat(a.header("Referrer-Policy")).isEqualTo("no-referrer");
      assertThat(a.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
      assertThat(a.header("Server")).isNull();
      assertThat(a.header("Strict-Transport-Security")).as("HSTS only over HTTPS").isNull();
    }
    assertThat(answers.get(0).header("Cache-Control")).contains("no-store");
    assertThat(answers.get(1).header("WWW-Authenticate")).startsWith("Bearer");
    DemoClient.Answer page = answers.get(4);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Security-Policy"))
        .contains("script-src 'self'")
        .doesNotContain("unsafe-inline");
    assertThat(page.text())
        .contains("<script src=\"/app.js\" defer></script>")
        .doesNotContain("onclick");
    assertThat(client.send("GET", "/app.js", null).status()).isEqualTo(200);
  }

  @Test
  void cookieMode_setsHostCookiesAndRequiresCsrfForWrites() {
    String name = newName();
    client.register(name, PASSWORD);
    DemoClient.Answer login =
        client.send(
            "POST",
            "/api/auth/login",
            DemoClient.credentials(name, PASSWORD),
            "X-Auth-Mode",
            "cookie");
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.json().has("access_token"))
        .as("no token in the body in cookie mode")
        .isFalse();
    assertThat(login.json().has("refresh_token")).isFalse();
    assertThat(login.json().get("token_type").asText()).isEqualTo("Cookie");
    String access = cookie(login, "__Host-access_token");
    String csrf = cookie(login, "__Host-csrf");
    String refresh = cookie(login, "__Secure-refresh_token");
    assertThat(login.setCookies())
        .anySatisfy(
            c ->
                assertThat(c)
                    .startsWith("__Host-access_token=")
                    .contains("HttpOnly", "Secure", "SameSite=Strict", "Path=/;"))
        .anySatisfy(
            c ->
                assertThat(c)
                    .startsWith("__Secure-refresh_token=")
                    .contains("HttpOnly", "Path=/api/auth"))
        .anySatisfy(c -> assertThat(c).startsWith("__Host-csrf=").doesNotContain("HttpOnly"));

    String cookies = "__Host-access_token=" + access + "; __Host-csrf=" + csrf;
    String origin = "http://" + demo.baseUri().getAuthority();
    assertThat(client.send("GET", "/api/todos", null, "Cookie", cookies).status()).isEqualTo(200);
    DemoClient.Answer noCsrf =
        client.send("POST", "/api/todos", todo("x", false), "Cookie", cookies, "Origin", origin);
    assertThat(noCsrf.status()).isEqualTo(403);
    DemoClient.Answer crossSite =
        client.send(
            "POST",
            "/api/todos",
            todo("x", false),
            "Cookie",
            cookies,
            "X-CSRF-Token",
            csrf,
            "Origin",
            "http://evil.example");
    assertThat(crossSite.status()).isEqualTo(403);
    DemoClient.Answer ok =
        client.send(
            "POST",
            "/api/todos",
            todo("x", false),
            "Cookie",
            cookies,
            "X-CSRF-Token",
            csrf,
            "Origin",
            origin);
    assertThat(ok.status()).isEqualTo(201);

    DemoClient.Answer crossRefresh =
        client.send(
            "POST",
            "/api/auth/refresh",
            null,
            "Cookie",
            "__Secure-refresh_token=" + refresh,
            "Origin",
            "http://evil.example");
    // The library does not offer a cross-site refresh cookie: the one 401, the reason in the log,
    // and the refresh token is not spent (it renews the session below).
    assertThat(crossRefresh.status()).isEqualTo(401);
    assertThat(events)
        .anySatisfy(
            e -> {
              assertThat(e.type()).isEqualTo(SecurityEventType.AUTHZ_FAIL);
              assertThat(e.reason()).isEqualTo("CSRF_ORIGIN_MISMATCH");
            });
    DemoClient.Answer renewed =
        client.send(
            "POST",
            "/api/auth/refresh",
            null,
            "Cookie",
            "__Secure-refresh_token=" + refresh,
            "Origin",
            origin);
    assertThat(renewed.status()).isEqualTo(200);
    assertThat(cookie(renewed, "__Secure-refresh_token")).isNotEqualTo(refresh);

    String fresh =
        "__Host-access_token="
            + cookie(renewed, "__Host-access_token")
            + "; __Host-csrf="
            + cookie(renewed, "__Host-csrf")
            + "; __Secure-refresh_token="
            + cookie(renewed, "__Secure-refresh_token");
    DemoClient.Answer out =
        client.send(
            "POST",
            "/api/auth/logout",
            null,
            "Cookie",
            fresh,
            "X-CSRF-Token",
            cookie(renewed, "__Host-csrf"),
            "Origin",
            origin);
    assertThat(out.status()).isEqualTo(204);
    assertThat(out.setCookies())
        .anySatisfy(c -> assertThat(c).startsWith("__Host-access_token=;").contains("Max-Age=0"));
    assertThat(out.header("Clear-Site-Data")).contains("cookies");
    assertThat(client.send("GET", "/api/todos", null, "Cookie", fresh).status()).isEqualTo(401);
  }

  private static String cookie(DemoClient.Answer a, String name) {
    for (String c : a.setCookies()) {
      if (c.startsWith(name + "=")) {
        int end = c.indexOf(';');
        return c.substring(name.length() + 1, end < 0 ? c.length() : end);
      }
    }
    throw new AssertionError("no Set-Cookie " + name + " in " + a.setCookies());
  }
}
