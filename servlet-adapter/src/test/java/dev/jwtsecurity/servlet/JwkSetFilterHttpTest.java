package dev.jwtsecurity.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.internal.Json;
import dev.jwtsecurity.testing.TestSecurity;
import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.InvalidTokenException;
import dev.jwtsecurity.token.JwtKey;
import dev.jwtsecurity.token.JwtVerifier;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The published key set and discovery document over real HTTP (Jetty), read by Nimbus JOSE+JWT as
 * another service would: public parts only, HMAC refused, rotation followed, tokens verified.
 */
class JwkSetFilterHttpTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final RequestContext CTX = RequestContext.of("127.0.0.1", "JUnit", "r");
  private static final Set<String> PRIVATE_MEMBERS =
      Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

  private Server server;
  private ServletContextHandler context;
  private int port;
  private String issuer;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  /** Opens a loopback port first, so the issuer can name it. */
  private void open() throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    connector.open();
    port = connector.getLocalPort();
    issuer = "http://127.0.0.1:" + port;
  }

  private JwtSecurity security(Algorithm algorithm, boolean withIssuer) {
    JwtKey key = JwtKey.generate(algorithm, "key-1", RANDOM);
    JwtSettings.Builder s =
        JwtSettings.builder().algorithm(algorithm).privateJwk(key.toPrivateJwk());
    if (withIssuer) {
      s.issuer(issuer);
    }
    return TestSecurity.builder(s.build(), "alice").build();
  }

  /** Starts Jetty with the filters from the front door, every path protected, and a servlet. */
  private void start(JwtSecurity security, Consumer<JwtSecurityFilters.Builder> options)
      throws Exception {
    JwtSecurityFilters.Builder b =
        JwtSecurityFilters.builder(security).unsafeAllowPlainHttpOnLoopback();
    options.accept(b);
    JwtSecurityFilters filters = b.build();
    context = new ServletContextHandler("/");
    context.addEventListener(
        new ServletContextListener() {
          @Override
          public void contextInitialized(ServletContextEvent sce) {
            filters.register(sce.getServletContext());
          }
        });
    context.addServlet(new ServletHolder(new TestApp(null)), "/*");
    server.setHandler(context);
    server.start();
  }

  private RawHttp.Response get(String path) throws Exception {
    return RawHttp.send(port, false, new RawHttp.Request("GET", path));
  }

  private static List<Map<String, Object>> keys(String jwks) throws Exception {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> keys =
        (List<Map<String, Object>>) Json.parseObject(jwks, 4).get("keys");
    return keys;
  }

  /** Verifies {@code token} as another service would: Nimbus, keys fetched from {@code jwksUri}. */
  private JWTClaimsSet verifyWithNimbus(String token, String jwksUri, Algorithm alg)
      throws Exception {
    JWKSource<SecurityContext> source =
        JWKSourceBuilder.create(URI.create(jwksUri).toURL())
            .refreshAheadCache(false)
            .cache(false)
            .rateLimited(false)
            .retrying(false)
            .build();
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(JWSAlgorithm.parse(alg.jwsName()), source));
    processor.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(
            null, new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp", "jti")));
    return processor.process(token, null);
  }

  @ParameterizedTest
  @EnumSource(
      value = Algorithm.class,
      names = {"ES256", "ES384", "ES512", "RS256", "PS256"})
  void publishedSet_tokensOfEachAlgorithm_verifiedByNimbusFromTheDiscoveredUri(Algorithm alg)
      throws Exception {
    open();
    JwtSecurity security = security(alg, true);
    start(security, JwtSecurityFilters.Builder::publishKeys);
    String token = TestSecurity.login(security, "alice").accessToken().value();

    RawHttp.Response discovery = get(JwkSetFilter.DEFAULT_DISCOVERY_PATH);
    Map<String, Object> doc = Json.parseObject(discovery.bodyText(), 2);

    assertThat(discovery.status()).isEqualTo(200);
    assertThat(discovery.header("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(doc)
        .containsOnly(
            Map.entry("issuer", issuer),
            Map.entry("jwks_uri", issuer + JwkSetFilter.DEFAULT_JWKS_PATH));
    JWTClaimsSet claims = verifyWithNimbus(token, (String) doc.get("jwks_uri"), alg);
    assertThat(claims.getSubject()).isEqualTo("alice");
    assertThat(claims.getIssuer()).isEqualTo(issuer);
  }

  /**
   * What another service using this library does with nothing but the issuer: read the discovery
   * document, fetch the key set it names, and verify with {@link JwtVerifier} - for every
   * asymmetric algorithm, EdDSA included.
   */
  @ParameterizedTest
  @EnumSource(
      value = Algorithm.class,
      names = {"ES256", "ES384", "ES512", "RS256", "PS256", "EDDSA"})
  void publishedSet_tokensOfEachAlgorithm_verifiedByThisLibrarysVerifierFromTheIssuerAlone(
      Algorithm alg) throws Exception {
    open();
    JwtSecurity security = security(alg, true);
    start(security, JwtSecurityFilters.Builder::publishKeys);
    String token = TestSecurity.login(security, "alice").accessToken().value();

    Map<String, Object> doc =
        Json.parseObject(get(JwkSetFilter.DEFAULT_DISCOVERY_PATH).bodyText(), 2);
    String jwksPath = URI.create((String) doc.get("jwks_uri")).getPath();
    List<JwtKey> keys = JwtKey.fromJwkSet(get(jwksPath).bodyText(), alg);
    JwtVerifier verifier =
        JwtVerifier.builder().keys(keys).requireType("at+jwt").requireIssuer(issuer).build();

    assertThat(keys).singleElement().satisfies(k -> assertThat(k.canSign()).isFalse());
    assertThat(verifier.verify(token).claims()).containsEntry("sub", "alice");
    String forged = TestSecurity.login(security(alg, true), "alice").accessToken().value();
    assertThatThrownBy(() -> verifier.verify(forged))
        .as("a token signed by another key with the same kid")
        .isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void publishedSet_publicPartsOnlyWithCacheHeadersAndNoTokenNeeded() throws Exception {
    open();
    JwtSecurity security = security(Algorithm.RS256, true);
    security.keyRing().addVerificationKey(JwtKey.generate(Algorithm.ES256, "next", RANDOM));
    start(security, JwtSecurityFilters.Builder::publishKeys);

    RawHttp.Response r = get(JwkSetFilter.DEFAULT_JWKS_PATH);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/jwk-set+json"));
    assertThat(r.header("Cache-Control")).contains("public, max-age=300");
    assertThat(r.header("ETag"))
        .hasValueSatisfying(e -> assertThat(e).matches("\"[A-Za-z0-9_-]{22}\""));
    assertThat(r.header("X-Content-Type-Options")).contains("nosniff");
    List<Map<String, Object>> keys = keys(r.bodyText());
    assertThat(keys).extracting(k -> k.get("kid")).containsExactly("key-1", "next");
    for (Map<String, Object> k : keys) {
      assertThat(k.keySet()).doesNotContainAnyElementsOf(PRIVATE_MEMBERS);
      assertThat(k).containsEntry("use", "sig");
    }
    assertThat(keys.get(0)).containsEntry("alg", "RS256").containsKeys("n", "e");
    assertThat(keys.get(1)).containsEntry("alg", "ES256").containsKeys("x", "y");
    assertThat(get("/api/me").status()).as("everything else still needs a token").isEqualTo(401);
    assertThat(context.getServletHandler().getFilters())
        .extracting(f -> f.getName())
        .containsExactly(
            JwtSecurityFilters.HEADERS_FILTER_NAME,
            JwtSecurityFilters.JWKS_FILTER_NAME,
            JwtSecurityFilters.AUTHENTICATION_FILTER_NAME);
  }

  @Test
  void rotation_oldKeyListedWhileItVerifies_goneAndRefusedOnceRetired() throws Exception {
    open();
    JwtSecurity security = security(Algorithm.ES256, true);
    start(security, JwtSecurityFilters.Builder::publishKeys);
    String jwksUri = issuer + JwkSetFilter.DEFAULT_JWKS_PATH;
    String before = TestSecurity.login(security, "alice").accessToken().value();
    String etagBefore = get(JwkSetFilter.DEFAULT_JWKS_PATH).header("ETag").orElseThrow();

    security.keyRing().rotateTo(JwtKey.generate(Algorithm.ES256, "key-2", RANDOM));
    String after = TestSecurity.login(security, "alice").accessToken().value();
    RawHttp.Response rotated = get(JwkSetFilter.DEFAULT_JWKS_PATH);

    assertThat(keys(rotated.bodyText()))
        .extracting(k -> k.get("kid"))
        .containsExactly("key-2", "key-1");
    assertThat(rotated.header("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(etagBefore));
    assertThat(security.authenticate(before, CTX).user().userId()).isEqualTo("alice");
    assertThat(verifyWithNimbus(before, jwksUri, Algorithm.ES256).getSubject()).isEqualTo("alice");
    assertThat(verifyWithNimbus(after, jwksUri, Algorithm.ES256).getSubject()).isEqualTo("alice");

    security.keyRing().retire("key-1");

    assertThat(keys(get(JwkSetFilter.DEFAULT_JWKS_PATH).bodyText()))
        .extracting(k -> k.get("kid"))
        .containsExactly("key-2");
    assertThatThrownBy(() -> security.authenticate(before, CTX))
        .isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(() -> verifyWithNimbus(before, jwksUri, Algorithm.ES256))
        .isInstanceOf(com.nimbusds.jose.proc.BadJOSEException.class);
    assertThat(verifyWithNimbus(after, jwksUri, Algorithm.ES256).getSubject()).isEqualTo("alice");
  }

  @Test
  void headConditionalAndOtherMethods_answeredAsHttpSays() throws Exception {
    open();
    start(security(Algorithm.EDDSA, true), JwtSecurityFilters.Builder::publishKeys);
    RawHttp.Response full = get(JwkSetFilter.DEFAULT_JWKS_PATH);
    String etag = full.header("ETag").orElseThrow();

    RawHttp.Response head =
        RawHttp.send(port, false, new RawHttp.Request("HEAD", JwkSetFilter.DEFAULT_JWKS_PATH));
    RawHttp.Response notModified =
        RawHttp.send(
            port,
            false,
            new RawHttp.Request("GET", JwkSetFilter.DEFAULT_JWKS_PATH)
                .header("If-None-Match", "\"other\", W/" + etag));
    RawHttp.Response changed =
        RawHttp.send(
            port,
            false,
            new RawHttp.Request("GET", JwkSetFilter.DEFAULT_JWKS_PATH)
                .header("If-None-Match", "\"other\""));
    RawHttp.Response post =
        RawHttp.send(
            port,
            false,
            new RawHttp.Request("POST", JwkSetFilter.DEFAULT_DISCOVERY_PATH).body("{}"));

    assertThat(head.status()).isEqualTo(200);
    assertThat(head.bodyText()).isEmpty();
    assertThat(head.header("Content-Length")).contains(Integer.toString(full.bodyText().length()));
    assertThat(notModified.status()).isEqualTo(304);
    assertThat(notModified.bodyText()).isEmpty();
    assertThat(notModified.header("ETag")).contains(etag);
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.bodyText()).isEqualTo(full.bodyText());
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.header("Allow")).contains("GET, HEAD");
    assertThat(keys(full.bodyText()).get(0))
        .containsEntry("kty", "OKP")
        .containsEntry("crv", "Ed25519");
  }

  @Test
  void withoutIssuer_keySetOnly_discoveryPathNotServed() throws Exception {
    open();
    start(security(Algorithm.ES256, false), JwtSecurityFilters.Builder::publishKeys);

    assertThat(get(JwkSetFilter.DEFAULT_JWKS_PATH).status()).isEqualTo(200);
    assertThat(get(JwkSetFilter.DEFAULT_DISCOVERY_PATH).status())
        .as("not published, so the authentication filter asks for a token")
        .isEqualTo(401);
  }

  @Test
  void customPathsAndMaxAge_servedThereAndNamedInTheDocument() throws Exception {
    open();
    start(
        security(Algorithm.ES256, true),
        b ->
            b.publishKeys(
                JwkSetFilter.builder()
                    .jwksPath("/keys")
                    .discoveryPath("/meta")
                    .jwksUri("https://keys.example/set")
                    .maxAge(java.time.Duration.ofHours(1))));

    RawHttp.Response keys = get("/keys");
    RawHttp.Response meta = get("/meta");

    assertThat(keys.status()).isEqualTo(200);
    assertThat(keys.header("Cache-Control")).contains("public, max-age=3600");
    assertThat(Json.parseObject(meta.bodyText(), 2))
        .containsEntry("jwks_uri", "https://keys.example/set");
    assertThat(get(JwkSetFilter.DEFAULT_JWKS_PATH).status()).isEqualTo(401);
  }

  @Test
  void hmacSigning_refusedWhenConfigured_withoutTheSecretInTheMessage() {
    JwtSecurity hmac = TestSecurity.builder("alice").build();

    assertThatThrownBy(() -> JwtSecurityFilters.builder(hmac).publishKeys().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("HS256")
        .hasMessageContaining("never be published")
        .hasMessageNotContaining(TestSecurity.SECRET);
    assertThatThrownBy(
            () -> JwkSetFilter.builder().keyRing(hmac.keyRing()).withoutDiscovery().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("HS256");
  }
}
