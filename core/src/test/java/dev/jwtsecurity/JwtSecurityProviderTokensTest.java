package dev.jwtsecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.access.AccessDeniedException;
import dev.jwtsecurity.access.AccessTokenDenylist;
import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.access.UserDirectory;
import dev.jwtsecurity.access.UserDirectory.UserStatus;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.config.InsecureConfigurationException;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.testing.ManualClock;
import dev.jwtsecurity.testing.ScriptedServer;
import dev.jwtsecurity.testing.TestKeys;
import dev.jwtsecurity.testing.TestSecurity;
import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.ClaimRule;
import dev.jwtsecurity.token.InvalidTokenException;
import dev.jwtsecurity.token.InvalidTokenException.Reason;
import dev.jwtsecurity.token.JwtKey;
import dev.jwtsecurity.token.TrustedIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The facade with identity providers: own and provider tokens side by side through one
 * authenticator, provider roles and scopes where the application looks for them, claim rules named
 * in the security log, and the provider options from the builder and the environment.
 */
class JwtSecurityProviderTokensTest {

  static final String IDP = "https://idp.example/realms/acme";
  static final JwtKey IDP_KEY = TestKeys.signingKey(Algorithm.RS256, "idp-1");
  static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

  final ManualClock clock = new ManualClock(NOW);
  final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
  static final RequestContext CTX = RequestContext.of("203.0.113.9", "test", "r1");

  TrustedIssuer.Builder idp() {
    return TrustedIssuer.builder(IDP)
        .keys(List.of(IDP_KEY))
        .audiences("orders-api")
        .rolesClaim("realm_access.roles");
  }

  JwtSecurity security(Consumer<JwtSecurity.Builder> options) {
    JwtSecurity.Builder b = TestSecurity.builder("alice").clock(clock).events(events::add);
    options.accept(b);
    return b.build();
  }

