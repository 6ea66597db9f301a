package dev.jwtsecurity.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.idp.AuthorizationServer;
import dev.jwtsecurity.testing.Secrets;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Todo demo as a resource server, over HTTP: started with {@code JWT_ISSUER_URI} (Spring
 * Authorization Server on a free loopback port, found by discovery) and {@code JWT_AUDIENCE}, it
 * accepts the server's {@code client_credentials} tokens on {@code /api/todos}, RS256 and ES256;
 * each token's {@code sub} owns its todos, another subject's todo is the same 404 as a missing one,
 * and the demo's own login keeps working beside them.
 */
class DemoResourceServerTest {

  static AuthorizationServer idp;
  static DemoServer demo;
  static final List<SecurityEvent> EVENTS = new CopyOnWriteArrayList<>();
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @BeforeAll
  static void start() throws Exception {
    idp = AuthorizationServer.start();
    demo =
        DemoServer.builder()
            .environment(Map.of("JWT_ISSUER_URI", idp.issuer(), "JWT_AUDIENCE", "orders-api"))
            .host("127.0.0.1")
            .port(0)
            .events(EVENTS::add)
            .stderr(new PrintStream(OutputStream.nullOutputStream()))
            .start();
  }

  @AfterAll
  static void stop() {
    if (demo != null) {
      demo.close();
    }
    if (idp != null) {
      idp.close();
    }
  }

  /** One answer; the body as text (the 404 bodies are compared whole). */
  record Answer(int status, String text) {
    JsonNode json() throws IOException {
      return Api.JSON.readTree(text);
    }
  }

  static Answer send(String method, String path, String json, String bearer) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(demo.baseUri() + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    HttpResponse<String> r =
        HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(r.statusCode(), r.body());
  }

  static long create(String token, String title) throws Exception {
    Answer created = send("POST", "/api/todos", "{\"title\":\"" + title + "\"}", token);
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json().get("id").asLong();
  }

  @Test
  void providerTokens_rs256AndEs256Subjects_eachSeesOnlyItsOwnTodos_otherIs404LikeMissing()
      throws Exception {
    String rs = idp.token("orders-client", "orders.read"); // RS256, sub orders-client
    String ec = idp.token("orders-client-ec", "orders.read"); // ES256, sub orders-client-ec
    long rsTodo = create(rs, "from the RS256 client");
    long ecTodo = create(ec, "from the ES256 client");

    JsonNode rsList = send("GET", "/api/todos", null, rs).json();
    assertThat(rsList.findValuesAsText("title"))
        .contains("from the RS256 client")
        .doesNotContain("from the ES256 client", "alice's own");
    JsonNode ecList = send("GET", "/api/todos", null, ec).json();
    assertThat(ecList.findValuesAsText("title")).containsExactly("from the ES256 client");

    Answer missing = send("GET", "/api/todos/999999", null, ec);
    assertThat(missing.status()).isEqualTo(404);
    for (String method : List.of("GET", "PUT", "DELETE")) {
      String body = method.equals("PUT") ? "{\"title\":\"mine now\",\"done\":true}" : null;
      Answer foreign = send(method, "/api/todos/" + rsTodo, body, ec);
      Answer absent = send(method, "/api/todos/999999", body, ec);
      assertThat(foreign.status()).as(method).isEqualTo(404);
      assertThat(foreign.text()).as(method).isEqualTo(absent.text()).isEqualTo(missing.text());
    }
    assertThat(EVENTS)
        .anyMatch(
            e ->
                e.type() == SecurityEventType.MALICIOUS_DIRECT_REFERENCE
                    && "orders-client-ec".equals(e.userId()));
    // Nothing the other subject tried changed the todo.
    Answer still = send("GET", "/api/todos/" + rsTodo, null, rs);
    assertThat(still.status()).isEqualTo(200);
    assertThat(still.json().get("title").asText()).isEqualTo("from the RS256 client");
    assertThat(send("GET", "/api/todos/" + ecTodo, null, ec).status()).isEqualTo(200);
  }

  @Test
  void ownLogin_besideProviderTokens_worksAndIsIsolatedFromTheProvidersSubjects() throws Exception {
    String password = Secrets.register("correct horse battery staple 42");
    String credentials = "{\"username\":\"alice\",\"password\":\"" + password + "\"}";
    assertThat(send("POST", "/api/auth/register", credentials, null).status()).isEqualTo(201);
    Answer login = send("POST", "/api/auth/login", credentials, null);
    assertThat(login.status()).isEqualTo(200);
    String own = Secrets.register(login.json().get("access_token").asText());
    long aliceTodo = create(own, "alice's own");

    String rs = idp.token("orders-client", "orders.read");
    assertThat(send("GET", "/api/todos/" + aliceTodo, null, rs).status()).isEqualTo(404);
    long serviceTodo = create(rs, "the service's");
    assertThat(send("GET", "/api/todos/" + serviceTodo, null, own).status()).isEqualTo(404);
    assertThat(send("GET", "/api/todos", null, own).json().findValuesAsText("title"))
        .containsExactly("alice's own");
  }

  @Test
  void providerTokenForAnotherAudience_refusedWith401() throws Exception {
    String other = idp.token("other-client", "orders.read"); // aud: other-client
    Answer refused = send("GET", "/api/todos", null, other);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(EVENTS)
        .anyMatch(
            e ->
                e.type() == SecurityEventType.AUTHN_TOKEN_INVALID
                    && "WRONG_AUDIENCE".equals(e.reason()));
  }
}
