package dev.jwtsecurity.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsecurity.examples.story.DemoClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code GET /metrics} over real HTTP: the Prometheus text format, for loopback clients only. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoMetricsTest {

  private static final String PASSWORD = "correct horse battery staple";

  private DemoServer server;
  private DemoClient client;

  @BeforeAll
  void start() throws Exception {
    server =
        DemoServer.builder()
            .environment(Map.of())
            .host("127.0.0.1")
            .port(0)
            .stderr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
            .start();
    client = new DemoClient(server.baseUri());
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void metrics_loopbackClient_prometheusTextWithTheSecurityCounters() {
    client.newUser("metrics-user", PASSWORD);
    assertThat(client.login("metrics-user", "wrong password").status()).isEqualTo(401);
    assertThat(client.withToken("GET", "/api/todos", null, "not.a.token").status()).isEqualTo(401);

    DemoClient.Answer r = client.send("GET", "/metrics", null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/plain").contains("version=0.0.4");
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    assertThat(r.text())
        .contains("# TYPE jwtsecurity_events_total counter")
        .containsPattern(
            "jwtsecurity_events_total\\{reason=\"wrong_password\",type=\"authn_login_fail\"} 1")
        .containsPattern(
            "jwtsecurity_events_total\\{reason=\"none\",type=\"authn_login_success\"} 1")
        .containsPattern(
            "jwtsecurity_events_total\\{reason=\"malformed\",type=\"authn_token_invalid\"} 1")
        .containsPattern("jwtsecurity_token_validation_seconds_count\\{outcome=\"refused\"} 1")
        .containsPattern("jwtsecurity_password_hashing_seconds_count\\{outcome=\"completed\"} \\d")
        .containsPattern(
            "jwtsecurity_store_operations_seconds_count\\{operation=\"create\",outcome=\"success\","
                + "store=\"refresh_tokens\"} 1")
        .contains("jwtsecurity_password_hashes_active")
        .contains("jwtsecurity_throttle_entries")
        .contains("jwtsecurity_denylist_entries")
        .doesNotContain("metrics-user")
        .doesNotContain(PASSWORD);
  }

  @Test
  void metrics_relayedByAProxy_theDemosOrdinary404() {
    DemoClient.Answer genuine = client.send("GET", "/no-such-page", null);

    for (String header : new String[] {"X-Forwarded-For", "Forwarded", "X-Real-IP", "Via"}) {
      DemoClient.Answer r = client.send("GET", "/metrics", null, header, "for=203.0.113.9");
      assertThat(r.status()).as(header).isEqualTo(404);
      assertThat(r.text()).as(header).isEqualTo(genuine.text()).doesNotContain("jwtsecurity");
    }
  }

  @Test
  void metrics_otherMethod_405() {
    DemoClient.Answer r = client.send("POST", "/metrics", "{}");

    assertThat(r.status()).isEqualTo(405);
  }

  @Test
  void fromLoopback_fixedCases() {
    assertThat(MetricsServlet.fromLoopback("127.0.0.1", false)).isTrue();
    assertThat(MetricsServlet.fromLoopback("127.255.0.9", false)).isTrue();
    assertThat(MetricsServlet.fromLoopback("::1", false)).isTrue();
    assertThat(MetricsServlet.fromLoopback("[::1]", false)).isTrue();
    assertThat(MetricsServlet.fromLoopback("0:0:0:0:0:0:0:1", false)).isTrue();
    assertThat(MetricsServlet.fromLoopback("127.0.0.1", true)).isFalse();
    assertThat(MetricsServlet.fromLoopback("10.0.0.1", false)).isFalse();
    assertThat(MetricsServlet.fromLoopback("::2", false)).isFalse();
    assertThat(MetricsServlet.fromLoopback("localhost", false))
        .as("names are not literals")
        .isFalse();
    assertThat(MetricsServlet.fromLoopback("", false)).isFalse();
    assertThat(MetricsServlet.fromLoopback(null, false)).isFalse();
  }

  static LongStream seeds() {
    long base = new Random().nextLong();
    System.out.println("DemoMetricsTest seeds start at " + base);
    return LongStream.range(0, 5).map(i -> base + i);
  }

  /** Any IPv4 address is admitted exactly when it is in 127.0.0.0/8, and never when forwarded. */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void fromLoopback_randomIpv4_exactly127Slash8(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 2_000; i++) {
      int first = random.nextInt(4) == 0 ? 127 : random.nextInt(256);
      String address =
          first + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
      assertThat(MetricsServlet.fromLoopback(address, false))
          .as("seed %d: %s", seed, address)
          .isEqualTo(first == 127);
      assertThat(MetricsServlet.fromLoopback(address, true)).isFalse();
    }
  }
}
