package dev.jwtsecurity.springdemo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jwtsecurity.examples.story.DemoClient;
import dev.jwtsecurity.examples.story.MutableClock;
import dev.jwtsecurity.examples.story.TodoDemoStory;
import dev.jwtsecurity.testing.ScriptedServer;
import dev.jwtsecurity.testing.TestKeys;
import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.JwtKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code JWT_ISSUER_URI}, {@code JWT_JWKS_URI} and {@code JWT_AUDIENCE} on the Spring Boot demo, as
 * on the Jetty demo: an identity provider's access tokens (keys served on loopback, reached over
 * plain HTTP by the demo's loopback default) use the API beside the demo's own login; the
 * provider's subject owns its todos by {@code (iss, sub)}, so another subject's todo and the demo
 * user with the same number stay apart (the same 404); another audience gets the generic 401.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringDemoProviderTokensTest {

  private static final String IDP = "https://idp.example/realms/acme";
  private static final String PASSWORD = "correct horse battery staple";
  private static final JwtKey IDP_KEY = TestKeys.signingKey(Algorithm.RS256, "idp-1");
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private ScriptedServer keys;
  private TodoDemoStory.Demo demo;
  private DemoClient client;

  @BeforeAll
  void start() throws Exception {
    keys = ScriptedServer.start().jwks("/certs", JwtKey.toPublicJwkSet(List.of(IDP_KEY)));
    demo =
        SpringDemoEndToEndTest.SpringDemos.start(
            Map.of(
                "JWT_ISSUER_URI",
                IDP,
                "JWT_JWKS_URI",
                keys.url("/certs"),
                "JWT_AUDIENCE",
                "todo-api"),
            new MutableClock(NOW),
            event -> {},
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
    client = new DemoClient(demo.baseUri());
  }

  @AfterAll
  void stop() throws Exception {
    demo.stop().close();
    keys.close();
  }

  @Test
  void start_withIssuerUri_saysItAllowsALoopbackProviderOverPlainHttp() {
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .contains("JWT_UNSAFE_ALLOW_PLAIN_HTTP_ON_LOOPBACK=true");
  }

  @Test
  void providerSubject_ownsItsTodos_apartFromOtherSubjectsAndDemoUsers() {
    JsonNode pat = client.newUser("pat", PASSWORD);
    String patToken = pat.get("access_token").asText();
    DemoClient.Answer patsTodo =
        client.withToken("POST", "/api/todos", "{\"title\":\"pat's\"}", patToken);
    String patsId = patsTodo.json().get("id").asText();
    String svc = providerToken("svc-7", "todo-api");
    String other = providerToken("svc-8", "todo-api");
    // A provider's subject named like a demo user's id is still someone else.
    String sameNumber = providerToken(userIdOf(patToken), "todo-api");

    DemoClient.Answer created =
        client.withToken("POST", "/api/todos", "{\"title\":\"from a service\"}", svc);
    String id = created.json().get("id").asText();

    assertThat(created.status()).isEqualTo(201);
    assertThat(client.withToken("GET", "/api/todos", null, svc).json()).hasSize(1);
    assertThat(client.withToken("GET", "/api/todos/" + id, null, svc).status()).isEqualTo(200);
    assertThat(client.withToken("GET", "/api/todos/" + id, null, other).status()).isEqualTo(404);
    assertThat(client.withToken("GET", "/api/todos", null, other).json()).isEmpty();
    assertThat(client.withToken("GET", "/api/todos/" + patsId, null, sameNumber).status())
        .isEqualTo(404);
    assertThat(client.withToken("GET", "/api/todos", null, sameNumber).json()).isEmpty();
    assertThat(client.withToken("GET", "/api/todos", null, patToken).json()).hasSize(1);
    assertThat(keys.hits("/certs")).isPositive();
  }

  @Test
  void providerToken_forAnotherAudience_generic401() {
    DemoClient.Answer refused =
        client.withToken("GET", "/api/todos", null, providerToken("svc-7", "billing-api"));

    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.text())
        .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401}");
  }

  /** The {@code sub} of one of the demo's own access tokens (its users.id). */
  private static String userIdOf(String accessToken) {
    int dot = accessToken.indexOf('.');
    String payload = accessToken.substring(dot + 1, accessToken.indexOf('.', dot + 1));
    String json = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
    int start = json.indexOf("\"sub\":\"") + 7;
    return json.substring(start, json.indexOf('"', start));
  }

  /** A provider's token, signed with the JCA as another library would. */
  private static String providerToken(String subject, String audience) {
    long t = NOW.getEpochSecond();
    String header = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":\"idp-1\"}";
    String claims =
        "{\"iss\":\""
            + IDP
            + "\",\"sub\":\""
            + subject
            + "\",\"aud\":\""
            + audience
            + "\",\"iat\":"
            + (t - 5)
            + ",\"exp\":"
            + (t + 300)
            + ",\"jti\":\"p-"
            + System.nanoTime()
            + "\"}";
    String input = b64(header) + "." + b64(claims);
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(TestKeys.keyPair(Algorithm.RS256).getPrivate());
      s.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
