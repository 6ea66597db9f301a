package dev.jwtsecurity.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.examples.story.DemoClient;
import dev.jwtsecurity.examples.story.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The demo run as two instances behind a (pretend) load balancer, over real HTTP: two demo servers
 * in this JVM, each with its own Jetty, {@code JwtSecurity}, connection pool and event list,
 * sharing only the database (and Redis) and the keys, started together on an empty schema. Every
 * step that changes state happens on one instance and is checked on the other. The clock is shared
 * (one moved by the test, like two machines synchronised by NTP).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoInstanceStory {

  static final String POSTGRES_ENV = "JWTSEC_TEST_POSTGRES_URL";
  static final String REDIS_ENV = "JWTSEC_TEST_REDIS_URL";
  private static final String PASSWORD = "correct horse battery staple";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicInteger USERS = new AtomicInteger();

  final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  final String run = "demo" + HexFormat.of().formatHex(bytes(5));
  private final List<SecurityEvent> eventsA = new CopyOnWriteArrayList<>();
  private final List<SecurityEvent> eventsB = new CopyOnWriteArrayList<>();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private String postgresUrl;
  private boolean schemaCreated;
  DemoServer a;
  DemoServer b;
  DemoClient clientA;
  DemoClient clientB;

  /** Adds what this variant shares besides the database ({@code REDIS_URL}); may skip the class. */
  abstract void addSharedState(Map<String, String> env);

  /** Checks that the library's stores are where this variant puts them. */
  abstract void assertStoresWhereExpected() throws SQLException;

  /** Where the instances say the library's stores are. */
  abstract String storesAnnounced();

  @BeforeAll
  void startTwoInstancesTogether() throws Exception {
    postgresUrl = System.getenv(POSTGRES_ENV);
    if (postgresUrl == null || postgresUrl.isBlank()) {
      skip(POSTGRES_ENV + " is not set; two-instance demo tests SKIPPED (.ci/run sets it)");
    }
    try (Connection c = DriverManager.getConnection(postgresUrl);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + run); // this run's own tables: no other test sees them
      schemaCreated = true;
    } catch (SQLException e) {
      skip(
          "PostgreSQL at "
              + POSTGRES_ENV
              + " is unreachable (SQLState "
              + e.getSQLState()
              + "); two-instance demo tests SKIPPED");
    }
    Map<String, String> env = new HashMap<>();
    env.put(
        "DATABASE_URL",
        postgresUrl + (postgresUrl.contains("?") ? "&" : "?") + "currentSchema=" + run);
    env.put("JWT_SECRET_KEY", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(64)));
    env.put("JWT_CSRF_KEY", Base64.getEncoder().encodeToString(bytes(32)));
    env.put("JWT_ACCESS_TOKEN_EXPIRE_MINUTES", "5");
    addSharedState(env);

    // Started at the same moment on an empty schema: creating the tables must not race.
    ExecutorService starter = Executors.newFixedThreadPool(2);
    try {
      Future<DemoServer> first = starter.submit(() -> server(env, eventsA));
      Future<DemoServer> second = starter.submit(() -> server(env, eventsB));
      a = first.get(60, TimeUnit.SECONDS);
      b = second.get(60, TimeUnit.SECONDS);
    } finally {
      starter.shutdownNow();
    }
    clientA = new DemoClient(a.baseUri());
    clientB = new DemoClient(b.baseUri());
  }

  private DemoServer server(Map<String, String> env, List<SecurityEvent> events) throws Exception {
    return DemoServer.builder()
        .environment(env)
        .clock(clock)
        .host("127.0.0.1")
        .port(0)
        .events(events::add)
        .redisKeyPrefix(run)
        .stderr(new PrintStream(stderr, true, StandardCharsets.UTF_8))
        .start();
  }

  @AfterAll
  void stop() throws SQLException {
    try {
      if (a != null) {
        a.close();
      }
      if (b != null) {
        b.close();
      }
    } finally {
      if (schemaCreated) {
        try (Connection c = DriverManager.getConnection(postgresUrl);
            Statement s = c.createStatement()) {
          s.execute("DROP SCHEMA IF EXISTS " + run + " CASCADE");
        }
      }
    }
  }

  static void skip(String reason) {
    System.err.println("[jwt-security demo] " + reason);
    Assumptions.abort(reason);
  }

  static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static String newName() {
    return "multi" + USERS.incrementAndGet();
  }

  /** Rows in one of this run's tables. */
  long rows(String table) throws SQLException {
    try (Connection c = DriverManager.getConnection(postgresUrl);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + run + "." + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void start_bothInstances_sayWhereStateLives() {
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .contains("users and todos in PostgreSQL (DATABASE_URL)")
        .contains("refresh tokens, throttle and denylist in " + storesAnnounced())
        .doesNotContain("EPHEMERAL")
        .doesNotContain(postgresUrl);
  }

  @Test
  void registerOnOne_loginAndTodosOnOther_servedAsOneApplication() throws SQLException {
    String name = newName();
    assertThat(clientA.register(name, PASSWORD).status()).isEqualTo(201);
    DemoClient.Answer login = clientB.login(name, PASSWORD);
    assertThat(login.status()).isEqualTo(200);
    String at = login.json().get("access_token").asText();

    DemoClient.Answer created = clientB.withToken("POST", "/api/todos", "{\"title\":\"on b\"}", at);
    assertThat(created.status()).isEqualTo(201);
    long id = created.json().get("id").asLong();
    DemoClient.Answer seenOnA = clientA.withToken("GET", "/api/todos/" + id, null, at);
    assertThat(seenOnA.status()).as("B's token and B's todo, served by A").isEqualTo(200);
    assertThat(seenOnA.json().get("title").asText()).isEqualTo("on b");
    assertThat(clientA.register(name, PASSWORD).status())
        .as("the name is taken on every instance")
        .isEqualTo(409);

    String other = clientA.newUser(newName(), PASSWORD).get("access_token").asText();
    assertThat(clientB.withToken("GET", "/api/todos/" + id, null, other).status())
        .as("another user's todo is not found on either instance")
        .isEqualTo(404);
    assertStoresWhereExpected();
  }

  @Test
  void titleLengths_countedInCodePointsOnPostgres_likeValidation() throws SQLException {
    String at = clientA.newUser(newName(), PASSWORD).get("access_token").asText();
    String emoji = "\uD83D\uDE00"; // one code point, two UTF-16 units, four UTF-8 bytes
    String longest = emoji.repeat(TodoServlet.TITLE_MAX);
    DemoClient.Answer created =
        clientA.withToken("POST", "/api/todos", "{\"title\":\"" + longest + "\"}", at);
    assertThat(created.status()).as("200 emoji stored in PostgreSQL").isEqualTo(201);
    long id = created.json().get("id").asLong();
    assertThat(clientB.withToken("GET", "/api/todos/" + id, null, at).json().get("title").asText())
        .isEqualTo(longest);
    assertThat(
            clientB
                .withToken("POST", "/api/todos", "{\"title\":\"" + longest + emoji + "\"}", at)
                .status())
        .isEqualTo(400);
    try (Connection c = DriverManager.getConnection(postgresUrl);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT character_maximum_length FROM information_schema.columns WHERE"
                    + " table_schema = '"
                    + run
                    + "' AND table_name = 'todos' AND column_name = 'title'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1))
          .as("PostgreSQL counts characters: the column is as long as validation allows")
          .isEqualTo(TodoServlet.TITLE_MAX);
    }
  }

  @Test
  void refreshOnOne_replayOnOtherAfterGrace_revokesFamilyOnBoth() {
    JsonNode login = clientA.newUser(newName(), PASSWORD);
    String rt1 = login.get("refresh_token").asText();
    DemoClient.Answer rotated = clientA.refresh(rt1);
    assertThat(rotated.status()).isEqualTo(200);
    String rt2 = rotated.json().get("refresh_token").asText();

    clock.advance(Duration.ofSeconds(6)); // past the 5 s grace window: a second use of rt1 is reuse
    DemoClient.Answer replay = clientB.refresh(rt1);
    assertThat(replay.status()).isEqualTo(401);
    assertThat(eventsB).anyMatch(e -> e.type() == SecurityEventType.AUTHN_TOKEN_REUSE);
    assertThat(clientA.refresh(rt2).status())
        .as("the successor dies with its family on the instance that issued it")
        .isEqualTo(401);
    assertThat(clientB.refresh(rt2).status()).as("and on the other").isEqualTo(401);
  }

  @Test
  void logoutOnOne_accessTokenRefusedOnOtherAtOnce() {
    JsonNode login = clientA.newUser(newName(), PASSWORD);
    String at = login.get("access_token").asText();
    String rt = login.get("refresh_token").asText();
    assertThat(clientB.withToken("GET", "/api/todos", null, at).status()).isEqualTo(200);

    DemoClient.Answer out =
        clientA.send(
            "POST",
            "/api/auth/logout",
            "{\"refresh_token\":\"" + rt + "\"}",
            "Authorization",
            "Bearer " + at);
    assertThat(out.status()).isEqualTo(204);
    // No clock movement, no cache to expire: the denylist is shared.
    assertThat(clientB.withToken("GET", "/api/todos", null, at).status()).isEqualTo(401);
    assertThat(clientB.refresh(rt).status()).isEqualTo(401);
  }

  @Test
  void failedLoginsOnBoth_countTowardsOneThrottle() {
    String name = newName();
    clientA.register(name, PASSWORD);
    // Five failures lock the account; three here and two there are five, not three and two.
    for (int i = 0; i < 5; i++) {
      DemoClient client = i % 2 == 0 ? clientA : clientB;
      assertThat(client.login(name, "wrong password " + i).status()).isEqualTo(401);
    }
    DemoClient.Answer onA = clientA.login(name, PASSWORD);
    DemoClient.Answer onB = clientB.login(name, PASSWORD);
    assertThat(onA.status()).isEqualTo(429);
    assertThat(onB.status()).isEqualTo(429);
    assertThat(Long.parseLong(onB.header("Retry-After"))).isBetween(1L, 60L);

    clock.advance(Duration.ofMinutes(1).plusSeconds(1)); // the first lockout is one minute
    assertThat(clientB.login(name, PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void cookieLoginOnOne_csrfCheckedWriteOnOther_accepted() {
    String name = newName();
    clientA.register(name, PASSWORD);
    DemoClient.Answer login =
        clientA.send(
            "POST",
            "/api/auth/login",
            DemoClient.credentials(name, PASSWORD),
            "X-Auth-Mode",
            "cookie");
    assertThat(login.status()).isEqualTo(200);
    String csrf = cookie(login, "__Host-csrf");
    String cookies =
        "__Host-access_token="
            + cookie(login, "__Host-access_token")
            + "; "
            + "__Host-csrf="
            + csrf;
    // Behind a load balancer both instances answer one origin; here each has its own port.
    DemoClient.Answer write =
        clientB.send(
            "POST",
            "/api/todos",
            "{\"title\":\"cookie write\"}",
            "Cookie",
            cookies,
            "X-CSRF-Token",
            csrf,
            "Origin",
            "http://" + b.baseUri().getAuthority());
    assertThat(write.status()).as("the CSRF token minted by A verifies on B").isEqualTo(201);
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
