package dev.jwtsecurity;

import static dev.jwtsecurity.JwtSecurityProviderTokensTest.CTX;
import static dev.jwtsecurity.JwtSecurityProviderTokensTest.IDP;
import static dev.jwtsecurity.JwtSecurityProviderTokensTest.IDP_KEY;
import static dev.jwtsecurity.JwtSecurityProviderTokensTest.providerToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.config.InsecureConfigurationException;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.config.Secret;
import dev.jwtsecurity.refresh.RefreshTokenStore;
import dev.jwtsecurity.testing.ManualClock;
import dev.jwtsecurity.testing.ScriptedServer;
import dev.jwtsecurity.testing.TestSecurity;
import dev.jwtsecurity.token.AccessTokenClaims;
import dev.jwtsecurity.token.InvalidTokenException;
import dev.jwtsecurity.token.JwtKey;
import dev.jwtsecurity.token.TrustedIssuer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A pure resource server: settings without a key of the application's own accept identity
 * providers' tokens only; login and refresh are refused at build (their options) or at the call,
 * and nothing of the own-token configuration can be given by mistake.
 */
class JwtSecurityResourceServerTest {

  final ManualClock clock = new ManualClock(JwtSecurityProviderTokensTest.NOW);
  final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

  static Map<String, String> env(String... kv) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i + 1 < kv.length; i += 2) {
      env.put(kv[i], kv[i + 1]);
    }
    return env;
  }

  JwtSecurity resourceServer(Consumer<JwtSecurity.Builder> options) {
    JwtSecurity.Builder b =
        JwtSecurity.builder(JwtSettings.builder().resourceServerOnly().build())
            .clock(clock)
            .events(events::add)
            .trustIssuer(
                TrustedIssuer.builder(IDP)
                    .keys(List.of(IDP_KEY))
                    .audiences("orders-api")
                    .rolesClaim("realm_access.roles")
                    .build());
    options.accept(b);
    return b.build();
  }

  @Test
  void fromEnvironment_issuerUriWithoutOwnKey_acceptsTheProvidersTokensOnly() throws Exception {
    try (ScriptedServer server = ScriptedServer.start()) {
      server.jwks("/certs", JwtKey.toPublicJwkSet(List.of(IDP_KEY)));
      JwtSettings settings =
          JwtSettings.fromEnvironment(
              env(
                  "JWT_ISSUER_URI", IDP,
                  "JWT_JWKS_URI", server.url("/certs"),
                  "JWT_AUDIENCE", "orders-api",
                  "JWT_ROLES_CLAIM", "realm_access.roles",
                  "JWT_ENVIRONMENT", "production",
                  "JWT_UNSAFE_ALLOW_PLAIN_HTTP_ON_LOOPBACK", "true"));
      assertThat(settings.issuesOwnTokens()).isFalse();
      assertThat(settings.toString()).contains("resourceServerOnly").contains(IDP);
      JwtSecurity security = JwtSecurity.builder(settings).clock(clock).events(events::add).build();

      Authentication theirs = security.authenticate(providerToken(""), CTX);
      assertThat(theirs.user().userId()).isEqualTo("svc-7");
      assertThat(theirs.user().roles()).containsExactly("auditor");

      // A token of an application that does issue its own tokens is nobody's here.
      JwtSecurity other = TestSecurity.builder("alice").clock(clock).build();
      String own = TestSecurity.login(other, "alice").accessToken().value();
      assertThatThrownBy(() -> security.authenticate(own, CTX))
          .isInstanceOf(InvalidTokenException.class);
      assertThat(events)
          .anyMatch(e -> e.type() == SecurityEventType.AUTHN_TOKEN_INVALID)
          .noneMatch(e -> e.toString().contains(own));
    }
  }

  @Test
  void loginRefreshAndKeyRing_onAResourceServer_refusedSayingWhy() {
    JwtSecurity security = resourceServer(b -> {});
    assertThatThrownBy(() -> security.login("alice", "pw", CTX))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("resource server")
        .hasMessageContaining("login()");
    assertThatThrownBy(() -> security.refresh("anything", CTX))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("resource server")
        .hasMessageContaining("refresh()");
    assertThatThrownBy(security::keyRing)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("resource server");
    assertThatThrownBy(() -> security.settings().issuerBuilder(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("resource server");
    assertThatThrownBy(() -> security.settings().keyId()).isInstanceOf(IllegalStateException.class);
    assertThat(security.settings().verificationKeyFingerprints()).isEmpty();
  }

  @Test
  void logout_onAResourceServer_deniesTheProviderToken() throws Exception {
    JwtSecurity security = resourceServer(b -> {});
    String token = providerToken("");
    Authentication caller = security.authenticate(token, CTX);
    security.logout(caller, CTX);
    assertThatThrownBy(() -> security.authenticate(token, CTX))
        .isInstanceOf(InvalidTokenException.class)
        .extracting(e -> ((InvalidTokenException) e).reason())
        .isEqualTo(InvalidTokenException.Reason.REVOKED);
  }

  @Test
  void build_loginOrOwnTokenOptionsOnAResourceServer_refusedNamingThem() {
    record Case(String option, Consumer<JwtSecurity.Builder> apply) {}
    List<Case> cases =
        List.of(
            new Case("users(...)", b -> b.users(TestSecurity.users("alice"))),
            new Case("claims(...)", b -> b.claims(id -> AccessTokenClaims.forSubject(id).build())),
            new Case(
                "refreshTokenStore(...)", b -> b.refreshTokenStore(RefreshTokenStore.inMemory())),
            new Case(
                "refreshTokenLifetimes(...)",
                b -> b.refreshTokenLifetimes(Duration.ofHours(1), Duration.ofDays(1))),
            new Case("refreshReuseGrace(...)", b -> b.refreshReuseGrace(Duration.ofSeconds(1))));
    for (Case c : cases) {
      assertThatThrownBy(() -> resourceServer(c.apply()))
          .as(c.option())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(c.option())
          .hasMessageContaining("resource server");
    }
  }

  @Test
  void build_resourceServerTrustingNoIssuer_refused() {
    assertThatThrownBy(
            () -> JwtSecurity.builder(JwtSettings.builder().resourceServerOnly().build()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no token could ever be accepted");
  }

  @Test
  void fromEnvironment_ownTokenVariablesWithoutOwnKey_refusedNamingTheVariable() {
    for (String variable :
        List.of(
            "JWT_ALGORITHM",
            "JWT_ACCESS_TOKEN_EXPIRE_MINUTES",
            "JWT_ISSUER",
            "JWT_KEY_ID",
            "JWT_PREVIOUS_SECRET_KEYS",
            "JWT_PUBLIC_JWKS_FILE")) {
      Map<String, String> env =
          env("JWT_ISSUER_URI", IDP, "JWT_AUDIENCE", "orders-api", variable, "15");
      assertThatThrownBy(() -> JwtSettings.fromEnvironment(env))
          .as(variable)
          .isInstanceOf(InsecureConfigurationException.class)
          .hasMessageStartingWith(variable)
          .hasMessageContaining("resource server");
    }
  }

  @Test
  void fromEnvironment_withoutOwnKeyOrIssuerUri_stillRefusedAsAMissingSecret() {
    assertThatThrownBy(() -> JwtSettings.fromEnvironment(env("JWT_AUDIENCE", "orders-api")))
        .isInstanceOf(InsecureConfigurationException.class)
        .hasMessageContaining("JWT_SECRET_KEY is missing");
    // A blank secret is a weak one, not a wish for a resource server.
    assertThatThrownBy(
            () ->
                JwtSettings.fromEnvironment(
                    env(
                        "JWT_ISSUER_URI",
                        IDP,
                        "JWT_AUDIENCE",
                        "orders-api",
                        "JWT_SECRET_KEY",
                        "   ")))
        .isInstanceOf(InsecureConfigurationException.class)
        .hasMessageContaining("JWT_SECRET_KEY");
  }

  @Test
  void settingsBuilder_resourceServerOnlyWithOwnKeySettings_refused() {
    List<Consumer<JwtSettings.Builder>> own =
        List.of(
            b -> b.secret(Secret.ofUtf8(TestSecurity.SECRET)),
            b -> b.keyId("k1"),
            b -> b.accessTokenLifetime(Duration.ofMinutes(10)),
            b -> b.issuer("https://me.example"),
            b -> b.previousSecret("old", Secret.ofUtf8(TestSecurity.SECRET)));
    for (Consumer<JwtSettings.Builder> o : own) {
      JwtSettings.Builder b = JwtSettings.builder().resourceServerOnly();
      o.accept(b);
      assertThatThrownBy(b::build)
          .isInstanceOf(InsecureConfigurationException.class)
          .hasMessageContaining("resource server");
    }
  }

  /**
   * Whatever a token claims (issuer, key id, algorithm, HMAC secret), a resource server accepts
   * none it cannot verify with a trusted issuer's keys.
   */
  @Test
  void authenticate_generatedTokensNotFromTheTrustedIssuer_neverAccepted() {
    long seed = new Random().nextLong();
    System.out.println("authenticate_generatedTokensNotFromTheTrustedIssuer seed=" + seed);
    Random random = new Random(seed);
    JwtSecurity security = resourceServer(b -> {});
    List<String> issuers = List.of(IDP, TestSecurity.ISSUER, "", "https://idp.example/realms/x");
    for (int i = 0; i < 200; i++) {
      String iss = issuers.get(random.nextInt(issuers.size()));
      byte[] secret = new byte[32];
      random.nextBytes(secret);
      String kid = random.nextBoolean() ? "idp-1" : "k" + random.nextInt(1000);
      String alg = random.nextBoolean() ? "HS256" : "RS256";
      String token = hmacToken(alg, kid, iss, secret);
      assertThatThrownBy(() -> security.authenticate(token, CTX))
          .as("seed %d, iteration %d", seed, i)
          .isInstanceOf(InvalidTokenException.class);
    }
  }

  /** A token MACed with {@code secret}, whatever {@code alg} says: a forger's best guess. */
  static String hmacToken(String alg, String kid, String iss, byte[] secret) {
    long t = JwtSecurityProviderTokensTest.NOW.getEpochSecond();
    String header = "{\"typ\":\"JWT\",\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\"}";
    String claims =
        "{\"iss\":\""
            + iss
            + "\",\"sub\":\"svc-7\",\"aud\":\"orders-api\",\"iat\":"
            + (t - 5)
            + ",\"exp\":"
            + (t + 300)
            + ",\"jti\":\"f-1\"}";
    String input =
        JwtSecurityProviderTokensTest.b64(header) + "." + JwtSecurityProviderTokensTest.b64(claims);
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
      byte[] sig = mac.doFinal(input.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return input + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
