package dev.jwtsecurity.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsecurity.examples.story.DemoClient;
import dev.jwtsecurity.servlet.ProblemResponses;
import dev.jwtsecurity.testing.LogCapture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The server in front of the demo, over real sockets: slow and greedy clients, Jetty's own error
 * answers, request bodies that are not what they claim, HEAD, unexpected failures and the log lines
 * they leave.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoServerHardeningTest {

  private static final String PASSWORD = "correct horse battery staple";
  private static final AtomicInteger USERS = new AtomicInteger();

  private DemoServer server;
  private DemoClient client;

  @BeforeAll
  void start() throws Exception {
    server = started(DemoServer.builder().bodyDeadline(Duration.ofSeconds(2)));
    client = new DemoClient(server.baseUri());
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private static DemoServer started(DemoServer.Builder b) throws Exception {
    return b.host("127.0.0.1")
        .port(0)
        .stderr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
        .start();
  }

  private static String newName() {
    return "hard" + USERS.incrementAndGet();
  }

  private static InetAddress loopback(int last) throws IOException {
    return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
  }

  // ---- slow and greedy clients ----

  @Test
  void slowBodies_threeHundredClients_normalRequestsStillAnsweredWithinBound() throws Exception {
    try (DemoServer s = started(DemoServer.builder().bodyDeadline(Duration.ofSeconds(60)))) {
      URI base = s.baseUri();
      List<SocketChannel> slow = new ArrayList<>();
      try {
        // 300 clients (more than the server's threads), 30 per address so the per-client limit
        // does not refuse them: each sends its headers and the first byte of a 1000-byte body.
        byte[] head =
            lines(
                    "POST /api/auth/register HTTP/1.1",
                    "Host: 127.0.0.1",
                    "Content-Type: application/json",
                    "Content-Length: 1000",
                    "",
                    "{")
                .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 300; i++) {
          SocketChannel c = SocketChannel.open();
          c.bind(new InetSocketAddress(loopback(2 + i / 30), 0));
          c.connect(new InetSocketAddress(base.getHost(), base.getPort()));
          c.write(ByteBuffer.wrap(head));
          c.configureBlocking(false);
          slow.add(c);
        }
        AtomicBoolean trickling = new AtomicBoolean(true);
        Thread trickle =
            new Thread(
                () -> {
                  while (trickling.get()) {
                    for (SocketChannel c : slow) {
                      try {
                        c.write(ByteBuffer.wrap(new byte[] {' '}));
                      } catch (IOException e) {
                        // counted below: every slow client must still be connected
                      }
                    }
                    sleep(500);
                  }
                });
        trickle.start();
        sleep(500);
        DemoClient normal = new DemoClient(base);
        long slowest = 0;
        try {
          for (int i = 0; i < 20; i++) {
            long t0 = System.nanoTime();
            DemoClient.Answer page = normal.send("GET", "/", null);
            DemoClient.Answer login = normal.login("nobody" + i, "wrong password!");
            slowest = Math.max(slowest, System.nanoTime() - t0);
            assertThat(page.status()).isEqualTo(200);
            assertThat(login.status()).isEqualTo(401);
          }
        } finally {
          trickling.set(false);
          trickle.join();
        }
        assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofSeconds(5));
        // The slow clients are all still there, unanswered: they were waited for, not dropped.
        int open = 0;
        for (SocketChannel c : slow) {
          if (c.read(ByteBuffer.allocate(64)) == 0) {
            open++;
          }
        }
        assertThat(open).isEqualTo(300);
      } finally {
        for (SocketChannel c : slow) {
          c.close();
        }
      }
    }
  }

  @Test
  void connectionsPerClient_beyondLimit_closedAtOnceWhileOtherClientsServed() throws Exception {
    try (DemoServer s = started(DemoServer.builder().connectionsPerClient(4))) {
      URI base = s.baseUri();
      InetAddress greedy = loopback(50);
      List<Socket> held = new ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) {
          held.add(RawHttp.connect(base, greedy));
        }
        sleep(300);
        try (Socket fifth = RawHttp.connect(base, greedy)) {
          fifth.setSoTimeout(3_000);
          assertThat(fifth.getInputStream().read()).as("closed at once").isEqualTo(-1);
        }
        RawHttp.Answer other =
            RawHttp.exchange(
                base,
                "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII),
                loopback(51));
        assertThat(other.status()).isEqualTo(200);
      } finally {
        for (Socket h : held) {
          h.close();
        }
      }
      sleep(300);
      RawHttp.Answer again =
          RawHttp.exchange(
              base,
              "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII),
              greedy);
      assertThat(again.status()).as("served again once its connections closed").isEqualTo(200);
    }
  }

  @Test
  void stalledBody_afterDeadline_answers408ProblemAndCloses() throws Exception {
    try (Socket sock = RawHttp.connect(server.baseUri(), null)) {
      long t0 = System.nanoTime();
      sock.getOutputStream()
          .write(
              lines(
                      "POST /api/auth/login HTTP/1.1",
                      "Host: a",
                      "Content-Type: application/json",
                      "Content-Length: 100",
                      "",
                      "{\"username\":")
                  .getBytes(StandardCharsets.US_ASCII));
      RawHttp.Answer a = RawHttp.parse(RawHttp.readAll(sock.getInputStream()));
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(8));
      assertGenericProblem(a, 408);
      assertThat(a.header("Connection")).isEqualTo("close");
    }
  }

  @Test
  void tricklingBody_underIdleTimeout_stillAnswered408AtDeadline() throws Exception {
    try (Socket sock = RawHttp.connect(server.baseUri(), null)) {
      sock.getOutputStream()
          .write(
              lines(
                      "POST /api/auth/login HTTP/1.1",
                      "Host: a",
                      "Content-Type: application/json",
                      "Content-Length: 100",
                      "",
                      "")
                  .getBytes(StandardCharsets.US_ASCII));
      long t0 = System.nanoTime();
      boolean refused = false;
      for (int i = 0; i < 40 && !refused; i++) {
        try {
          sock.getOutputStream().write(' ');
          sock.getOutputStream().flush();
        } catch (IOException e) {
          refused = true;
        }
        sleep(250);
        if (sock.getInputStream().available() > 0) {
          refused = true;
        }
      }
      assertThat(refused).as("answered before the body completed").isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(6));
      assertGenericProblem(RawHttp.parse(RawHttp.readAll(sock.getInputStream())), 408);
    }
  }

  @Test
  void declaredBodyTooLarge_answers413BeforeReadingIt() {
    RawHttp.Answer a =
        RawHttp.exchange(
            server.baseUri(),
            lines(
                "POST /api/auth/login HTTP/1.1",
                "Host: a",
                "Content-Type: application/json",
                "Content-Length: 1000000",
                "",
                ""));
    assertGenericProblem(a, 413);
  }

  // ---- Jetty's own error answers ----

  @Test
  void containerErrors_everyOne_isTheGenericProblemWithSecurityHeaders() {
    Map<String, Integer> requests = new LinkedHashMap<>();
    requests.put("GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n", 431);
    requests.put("GET /api/%2e%2e/secret HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", 400);
    requests.put("GET /api/a%2Fb HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", 400);
    requests.put("GET /a\u0001b HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", 400);
    requests.put("GET /a HTTP/1.1\r\nHost: a\r\nBad\u007fName: x\r\n\r\n", 400);
    requests.put("GET /a HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400);
    requests.put(
        lines(
            "POST /api/auth/login HTTP/1.1",
            "Host: a",
            "Content-Length: 1",
            "Transfer-Encoding: chunked",
            "",
            "0",
            "",
            ""),
        400);
    for (Map.Entry<String, Integer> r : requests.entrySet()) {
      RawHttp.Answer a = RawHttp.exchange(server.baseUri(), r.getKey());
      assertGenericProblem(a, r.getValue());
      assertThat(a.raw()).doesNotContainIgnoringCase("<html").doesNotContain("secret");
    }
  }

  private static void assertGenericProblem(RawHttp.Answer a, int status) {
    assertThat(a.status()).as(a.raw()).isEqualTo(status);
    assertThat(a.header("Content-Type")).isEqualTo(ProblemResponses.CONTENT_TYPE);
    assertThat(a.body())
        .isEqualTo(new String(ProblemResponses.body(status), StandardCharsets.UTF_8))
        .doesNotContain("\"title\":\"Error\"");
    assertThat(a.header("Cache-Control")).isEqualTo("no-store");
    assertThat(a.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(a.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(a.header("Content-Security-Policy")).contains("default-src 'none'");
    assertThat(a.header("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(a.header("Server")).isNull();
  }

  // ---- unexpected input ----

  @Test
  void unsupportedCharset_answers415WithoutAnyStackTraceInTheLog() {
    int mark = LogCapture.global().size();
    for (String charset : List.of("foo", "x-unknown", "latin1", "utf-16", "\"\"")) {
      DemoClient.Answer a =
          client.send(
              "POST",
              "/api/auth/login",
              DemoClient.credentials("someone", PASSWORD),
              "Content-Type",
              "application/json; charset=" + charset);
      assertThat(a.status()).as(charset).isEqualTo(415);
      assertThat(a.header("Content-Type")).startsWith("application/problem+json");
      assertThat(a.json().get("title").asText()).isEqualTo("Unsupported Media Type");
      assertThat(a.text()).doesNotContain(charset);
    }
    for (String utf8 : List.of("utf-8", "UTF-8", "\"utf-8\"")) {
      DemoClient.Answer a =
          client.send(
              "POST",
              "/api/auth/login",
              DemoClient.credentials("someone", PASSWORD),
              "Content-Type",
              "application/json;charset=" + utf8);
      assertThat(a.status()).as(utf8).isEqualTo(401);
    }
    assertThat(LogCapture.global().linesSince(mark))
        .noneMatch(l -> l.contains("Exception"))
        .noneMatch(l -> l.contains("\tat "));
  }

  @Test
  void auditLine_craftedUserAgent_cannotForgeFields() {
    String name = newName();
    String forged = "x\" user=999 action=logout-all ua=\"y \\\" z";
    int mark = LogCapture.global().size();
    client.send(
        "POST", "/api/auth/register", DemoClient.credentials(name, PASSWORD), "User-Agent", forged);
    List<String> audit =
        LogCapture.global().linesSince(mark).stream()
            .filter(l -> l.contains("demo.audit"))
            .toList();
    assertThat(audit).hasSize(1);
    String line = audit.get(0).substring(audit.get(0).indexOf(" - ") + 3);
    Map<String, String> fields = Logfmt.parse(line);
    assertThat(fields.keySet())
        .containsExactly("user", "action", "resource", "outcome", "ip", "ua", "request");
    assertThat(fields.get("action")).isEqualTo("register");
    assertThat(fields.get("user")).isNotEqualTo("999");
    assertThat(fields.get("ua")).isEqualTo(forged);
  }

  @Test
  void titleLengths_countedInCodePoints_andTheDatabaseAgrees() {
    String at = client.newUser(newName(), PASSWORD).get("access_token").asText();
    String emoji = "\uD83D\uDE00";
    for (int n : List.of(101, 200)) {
      DemoClient.Answer a = client.withToken("POST", "/api/todos", todo(emoji.repeat(n)), at);
      assertThat(a.status()).as(n + " emoji").isEqualTo(201);
      assertThat(a.json().get("title").asText()).isEqualTo(emoji.repeat(n));
    }
    DemoClient.Answer tooLong = client.withToken("POST", "/api/todos", todo(emoji.repeat(201)), at);
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().get("detail").asText())
        .isEqualTo("title must be 1 to 200 characters");
  }

  @Test
  void blankTitles_refused_andSurroundingBlanksTrimmed() {
    String at = client.newUser(newName(), PASSWORD).get("access_token").asText();
    for (String blank : List.of("   ", "\\u00a0\\u2003", "\\u200b \\ufeff", "\\u3000")) {
      DemoClient.Answer a = client.withToken("POST", "/api/todos", todo(blank), at);
      assertThat(a.status()).as(blank).isEqualTo(400);
      assertThat(a.json().get("detail").asText()).isEqualTo("title must not be blank");
    }
    DemoClient.Answer ok = client.withToken("POST", "/api/todos", todo("  milk \\u00a0"), at);
    assertThat(ok.status()).isEqualTo(201);
    assertThat(ok.json().get("title").asText()).isEqualTo("milk");
  }

  @Test
  void malformedUtf8AndSurrogates_inBody_refusedWith400NeverDecoded() throws Exception {
    String at = client.newUser(newName(), PASSWORD).get("access_token").asText();
    Map<String, byte[]> bad = new LinkedHashMap<>();
    bad.put("overlong <", bytes(0xc0, 0xbc));
    bad.put("overlong / (3 bytes)", bytes(0xe0, 0x80, 0xaf));
    bad.put("CESU-8 pair", bytes(0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80));
    bad.put("lone surrogate bytes", bytes(0xed, 0xa0, 0x80));
    bad.put("above U+10FFFF", bytes(0xf4, 0x90, 0x80, 0x80));
    bad.put("truncated", bytes(0xf0, 0x9f, 0x98));
    bad.put("latin-1", bytes(0xe9));
    bad.put("escaped lone high surrogate", "\\ud800".getBytes(StandardCharsets.US_ASCII));
    bad.put("escaped lone low surrogate", "a\\udc00b".getBytes(StandardCharsets.US_ASCII));
    bad.put("escaped reversed pair", "\\ude00\\ud83d".getBytes(StandardCharsets.US_ASCII));
    HttpClient http = HttpClient.newHttpClient();
    for (Map.Entry<String, byte[]> e : bad.entrySet()) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.writeBytes("{\"title\":\"".getBytes(StandardCharsets.US_ASCII));
      body.writeBytes(e.getValue());
      body.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(server.baseUri().resolve("/api/todos"))
                  .header("Authorization", "Bearer " + at)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(e.getKey()).isEqualTo(400);
    }
    assertThat(client.withToken("GET", "/api/todos", null, at).json()).isEmpty();
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  private static String todo(String titleJson) {
    return "{\"title\":\"" + titleJson + "\"}";
  }

  // ---- methods ----

  @Test
  void head_onGetResources_answersLikeGetWithoutBody() {
    String at = client.newUser(newName(), PASSWORD).get("access_token").asText();
    long id = client.withToken("POST", "/api/todos", todo("bread"), at).json().get("id").asLong();
    for (String path : List.of("/api/todos", "/api/todos/" + id)) {
      DemoClient.Answer get = client.withToken("GET", path, null, at);
      RawHttp.Answer head =
          RawHttp.exchange(
              server.baseUri(),
              "HEAD "
                  + path
                  + " HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer "
                  + at
                  + "\r\nConnection: close\r\n\r\n");
      assertThat(head.status()).as(path).isEqualTo(200);
      assertThat(head.header("Content-Type")).isEqualTo(get.header("Content-Type"));
      assertThat(head.header("Content-Length")).isEqualTo(get.header("Content-Length"));
      assertThat(head.body()).isEmpty();
    }
    DemoClient.Answer patch = client.withToken("PATCH", "/api/todos", "{}", at);
    assertThat(patch.status()).isEqualTo(405);
    assertThat(patch.header("Allow")).isEqualTo("GET, HEAD, POST");
    assertThat(patch.json().get("title").asText()).isEqualTo("Method Not Allowed");
  }

  // ---- unexpected failures ----

  @Test
  void unexpectedFailure_answersGeneric500_andLogsOneRateLimitedLineWithoutInput()
      throws Exception {
    try (DemoServer s = started(DemoServer.builder())) {
      DemoClient c = new DemoClient(s.baseUri());
      String at = c.newUser(newName(), PASSWORD).get("access_token").asText();
      try (Connection db = s.database().connection();
          Statement st = db.createStatement()) {
        st.execute("DROP TABLE todos");
      }
      String marker = "MARKER-" + System.nanoTime();
      int mark = LogCapture.global().size();
      int requests = 3 * UnexpectedErrorFilter.LINES_PER_MINUTE;
      for (int i = 0; i < requests; i++) {
        DemoClient.Answer a = c.withToken("POST", "/api/todos", todo(marker), at);
        assertThat(a.status()).isEqualTo(500);
        assertThat(a.text())
            .isEqualTo(new String(ProblemResponses.body(500), StandardCharsets.UTF_8));
        assertThat(a.header("X-Content-Type-Options")).isEqualTo("nosniff");
      }
      List<String> lines = LogCapture.global().linesSince(mark);
      assertThat(lines.stream().filter(l -> l.contains("unexpected_failure")).count())
          .isBetween(1L, (long) UnexpectedErrorFilter.LINES_PER_MINUTE);
      assertThat(lines)
          .filteredOn(l -> l.contains("unexpected_failure"))
          .allMatch(l -> l.contains("DataAccessException") && l.contains("TodoStore"));
      assertThat(lines)
          .noneMatch(l -> l.contains(marker))
          .noneMatch(l -> l.toUpperCase(java.util.Locale.ROOT).contains("SELECT"))
          .noneMatch(l -> l.contains("\tat "));
    }
  }

  /** HTTP/1.1 lines joined by CRLF. */
  private static String lines(String... lines) {
    return String.join("\r\n", lines);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
