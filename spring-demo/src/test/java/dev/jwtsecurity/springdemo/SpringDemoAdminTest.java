package dev.jwtsecurity.springdemo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.examples.story.DemoClient;
import dev.jwtsecurity.examples.story.MutableClock;
import dev.jwtsecurity.examples.story.TodoDemoStory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code ADMIN_USERNAMES} and {@code GET /api/admin/stats} on the Spring Boot demo, guarded by
 * {@code @PreAuthorize}: the exact counts for an admin, the generic 403 with an {@code authz_fail}
 * event for a user without the role (whatever the method), 401 without a token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringDemoAdminTest {

  private static final String PASSWORD = "correct horse battery staple";
  private static final String FORBIDDEN =
      "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403}";

  private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
  private TodoDemoStory.Demo demo;
  private DemoClient client;

  @BeforeAll
  void start() {
    demo =
        SpringDemoEndToEndTest.SpringDemos.start(
            Map.of("ADMIN_USERNAMES", "Boss"),
            new MutableClock(Instant.parse("2026-11-27T12:00:00Z")),
            events::add,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    client = new DemoClient(demo.baseUri());
  }

  @AfterAll
  void stop() throws Exception {
    demo.stop().close();
  }

  @Test
  void stats_admin_exactCounts() {
    String boss = client.newUser("boss", PASSWORD).get("access_token").asText();
    client.withToken("POST", "/api/todos", "{\"title\":\"one\"}", boss);

    DemoClient.Answer stats = client.withToken("GET", "/api/admin/stats", null, boss);

    assertThat(stats.status()).isEqualTo(200);
    assertThat(stats.json().get("users").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(stats.json().get("todos").asLong()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void stats_userWithoutRole_generic403AndAuthzFailWhateverTheMethod() {
    String worker = client.newUser("worker", PASSWORD).get("access_token").asText();
    events.clear();

    DemoClient.Answer get = client.withToken("GET", "/api/admin/stats", null, worker);
    DemoClient.Answer post = client.withToken("POST", "/api/admin/stats", "{}", worker);

    assertThat(get.status()).isEqualTo(403);
    assertThat(get.text()).isEqualTo(FORBIDDEN);
    assertThat(post.status()).isEqualTo(403);
    assertThat(post.body()).isEqualTo(get.body());
    assertThat(events).filteredOn(e -> e.type() == SecurityEventType.AUTHZ_FAIL).hasSize(2);
  }

  @Test
  void stats_withoutToken_401() {
    assertThat(client.send("GET", "/api/admin/stats", null).status()).isEqualTo(401);
  }

  @Test
  void adminUsernames_entryThatIsNoName_refused() {
    assertThat(DemoSecurity.parseAdmins(" Alice ,bob")).containsExactlyInAnyOrder("alice", "bob");
    assertThatThrownBy(() -> DemoSecurity.parseAdmins("alice,,bob"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ADMIN_USERNAMES: entry 2 is not a user name");
  }
}