  static String b64(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A provider token, signed with the JCA directly: the header another library writes. */
  static String providerToken(String extra) {
    long t = NOW.getEpochSecond();
    String header = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":\"idp-1\"}";
    String claims =
        "{\"iss\":\""
            + IDP
            + "\",\"sub\":\"svc-7\",\"aud\":[\"orders-api\"],\"iat\":"
            + (t - 5)
            + ",\"exp\":"
            + (t + 300)
            + ",\"jti\":\"p-1\",\"scope\":\"orders.read\","
            + "\"realm_access\":{\"roles\":[\"auditor\"]}"
            + extra
            + "}";
    String input = b64(header) + "." + b64(claims);
    try {
      java.security.Signature s = java.security.Signature.getInstance("SHA256withRSA");
      s.initSign(TestKeys.keyPair(Algorithm.RS256).getPrivate());
      s.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  Reason refusal(JwtSecurity security, String token) {
    try {
      security.authenticate(token, CTX);
      return null;
    } catch (InvalidTokenException e) {
      return e.reason();
    }
  }

  List<String> invalidTokenReasons() {
    return events.stream()
        .filter(e -> e.type() == SecurityEventType.AUTHN_TOKEN_INVALID)
        .map(SecurityEvent::reason)
        .toList();
  }

  @Test
  void authenticate_ownAndProviderTokensSideBySide() throws Exception {
    JwtSecurity security = security(b -> b.trustIssuer(idp().build()));
    String own = TestSecurity.login(security, "alice").accessToken().value();
    Authentication mine = security.authenticate(own, CTX);
    assertThat(mine.user().userId()).isEqualTo("alice");
    assertThat(mine.token().issuer()).contains(TestSecurity.ISSUER);

    Authentication theirs = security.authenticate(providerToken(""), CTX);
    assertThat(theirs.user().userId()).isEqualTo("svc-7");
    assertThat(theirs.user().roles()).containsExactly("auditor");
    assertThat(theirs.user().scopes()).containsExactly("orders.read");
    assertThat(theirs.token().issuer()).contains(IDP);
    assertThat(theirs.token().tokenId()).isEqualTo("p-1");
  }

  @Test
  void accessGuard_seesTheProvidersRoles() throws Exception {
    JwtSecurity security =
        security(b -> b.trustIssuer(idp().build()).grant("auditor", "orders:read"));
    Authentication theirs = security.authenticate(providerToken(""), CTX);
    security.accessGuard().requireRole(theirs.user(), "auditor", CTX);
    security.accessGuard().requirePermission(theirs.user(), "orders:read", CTX);
    assertThatThrownBy(() -> security.accessGuard().requireRole(theirs.user(), "admin", CTX))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void authenticate_withoutTrustedIssuer_providerTokenRefusedByTheOwnRules() {
    JwtSecurity security = security(b -> {});
    // The own validator looks the kid up before it reads any claim.
    assertThat(refusal(security, providerToken(""))).isEqualTo(Reason.UNKNOWN_KEY);
    assertThat(invalidTokenReasons()).containsExactly("UNKNOWN_KEY");
  }

  @Test
  void authenticate_providerRefusals_reportedWithTheirReason() {
    JwtSecurity security = security(b -> b.trustIssuer(idp().build()));
    assertThat(refusal(security, resign("\"orders-api\""))).isEqualTo(Reason.WRONG_AUDIENCE);
    String token = providerToken("");
    String tampered = token.substring(0, token.length() - 4) + "AAAA";
    assertThat(refusal(security, tampered)).isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(invalidTokenReasons()).containsExactly("WRONG_AUDIENCE", "BAD_SIGNATURE");
  }

  @Test
  void claimRules_refusalsNamedInTheSecurityLog_forOwnAndProviderTokens() throws Exception {
    JwtSecurity security =
        security(
            b ->
                b.trustIssuer(
                        idp()
                            .claimRules(ClaimRule.requireValue("TENANT_NOT_ALLOWED", "tid", "acme"))
                            .build())
                    .claimRules(ClaimRule.of("NOT_ON_SUNDAY", c -> false)));
    assertThat(refusal(security, providerToken(",\"tid\":\"other\""))).isEqualTo(Reason.CLAIM_RULE);
    assertThat(refusal(security, providerToken(",\"tid\":\"acme\""))).isNull();
    String own = TestSecurity.login(security, "alice").accessToken().value();
    assertThat(refusal(security, own)).isEqualTo(Reason.CLAIM_RULE);
    assertThat(invalidTokenReasons()).containsExactly("TENANT_NOT_ALLOWED", "NOT_ON_SUNDAY");
  }

  @Test
  void logout_endsAProviderTokenHere_unlessTheIssuerSkipsTheDenylist() throws Exception {
    JwtSecurity security = security(b -> b.trustIssuer(idp().build()));
    String token = providerToken("");
    security.logout(security.authenticate(token, CTX), CTX);
    assertThat(refusal(security, token)).isEqualTo(Reason.REVOKED);

    JwtSecurity skipping = security(b -> b.trustIssuer(idp().skipDenylist().build()));
    skipping.logout(skipping.authenticate(token, CTX), CTX);
    assertThat(refusal(skipping, token)).isNull();
  }

  @Test
  void logout_providerTokenWithoutJti_endedByItsDerivedId() throws Exception {
    JwtSecurity security = security(b -> b.trustIssuer(idp().build()));
    String token = providerToken("");
    String noJti = resign(",\"jti\":\"p-1\"");
    Authentication auth = security.authenticate(noJti, CTX);
    assertThat(auth.token().tokenId()).startsWith("sig:");
    security.logout(auth, CTX);
    assertThat(refusal(security, noJti)).isEqualTo(Reason.REVOKED);
    assertThat(refusal(security, token)).isNull();
  }

  /** The provider token with {@code remove} cut out of its claims, signed again. */
  static String resign(String remove) {
    String t = providerToken("");
    String claims =
        new String(
                Base64.getUrlDecoder().decode(t.substring(t.indexOf('.') + 1, t.lastIndexOf('.'))),
                StandardCharsets.UTF_8)
            .replace(remove, "");
    String input = t.substring(0, t.indexOf('.')) + "." + b64(claims);
    try {
      java.security.Signature s = java.security.Signature.getInstance("SHA256withRSA");
      s.initSign(TestKeys.keyPair(Algorithm.RS256).getPrivate());
      s.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void authenticate_providerSessionId_neverLookedUpNorTakenAsOurs() throws Exception {
    long seed = new java.security.SecureRandom().nextLong();
    System.out.println("authenticate_providerSessionId_neverLookedUpNorTakenAsOurs seed=" + seed);
    java.util.Random random = new java.util.Random(seed);
    List<String> lookedUp = new CopyOnWriteArrayList<>();
    AccessTokenDenylist inner = AccessTokenDenylist.inMemory();
    AccessTokenDenylist recording =
        new AccessTokenDenylist() {
          @Override
          public void deny(String issuer, String tokenId, Instant expiresAt) {
            inner.deny(issuer, tokenId, expiresAt);
          }

          @Override
          public boolean isDenied(String issuer, String tokenId, Instant now) {
            lookedUp.add(tokenId);
            return inner.isDenied(issuer, tokenId, now);
          }

          @Override
          public int purgeExpired(Instant now) {
            return inner.purgeExpired(now);
          }
        };
    JwtSecurity security = security(b -> b.denylist(recording).trustIssuer(idp().build()));
    for (int i = 0; i < 50; i++) {
      // Our own session-id shape too: a provider could name its sessions the same way.
      String sid =
          (random.nextBoolean() ? "s." : "")
              + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
      recording.deny(IDP, sid, NOW.plusSeconds(3600));
      lookedUp.clear();
      Authentication auth = security.authenticate(providerToken(",\"sid\":\"" + sid + "\""), CTX);
      assertThat(auth.token().sessionId()).as("seed %d", seed).isEmpty();
      assertThat(lookedUp).as("seed %d", seed).containsExactly("p-1");
    }
  }

  @Test
  void userStatus_providerCvsClaim_ignoredSoItCannotOutlastACredentialChange() throws Exception {
    // Credentials changed after the token's iat; a cvs claim from the far future must not rescue
    // it.
    UserDirectory directory = userId -> UserStatus.active(NOW.minusSeconds(1));
    JwtSecurity federated =
        security(b -> b.userDirectory(directory).trustIssuer(idp().checkUserStatus().build()));
    String token = providerToken(",\"cvs\":" + Long.MAX_VALUE);
    assertThat(refusal(federated, token)).isEqualTo(Reason.CREDENTIALS_CHANGED);
  }

  @Test
  void userStatus_checkedForAProviderOnlyWhenItAsks() throws Exception {
    UserDirectory directory = userId -> UserStatus.inactive();
    JwtSecurity owning = security(b -> b.userDirectory(directory).trustIssuer(idp().build()));
    assertThat(refusal(owning, providerToken(""))).isNull();
    JwtSecurity federated =
        security(b -> b.userDirectory(directory).trustIssuer(idp().checkUserStatus().build()));
    assertThat(refusal(federated, providerToken(""))).isEqualTo(Reason.USER_INACTIVE);
    assertThatThrownBy(() -> security(b -> b.trustIssuer(idp().checkUserStatus().build())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("userDirectory");
  }

  @Test
  void builder_misuse() {
    assertThatThrownBy(() -> security(b -> b.trustIssuer(idp().build()).trustIssuer(idp().build())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already trusted");
    TrustedIssuer sameAsOwn =
        TrustedIssuer.builder(TestSecurity.ISSUER)
            .keys(List.of(IDP_KEY))
            .audiences("orders-api")
            .build();
    assertThatThrownBy(() -> security(b -> b.trustIssuer(sameAsOwn)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("must differ");
    assertThatThrownBy(
            () ->
                security(
                    b ->
                        b.claimRules(ClaimRule.of("A", c -> true))
                            .claimRules(ClaimRule.of("B", c -> true))))
        .isInstanceOf(IllegalStateException.class);
  }

  // ---- the environment
  // ---------------------------------------------------------------------------

  static Map<String, String> env(String... kv) {
    Map<String, String> env = new HashMap<>();
    env.put("JWT_SECRET_KEY", TestSecurity.SECRET);
    for (int i = 0; i + 1 < kv.length; i += 2) {
      env.put(kv[i], kv[i + 1]);
    }
    return env;
  }

  @Test
  void fromEnvironment_issuerUriWithAudience_trustsTheProviderByDiscovery() {
    JwtSettings s =
        JwtSettings.fromEnvironment(
            env(
                "JWT_ISSUER_URI",
                IDP,
                "JWT_AUDIENCE",
                "orders-api",
                "JWT_ROLES_CLAIM",
                "realm_access.roles, groups"));
    TrustedIssuer t = s.trustedIssuer().orElseThrow();
    assertThat(t.issuer()).isEqualTo(IDP);
    assertThat(t.audiences()).containsExactly("orders-api");
    assertThat(s.toString()).contains("trustedIssuer=" + IDP);
  }

  @Test
  void fromEnvironment_providerTokenAcceptedThroughJwksUri() throws Exception {
    try (ScriptedServer server = ScriptedServer.start()) {
      server.jwks("/certs", JwtKey.toPublicJwkSet(List.of(IDP_KEY)));
      JwtSettings s =
          JwtSettings.fromEnvironment(
              env(
                  "JWT_ISSUER_URI", IDP,
                  "JWT_JWKS_URI", server.url("/certs"),
                  "JWT_AUDIENCE", "orders-api",
                  "JWT_ROLES_CLAIM", "realm_access.roles",
                  "JWT_UNSAFE_ALLOW_PLAIN_HTTP_ON_LOOPBACK", "true"));
      JwtSecurity security = JwtSecurity.builder(s).clock(clock).events(events::add).build();
      Authentication a = security.authenticate(providerToken(""), CTX);
      assertThat(a.user().roles()).containsExactly("auditor");
      assertThat(server.hits("/certs")).isEqualTo(1);
    }
  }

  @Test
  void fromEnvironment_misconfigurations_stopStartUpSayingWhy() {
    record Case(Map<String, String> env, String message) {}
    List<Case> cases =
        List.of(
            new Case(env("JWT_JWKS_URI", "https://idp.example/certs"), "set JWT_ISSUER_URI"),
            new Case(env("JWT_ROLES_CLAIM", "roles"), "set JWT_ISSUER_URI"),
            new Case(env("JWT_ISSUER_URI", IDP), "needs JWT_AUDIENCE"),
            new Case(env("JWT_ISSUER_URI", "http://idp.example", "JWT_AUDIENCE", "a"), "https"),
            new Case(
                env(
                    "JWT_ISSUER_URI", "http://idp.example",
                    "JWT_AUDIENCE", "a",
                    "JWT_UNSAFE_ALLOW_PLAIN_HTTP_ON_LOOPBACK", "true"),
                "https"),
            new Case(
                env(
                    "JWT_ISSUER_URI",
                    IDP,
                    "JWT_AUDIENCE",
                    "a",
                    "JWT_UNSAFE_ALLOW_PLAIN_HTTP_ON_LOOPBACK",
                    "yes"),
                "true or false"),
            new Case(
                env("JWT_ISSUER_URI", IDP, "JWT_AUDIENCE", "a", "JWT_ROLES_CLAIM", "a..b"),
                "JWT_ROLES_CLAIM"),
            new Case(
                env("JWT_ISSUER_URI", IDP, "JWT_ISSUER", IDP, "JWT_AUDIENCE", "a"), "must differ"));
    for (Case c : cases) {
      assertThatThrownBy(() -> JwtSettings.fromEnvironment(c.env()))
          .as(c.env().toString())
          .isInstanceOf(InsecureConfigurationException.class)
          .hasMessageContaining(c.message());
    }
  }

  @Test
  void fromEnvironment_loopbackIssuerWithTheSwitch_accepted() {
    JwtSettings s =
        JwtSettings.fromEnvironment(
            env(
                "JWT_ISSUER_URI", "http://localhost:9000",
                "JWT_AUDIENCE", "a",
                "JWT_UNSAFE_ALLOW_PLAIN_HTTP_ON_LOOPBACK", "true"));
    assertThat(s.trustedIssuer()).isPresent();
    assertThatThrownBy(
            () ->
                JwtSettings.fromEnvironment(
                    env("JWT_ISSUER_URI", "http://localhost:9000", "JWT_AUDIENCE", "a")))
        .isInstanceOf(InsecureConfigurationException.class)
        .hasMessageContaining("unsafeAllowPlainHttpOnLoopback");
  }

  @Test
  void keysUnavailable_tokenRefusedAndFailureReported() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    JwtSecurity security =
        security(
            b ->
                b.trustIssuer(
                    TrustedIssuer.builder(IDP)
                        .jwksUri("http://127.0.0.1:" + port + "/certs")
                        .audiences("orders-api")
                        .unsafeAllowPlainHttpOnLoopback()
                        .connectTimeout(Duration.ofMillis(500))
                        .build()));
    assertThat(refusal(security, providerToken(""))).isEqualTo(Reason.KEYS_UNAVAILABLE);
    assertThat(events)
        .extracting(SecurityEvent::type)
        .contains(SecurityEventType.KEY_SOURCE_FAIL, SecurityEventType.AUTHN_TOKEN_INVALID);
  }
}
