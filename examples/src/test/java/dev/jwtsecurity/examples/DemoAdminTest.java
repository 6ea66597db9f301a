package dev.jwtsecurity.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.examples.story.DemoClient;
import dev.jwtsecurity.examples.story.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code ADMIN_USERNAMES} and {@code GET /api/admin/stats} over real HTTP: the role comes from the
 * front door's claims function, the library's role guard checks it, and the filter answers a
 * refusal with the generic 403.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoAdminTest {

  private static final String PASSWORD = "correct horse battery staple";
  private static final String FORBIDDEN =
      "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403}";

  private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
  private DemoServer server;
  private DemoClient client;
  private int users;
  private int todos;
  private JsonNode boss;
  private JsonNode chief;
  private JsonNode worker;
  private String workerId;

  @BeforeAll
  void start() throws Exception {
    server =
        DemoServer.builder()
            .environment(Map.of(AdminUsernames.VARIABLE, "boss, Chief"))
            .clock(new MutableClock(Instant.parse("2026-11-27T12:00:00Z")))
            .port(0)
            .events(events::add)
            .stderr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
            .start();
    client = new DemoClient(server.baseUri());
    boss = newUser("boss");
    chief = newUser("chief"); // listed as "Chief": names are normalised like logins
    workerId = client.register("worker", PASSWORD).json().get("id").asText();
    users++;
    worker = client.login("worker", PASSWORD).json();
    for (JsonNode owner : List.of(worker, worker, boss)) {
      assertThat(client.withToken("POST", "/api/todos", "{\"title\":\"t\"}", token(owner)).status())
          .isEqualTo(201);
      todos++;
    }
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private JsonNode newUser(String name) {
    JsonNode login = client.newUser(name, PASSWORD);
    users++;
    return login;
  }

  private static String token(JsonNode login) {
    return login.get("access_token").asText();
  }

  @Test
  void stats_adminUser_200WithTheCountsOfUsersAndTodos() {
    DemoClient.Answer stats = client.withToken("GET", "/api/admin/stats", null, token(boss));

    assertThat(stats.status()).isEqualTo(200);
    assertThat(stats.header("Content-Type")).startsWith("application/json");
    assertThat(stats.text()).isEqualTo("{\"users\":" + users + ",\"todos\":" + todos + "}");
  }

  @Test
  void stats_nameListedInAnotherCase_isAdminToo() {
    assertThat(client.withToken("GET", "/api/admin/stats", null, token(chief)).status())
        .isEqualTo(200);
  }

  @Test
  void stats_ordinaryUser_generic403AndAuthzFailEvent() {
    events.clear();

    DemoClient.Answer get = client.withToken("GET", "/api/admin/stats", null, token(worker));
    DemoClient.Answer post = client.withToken("POST", "/api/admin/stats", "{}", token(worker));

    assertThat(get.status()).isEqualTo(403);
    assertThat(get.text()).isEqualTo(FORBIDDEN);
    assertThat(get.header("Content-Type")).startsWith("application/problem+json");
    assertThat(post.status()).as("no method probing without the role").isEqualTo(403);
    assertThat(post.text()).isEqualTo(FORBIDDEN);
    assertThat(events)
        .filteredOn(e -> e.type() == SecurityEventType.AUTHZ_FAIL)
        .hasSize(2)
        .allSatisfy(
            e -> {
              assertThat(e.userId()).isEqualTo(workerId);
              assertThat(e.details()).containsEntry("required_role", "admin");
            });
  }

  @Test
  void stats_withoutOrWithAnInvalidToken_401() {
    DemoClient.Answer none = client.send("GET", "/api/admin/stats", null);
    DemoClient.Answer garbage = client.withToken("GET", "/api/admin/stats", null, "not.a.token");

    assertThat(none.status()).isEqualTo(401);
    assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"api\"");
    assertThat(garbage.status()).isEqualTo(401);
    assertThat(garbage.text())
        .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401}");
  }

  @Test
  void adminRole_afterRefresh_chosenAgainByTheClaimsFunction() {
    JsonNode bossLogin = client.login("boss", PASSWORD).json();
    JsonNode workerLogin = client.login("worker", PASSWORD).json();

    JsonNode bossRenewed = client.refresh(bossLogin.get("refresh_token").asText()).json();
    JsonNode workerRenewed = client.refresh(workerLogin.get("refresh_token").asText()).json();

    assertThat(client.withToken("GET", "/api/admin/stats", null, token(bossRenewed)).status())
        .isEqualTo(200);
    assertThat(client.withToken("GET", "/api/admin/stats", null, token(workerRenewed)).status())
        .isEqualTo(403);
  }

  @Test
  void adminPaths_otherThanStats_404() {
    assertThat(client.withToken("GET", "/api/admin/users", null, token(chief)).status())
        .isEqualTo(404);
  }

  @Test
  void adminUsernames_parse_normalisesAndRefusesEmptyEntries() {
    assertThat(AdminUsernames.parse(null)).isEmpty();
    assertThat(AdminUsernames.parse("  ")).isEmpty();
    assertThat(AdminUsernames.parse(" Alice@Example.COM ,bob"))
        .isEqualTo(Set.of("alice@example.com", "bob"));
    assertThatThrownBy(() -> AdminUsernames.parse("alice,,bob"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ADMIN_USERNAMES: entry 2 is not a user name");
    assertThatThrownBy(
            () ->
                DemoServer.builder()
                    .environment(Map.of(AdminUsernames.VARIABLE, "alice,"))
                    .port(0)
                    .stderr(
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                    .start())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
