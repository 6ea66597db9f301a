package dev.jwtsecurity.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.testing.ScriptedServer;
import dev.jwtsecurity.testing.TestKeys;
import dev.jwtsecurity.testing.TestSecurity;
import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.JwtKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An identity provider configured by properties ({@code jwt-security.issuer-uri}, {@code jwks-uri},
 * {@code roles-claim}, {@code audience}): its access tokens, verified against a JWK Set served on
 * loopback, pass Spring Security's URL rules, {@code @PreAuthorize} and
 * {@code @AuthenticationPrincipal} over HTTP beside the application's own tokens; a token for
 * another audience or signed by another key gets the generic 401.
 */
@SpringBootTest(
    classes = TestApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      TestApp.PROPERTIES_SECRET,
      "jwt-security.issuer-uri=" + ProviderTokensHttpTest.IDP,
      "jwt-security.audience=orders-api",
      "jwt-security.roles-claim=realm_access.roles",
      "jwt-security.unsafe-allow-plain-http-on-loopback=true",
      "jwt-security.endpoints.enabled=true",
      "jwt-security.web.unsafe-allow-plain-http-on-loopback=true"
    })
class ProviderTokensHttpTest {

  static final String IDP = "https://idp.example/realms/acme";
  private static final JwtKey IDP_KEY = TestKeys.signingKey(Algorithm.RS256, "idp-1");
  private static final String UNAUTHORIZED =
      "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401}";
  private static final ScriptedServer KEYS = keys();

  private static ScriptedServer keys() {
    try {
      return ScriptedServer.start().jwks("/certs", JwtKey.toPublicJwkSet(List.of(IDP_KEY)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void jwksUri(DynamicPropertyRegistry registry) {
    registry.add("jwt-security.jwks-uri", () -> KEYS.url("/certs"));
  }

  @AfterAll
  static void stopKeys() {
    KEYS.close();
  }

  @LocalServerPort int port;
  @Autowired Clock clock;
  @Autowired JwtSecurity security;
  private Http http;

  @BeforeEach
  void client() {
    http = new Http(port);
  }

  /** A provider's token, signed with the JCA as another library would. */
  private String providerToken(String audience, String roles, String scope, Algorithm keyOf) {
    long t = clock.instant().getEpochSecond();
    String header = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":\"idp-1\"}";
    String claims =
        "{\"iss\":\""
            + IDP
            + "\",\"sub\":\"svc-7\",\"aud\":[\""
            + audience
            + "\"],\"iat\":"
            + (t - 5)
            + ",\"exp\":"
            + (t + 300)
            + ",\"jti\":\"p-"
            + System.nanoTime()
            + "\",\"scope\":\""
            + scope
            + "\",\"realm_access\":{\"roles\":["
            + roles
            + "]}}";
    String input = b64(header) + "." + b64(claims);
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(TestKeys.keyPair(keyOf).getPrivate());
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

  @Test
  void settings_fromProperties_trustTheProvider() {
    assertThat(security.settings().trustedIssuer()).isPresent();
    assertThat(security.settings().trustedIssuer().get().issuer()).isEqualTo(IDP);
  }

  @Test
  void providerToken_principalRolesAndScopes_seenBySpringSecurity() {
    String admin = providerToken("orders-api", "\"admin\"", "todo:read", Algorithm.RS256);
    String plain = providerToken("orders-api", "\"user\"", "orders.read", Algorithm.RS256);

    assertThat(http.get("/api/me", admin).body()).isEqualTo("svc-7");
    assertThat(http.get("/api/admin/stats", admin).body()).isEqualTo("stats");
    assertThat(http.get("/api/todos", admin).status()).isEqualTo(200);
    assertThat(http.get("/api/admin/stats", plain).status()).isEqualTo(403);
    assertThat(http.get("/api/todos", plain).status()).isEqualTo(403);
    assertThat(KEYS.hits("/certs")).isPositive();
  }

  @Test
  void providerToken_otherAudienceOrKey_generic401() {
    String otherAudience = providerToken("billing-api", "\"admin\"", "", Algorithm.RS256);
    String otherKey = providerToken("orders-api", "\"admin\"", "", Algorithm.PS256);

    for (String token : List.of(otherAudience, otherKey)) {
      Http.Answer a = http.get("/api/me", token);
      assertThat(a.status()).isEqualTo(401);
      assertThat(a.body()).isEqualTo(UNAUTHORIZED);
    }
  }

  @Test
  void ownToken_stillAccepted_besideTheProviders() {
    Http.Answer login = http.login("alice", TestSecurity.PASSWORD);
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    assertThat(http.get("/api/me", login.json("access_token")).body()).isEqualTo("alice");
  }
}
