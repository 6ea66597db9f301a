package dev.jwtsecurity.idp;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.jwtsecurity.testing.Secrets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * A real authorization server for the tests: Spring Authorization Server through its Spring Boot
 * starter, on a free loopback port, issuing access tokens by {@code client_credentials}. Its keys
 * can be rotated while it runs.
 *
 * <ul>
 *   <li>client {@code orders-client}: RS256 tokens for audience {@code orders-api}, with a {@code
 *       roles} claim and the scopes asked for;
 *   <li>client {@code orders-client-ec}: the same, signed ES256;
 *   <li>client {@code other-client}: the server's defaults (audience: its own client id).
 * </ul>
 */
public final class AuthorizationServer implements AutoCloseable {

  /** The secret of client {@code id}; each client has its own (the server refuses shared ones). */
  static String secret(String clientId) {
    return Secrets.register(clientId + "-" + SECRET_SUFFIX);
  }

  private static final String SECRET_SUFFIX = UUID.randomUUID().toString();

  /**
   * The published keys and the RSA key that signs now (the EC key signs the EC client's tokens).
   */
  record Keys(JWKSet published, String rsaKid, String ecKid) {}

  static final AtomicReference<Keys> KEYS = new AtomicReference<>();

  private final ConfigurableApplicationContext context;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private AuthorizationServer(ConfigurableApplicationContext context) {
    this.context = context;
    this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  public static AuthorizationServer start() throws JOSEException {
    RSAKey rsa = rsaKey();
    ECKey ec =
        new ECKeyGenerator(Curve.P_256)
            .keyUse(KeyUse.SIGNATURE)
            .keyID("ec-" + UUID.randomUUID())
            .generate();
    KEYS.set(new Keys(new JWKSet(List.of(rsa, ec)), rsa.getKeyID(), ec.getKeyID()));
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(Config.class)
            .properties(
                "server.port=0",
                "server.address=127.0.0.1",
                "spring.main.banner-mode=off",
                "logging.level.root=WARN")
            .run();
    return new AuthorizationServer(context);
  }

  static RSAKey rsaKey() throws JOSEException {
    return new RSAKeyGenerator(2048)
        .keyUse(KeyUse.SIGNATURE)
        .keyID("rsa-" + UUID.randomUUID())
        .generate();
  }

  /** The issuer: the server derives it from the address it is asked on. */
  public String issuer() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * Rotates: a new RSA key signs from now on; the previous one stays published, as a provider keeps
   * it until the tokens it signed have expired.
   *
   * @return the new key id
   */
  String rotate() throws JOSEException {
    RSAKey next = rsaKey();
    Keys now = KEYS.get();
    List<JWK> published = new ArrayList<>(now.published().getKeys());
    published.add(0, next);
    KEYS.set(new Keys(new JWKSet(published), next.getKeyID(), now.ecKid()));
    return next.getKeyID();
  }

  /** An access token by {@code client_credentials}. */
  public String token(String clientId, String scope) throws IOException, InterruptedException {
    String basic =
        Base64.getEncoder()
            .encodeToString((clientId + ":" + secret(clientId)).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(issuer() + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&scope=" + scope))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
    if (r.statusCode() != 200 || !m.find()) {
      throw new IllegalStateException("no token: status " + r.statusCode());
    }
    // Registered with the log-leak guard: the run fails if a token ever reaches a log line.
    return Secrets.register(m.group(1));
  }

  @Override
  public void close() {
    context.close();
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Config {

    @Bean
    RegisteredClientRepository clients() {
      return new InMemoryRegisteredClientRepository(
          client("orders-client"), client("orders-client-ec"), client("other-client"));
    }

    private static RegisteredClient client(String id) {
      return RegisteredClient.withId(UUID.randomUUID().toString())
          .clientId(id)
          .clientSecret("{noop}" + secret(id))
          .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
          .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
          .scope("orders.read")
          .scope("orders.write")
          .build();
    }

    @Bean
    JWKSource<SecurityContext> keys() {
      return (selector, context) -> selector.select(KEYS.get().published());
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> accessTokens() {
      return context -> {
        String client = context.getRegisteredClient().getClientId();
        Keys keys = KEYS.get();
        if (client.equals("orders-client-ec")) {
          context.getJwsHeader().algorithm(SignatureAlgorithm.ES256).keyId(keys.ecKid());
        } else {
          context.getJwsHeader().keyId(keys.rsaKid());
        }
        if (!client.equals("other-client")) {
          context.getClaims().audience(List.of("orders-api")).claim("roles", List.of("auditor"));
        }
      };
    }
  }
}
