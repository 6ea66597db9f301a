package dev.jwtsecurity.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.jwtsecurity.examples.story.DemoClient;
import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.JwtKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo signing with a private key ({@code JWT_ALGORITHM} and {@code JWT_PRIVATE_JWK_FILE})
 * publishes its public keys and a discovery document, from which another JOSE library verifies its
 * tokens; with the default HMAC secret it publishes nothing.
 */
class DemoPublishedKeysTest {

  private static final String PASSWORD = "correct horse battery staple";

  @TempDir Path dir;

  private static DemoServer start(Map<String, String> env) throws Exception {
    return DemoServer.builder()
        .environment(env)
        .host("127.0.0.1")
        .port(0)
        .stderr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
        .start();
  }

  @Test
  void asymmetricKey_discoveryAndKeySetPublished_tokensVerifiedByNimbus() throws Exception {
    JwtKey key = JwtKey.generate(Algorithm.ES256, "demo-2026-12", new SecureRandom());
    Path jwk = dir.resolve("private.jwk");
    Files.writeString(jwk, key.toPrivateJwk());
    try (DemoServer server =
        start(Map.of("JWT_ALGORITHM", "ES256", "JWT_PRIVATE_JWK_FILE", jwk.toString()))) {
      DemoClient client = new DemoClient(server.baseUri());
      String issuer = server.baseUri().toString();
      String token = client.newUser("keys-user", PASSWORD).get("access_token").asText();

      DemoClient.Answer discovery = client.send("GET", "/.well-known/openid-configuration", null);
      JsonNode doc = discovery.json();
      DemoClient.Answer jwks = client.send("GET", "/.well-known/jwks.json", null);

      assertThat(discovery.status()).isEqualTo(200);
      assertThat(doc.get("issuer").asText()).isEqualTo(issuer);
      assertThat(doc.get("jwks_uri").asText()).isEqualTo(issuer + "/.well-known/jwks.json");
      assertThat(jwks.status()).isEqualTo(200);
      assertThat(jwks.header("Content-Type")).startsWith("application/jwk-set+json");
      assertThat(jwks.header("Cache-Control")).isEqualTo("public, max-age=300");
      JsonNode published = jwks.json().get("keys").get(0);
      assertThat(published.get("kid").asText()).isEqualTo("demo-2026-12");
      assertThat(published.has("d")).isFalse();

      JWKSource<SecurityContext> source =
          JWKSourceBuilder.create(URI.create(doc.get("jwks_uri").asText()).toURL())
              .refreshAheadCache(false)
              .cache(false)
              .rateLimited(false)
              .retrying(false)
              .build();
      DefaultJWTProcessor<SecurityContext> nimbus = new DefaultJWTProcessor<>();
      nimbus.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
      nimbus.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, source));
      nimbus.setJWTClaimsSetVerifier(
          new DefaultJWTClaimsVerifier<>(
              null, new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp")));
      JWTClaimsSet claims = nimbus.process(token, null);
      assertThat(claims.getIssuer()).isEqualTo(issuer);
      assertThat(client.withToken("GET", "/api/todos", null, token).status()).isEqualTo(200);
    }
  }

  @Test
  void hmacSecret_nothingPublished() throws Exception {
    try (DemoServer server = start(Map.of())) {
      DemoClient client = new DemoClient(server.baseUri());

      assertThat(client.send("GET", "/.well-known/jwks.json", null).status()).isEqualTo(404);
      assertThat(client.send("GET", "/.well-known/openid-configuration", null).status())
          .isEqualTo(404);
    }
  }
}
