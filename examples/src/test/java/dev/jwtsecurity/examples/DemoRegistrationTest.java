package dev.jwtsecurity.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.examples.story.DemoClient;
import dev.jwtsecurity.examples.story.MutableClock;
import dev.jwtsecurity.password.PasswordHasher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Registration over real HTTP: look-alike names of a registered user are refused, the profile's
 * refusals are validation answers, password lengths count code points (never 503), and
 * registrations are throttled per client address (429 with Retry-After). And the other side of many
 * names from one address: a login spray over made-up names raises a security alert.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoRegistrationTest {

  private static final String PASSWORD = "correct horse battery staple";
  private static final String EMOJI = new String(Character.toChars(0x1F600));

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
  private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
  private DemoServer server;
  private DemoClient client;

  @BeforeAll
  void start() throws Exception {
    server =
        DemoServer.builder()
            .environment(Map.of("REGISTRATION_ATTEMPTS_PER_HOUR", "1000"))
            .clock(clock)
            .port(0)
            .events(events::add)
            .start();
    client = new DemoClient(server.baseUri());
    assertThat(client.register("victim", PASSWORD).status()).isEqualTo(201);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "Victim",
        "\uFF56\uFF49\uFF43\uFF54\uFF49\uFF4D", // full-width
        "v\u0456ctim", // Cyrillic і
        "victirn", // rn looks like m
      })
  void register_lookAlikeOfARegisteredName_answers409(String lookAlike) {
    DemoClient.Answer a = client.register(lookAlike, PASSWORD);
    assertThat(a.status()).isEqualTo(409);
    assertThat(a.json().path("detail").asText()).contains("too similar");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"\uFB01le-owner", "\u017Fmith", "john smith", "vic\u200Btim"})
  void register_nameTheProfileRefuses_answers400WithTheReason(String name) {
    DemoClient.Answer a = client.register(name, PASSWORD);
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().path("detail").asText()).isNotBlank().doesNotContain(name);
  }

  @Test
  void register_longestEmojiPassword_isAcceptedAndLogsIn() {
    String password = EMOJI.repeat(PasswordHasher.MAX_PASSWORD_CODE_POINTS);
    assertThat(client.register("emoji-fan", password).status()).isEqualTo(201);
    assertThat(client.login("emoji-fan", password).status()).isEqualTo(200);
  }

  @Test
  void register_oneEmojiTooMany_answers400NotBusy() {
    DemoClient.Answer a =
        client.register("emoji-over", EMOJI.repeat(PasswordHasher.MAX_PASSWORD_CODE_POINTS + 1));
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().path("detail").asText()).contains("1024");
    DemoClient.Answer login =
        client.login("victim", EMOJI.repeat(PasswordHasher.MAX_PASSWORD_CODE_POINTS + 1));
    assertThat(login.status()).isIn(400, 401);
  }

  @Test
  void login_sprayOverManyMadeUpNamesFromOneAddress_raisesCredentialStuffingAlert() {
    for (int i = 0; i < 25; i++) {
      assertThat(client.login("staff" + i, "Winter2026!").status()).isIn(401, 429);
      clock.advance(Duration.ofSeconds(30));
    }
    assertThat(events)
        .anyMatch(
            e ->
                e.type() == SecurityEventType.SECURITY_ALERT
                    && "CREDENTIAL_STUFFING".equals(e.reason()));
  }

  @Test
  void register_beyondTheAddressBudget_answers429WithRetryAfter() throws Exception {
    try (DemoServer small =
        DemoServer.builder()
            .environment(Map.of("REGISTRATION_ATTEMPTS_PER_HOUR", "3"))
            .clock(clock)
            .port(0)
            .start()) {
      DemoClient c = new DemoClient(small.baseUri());
      assertThat(c.register("first", PASSWORD).status()).isEqualTo(201);
      assertThat(c.register("first", PASSWORD).status()).isEqualTo(409); // counts too
      assertThat(c.register("third", PASSWORD).status()).isEqualTo(201);
      DemoClient.Answer refused = c.register("fourth", PASSWORD);
      assertThat(refused.status()).isEqualTo(429);
      assertThat(Long.parseLong(refused.header("Retry-After"))).isEqualTo(15 * 60);
      assertThat(c.login("fourth", PASSWORD).status()).isEqualTo(401); // nothing was created
    }
  }
}
