package dev.jwtsecurity.token;

import static dev.jwtsecurity.token.Forge.T;
import static dev.jwtsecurity.token.Forge.b64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.testing.ScriptedServer;
import dev.jwtsecurity.testing.TestKeys;
import dev.jwtsecurity.token.InvalidTokenException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Provider tokens end to end against a scripted provider: acceptance, the named attacks (key
 * confusion, key-bearing headers, another issuer's token), the claim rules and the claim mapping.
 */
class ProviderTokenValidatorTest {

  static final String ISS = "https://idp.example/realms/acme";
  static final JwtKey RS = TestKeys.signingKey(Algorithm.RS256, "rs-1");
  static final JwtKey ES = TestKeys.signingKey(Algorithm.ES256, "es-1");

  ScriptedServer server;
  final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = ScriptedServer.start();
    server.jwks("/jwks", JwtKey.toPublicJwkSet(List.of(RS, ES)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  ProviderTokenValidator validator(Consumer<TrustedIssuer.Builder> options) {
    TrustedIssuer.Builder b =
        TrustedIssuer.builder(ISS).jwksUri(server.url("/jwks")).unsafeAllowPlainHttpOnLoopback();
    options.accept(b);
    return ProviderTokenValidator.builder()
        .trust(b.build())
        .clock(Forge.CLOCK)
        .events(events::add)
        .build();
  }

  ProviderTokenValidator validator() {
    return validator(b -> b.audiences("orders-api"));
  }

  /** A header as another library writes it: typ JWT, members in its own order. */
  static String header(JwtKey key) {
    return "{\"typ\":\"JWT\",\"alg\":\""
        + key.algorithm().jwsName()
        + "\",\"kid\":\""
        + key.keyId()
        + "\"}";
  }

  static String claims(String extra) {
    return "{\"iss\":\""
        + ISS
        + "\",\"sub\":\"user-7\",\"aud\":\"orders-api\",\"iat\":"
        + (T - 10)
        + ",\"nbf\":"
        + (T - 10)
        + ",\"exp\":"
        + (T + 300)
        + ",\"jti\":\"9f1c\""
        + extra
        + "}";
  }

  static String token(JwtKey key, String extra) {
    return Forge.sign(header(key), claims(extra), key);
  }

  static Reason reason(ProviderTokenValidator v, String token) {
    try {
      v.validate(token);
      return null;
    } catch (InvalidTokenException e) {
      return e.reason();
    }
  }

  // ---- acceptance -----------------------------------------------------------------------------

  @Test
  void validate_rs256AndEs256FromTheJwksUri_accepted() throws Exception {
    ProviderTokenValidator v = validator();
    for (JwtKey k : List.of(RS, ES)) {
      VerifiedAccessToken t = v.validate(token(k, ",\"scope\":\"orders.read orders.write\""));
      assertThat(t.subject()).isEqualTo("user-7");
      assertThat(t.issuer()).contains(ISS);
      assertThat(t.audience()).containsExactly("orders-api");
      assertThat(t.tokenId()).isEqualTo("9f1c");
      assertThat(t.scopes()).containsExactlyInAnyOrder("orders.read", "orders.write");
      assertThat(t.expiresAt().getEpochSecond()).isEqualTo(T + 300);
    }
    assertThat(server.hits("/jwks")).isEqualTo(1);
  }

  @Test
  void validate_tokenWithoutJti_idDerivedFromItsSignature() throws Exception {
    String noJti = claims("").replace(",\"jti\":\"9f1c\"", "");
    ProviderTokenValidator v = validator();
    String a = Forge.sign(header(ES), noJti, ES);
    String b = Forge.sign(header(ES), noJti, ES); // ECDSA: same claims, another signature
    String idA = v.validate(a).tokenId();
    assertThat(idA).startsWith("sig:").hasSize(4 + 43).isEqualTo(v.validate(a).tokenId());
    assertThat(v.validate(b).tokenId()).isNotEqualTo(idA);
    assertThat(idA).doesNotContain(a.substring(a.lastIndexOf('.') + 1));
  }

  @Test
  void validate_typeRules_defaultJwtAtJwtOrAbsentAndRestrictable() throws Exception {
    ProviderTokenValidator any = validator();
    ProviderTokenValidator strict = validator(b -> b.audiences("orders-api").types("at+jwt"));
    String c = claims("");
    String jwt = Forge.sign(header(RS), c, RS);
    String atJwt = Forge.sign(header(RS).replace("\"JWT\"", "\"application/at+jwt\""), c, RS);
    String none = Forge.sign(header(RS).replace("\"typ\":\"JWT\",", ""), c, RS);
    String other = Forge.sign(header(RS).replace("\"JWT\"", "\"dpop+jwt\""), c, RS);
    assertThat(reason(any, jwt)).isNull();
    assertThat(reason(any, atJwt)).isNull();
    assertThat(reason(any, none)).isNull();
    assertThat(reason(any, other)).isEqualTo(Reason.WRONG_TYPE);
    assertThat(reason(strict, atJwt)).isNull();
    assertThat(reason(strict, jwt)).isEqualTo(Reason.WRONG_TYPE);
    assertThat(reason(strict, none)).isEqualTo(Reason.WRONG_TYPE);
  }

  @Test
  void validate_audienceOneOfASet() throws Exception {
    ProviderTokenValidator v = validator(b -> b.audiences("orders-api", "https://orders.example"));
    String other = claims("").replace("\"aud\":\"orders-api\"", "\"aud\":\"billing-api\"");
    String list =
        claims("")
            .replace("\"aud\":\"orders-api\"", "\"aud\":[\"billing\",\"https://orders.example\"]");
    String none = claims("").replace(",\"aud\":\"orders-api\"", "");
    assertThat(reason(v, Forge.sign(header(RS), other, RS))).isEqualTo(Reason.WRONG_AUDIENCE);
    assertThat(reason(v, Forge.sign(header(RS), list, RS))).isNull();
    assertThat(reason(v, Forge.sign(header(RS), none, RS))).isEqualTo(Reason.WRONG_AUDIENCE);
    ProviderTokenValidator anyAud = validator(TrustedIssuer.Builder::unsafeAcceptAnyAudience);
    assertThat(reason(anyAud, Forge.sign(header(RS), other, RS))).isNull();
  }

  @Test
  void validate_requiredClaims() {
    ProviderTokenValidator v = validator(b -> b.audiences("orders-api").requireClaims("client_id"));
    assertThat(reason(v, token(RS, ""))).isEqualTo(Reason.MISSING_OR_INVALID_CLAIM);
    assertThat(reason(v, token(RS, ",\"client_id\":\"web\""))).isNull();
    ProviderTokenValidator plain = validator();
    for (String drop : List.of("\"sub\":\"user-7\",", ",\"iat\":" + (T - 10))) {
      assertThat(reason(plain, Forge.sign(header(RS), claims("").replace(drop, ""), RS)))
          .as(drop)
          .isEqualTo(Reason.MISSING_OR_INVALID_CLAIM);
    }
    String noExp = claims("").replace(",\"exp\":" + (T + 300), "");
    assertThat(reason(plain, Forge.sign(header(RS), noExp, RS)))
        .isEqualTo(Reason.MISSING_OR_INVALID_CLAIM);
    String emptySub = claims("").replace("\"sub\":\"user-7\"", "\"sub\":\"\"");
    assertThat(reason(plain, Forge.sign(header(RS), emptySub, RS)))
        .isEqualTo(Reason.MISSING_OR_INVALID_CLAIM);
  }

  @Test
  void validate_times() {
    ProviderTokenValidator v = validator();
    String expired = claims("").replace("\"exp\":" + (T + 300), "\"exp\":" + (T - 31));
    String early = claims("").replace("\"nbf\":" + (T - 10), "\"nbf\":" + (T + 60));
    assertThat(reason(v, Forge.sign(header(RS), expired, RS))).isEqualTo(Reason.EXPIRED);
    assertThat(reason(v, Forge.sign(header(RS), early, RS))).isEqualTo(Reason.NOT_YET_VALID);
  }

  // ---- attacks
  // -----------------------------------------------------------------------------------

  @Test
  void validate_keyBearingHeaders_refusedWithoutAnyConnection() {
    ProviderTokenValidator v = validator();
    String attacker = server.url("/attacker-jwks");
    server.jwks("/attacker-jwks", JwtKey.toPublicJwkSet(List.of(RS)));
    List<String> headers =
        List.of(
            "{\"alg\":\"RS256\",\"kid\":\"evil\",\"jku\":\"" + attacker + "\"}",
            "{\"alg\":\"RS256\",\"kid\":\"evil\",\"x5u\":\"" + attacker + "\"}",
            "{\"alg\":\"RS256\",\"jwk\":" + RS.toPublicJwk() + "}",
            "{\"alg\":\"RS256\",\"kid\":\"rs-1\",\"x5c\":[\"MIIB\"]}");
    for (String h : headers) {
      assertThat(reason(v, Forge.sign(h, claims(""), RS)))
          .as(h)
          .isEqualTo(Reason.UNSUPPORTED_HEADER);
    }
    assertThat(server.totalHits()).as("no connection: neither the jku/x5u nor the JWKS").isZero();
  }

  @Test
  void validate_hs256SignedWithThePublicKey_refusedWithoutFetching() throws Exception {
    ProviderTokenValidator v = validator();
    RSAPublicKey pub = (RSAPublicKey) TestKeys.keyPair(Algorithm.RS256).getPublic();
    List<byte[]> secrets =
        List.of(
            pub.getEncoded(),
            RS.toPublicJwk().getBytes(StandardCharsets.UTF_8),
            JwtKey.toPublicJwkSet(List.of(RS)).getBytes(StandardCharsets.UTF_8));
    for (byte[] secret : secrets) {
      String input =
          b64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"rs-1\"}") + "." + b64(claims(""));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      String forged = input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
      assertThat(reason(v, forged)).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
    }
    assertThat(server.totalHits()).isZero();
    // Once the keys are loaded, the same forgery meets the key's one algorithm.
    v.validate(token(RS, ""));
    String input = b64("{\"alg\":\"HS256\",\"kid\":\"rs-1\"}") + "." + b64(claims(""));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(pub.getEncoded(), "HmacSHA256"));
    String forged = input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    assertThat(reason(v, forged)).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void validate_pinnedRsaKeyAndHs256Confusion_refused() throws Exception {
    ProviderTokenValidator v =
        ProviderTokenValidator.builder()
            .trust(
                TrustedIssuer.builder(ISS)
                    .keys(List.of(RS.withoutSigning()))
                    .audiences("orders-api")
                    .build())
            .clock(Forge.CLOCK)
            .build();
    RSAPublicKey pub = (RSAPublicKey) TestKeys.keyPair(Algorithm.RS256).getPublic();
    String input = b64("{\"alg\":\"HS256\",\"kid\":\"rs-1\"}") + "." + b64(claims(""));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(pub.getEncoded(), "HmacSHA256"));
    String forged = input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    assertThat(reason(v, forged)).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
    assertThat(reason(v, token(RS, ""))).isNull();
  }

  @Test
  void validate_algNone_refused() {
    String none = b64("{\"alg\":\"none\",\"kid\":\"rs-1\"}") + "." + b64(claims("")) + ".";
    assertThat(reason(validator(), none)).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
    assertThat(server.totalHits()).isZero();
  }

  @Test
  void validate_unconfiguredIssuer_refusedWithoutContact() {
    ProviderTokenValidator v = validator();
    String other = claims("").replace(ISS, server.url("/other-realm"));
    assertThat(reason(v, Forge.sign(header(RS), other, RS))).isEqualTo(Reason.WRONG_ISSUER);
    String noIss = claims("").replace("\"iss\":\"" + ISS + "\",", "");
    assertThat(reason(v, Forge.sign(header(RS), noIss, RS))).isEqualTo(Reason.WRONG_ISSUER);
    String numeric = claims("").replace("\"iss\":\"" + ISS + "\"", "\"iss\":42");
    assertThat(reason(v, Forge.sign(header(RS), numeric, RS)))
        .isEqualTo(Reason.MISSING_OR_INVALID_CLAIM);
    assertThat(server.totalHits()).isZero();
  }

  @Test
  void validate_anotherIssuersTokenClaimingThisIssuer_unknownKey() throws Exception {
    try (ScriptedServer other = ScriptedServer.start()) {
      JwtKey otherKey = TestKeys.signingKey(Algorithm.ES256, "other-1");
      other.jwks("/jwks", JwtKey.toPublicJwkSet(List.of(otherKey)));
      ProviderTokenValidator v =
          ProviderTokenValidator.builder()
              .trust(
                  TrustedIssuer.builder(ISS)
                      .jwksUri(server.url("/jwks"))
                      .audiences("orders-api")
                      .unsafeAllowPlainHttpOnLoopback()
                      .build(),
                  TrustedIssuer.builder("https://other.example")
                      .jwksUri(other.url("/jwks"))
                      .audiences("orders-api")
                      .unsafeAllowPlainHttpOnLoopback()
                      .build())
              .clock(Forge.CLOCK)
              .events(events::add)
              .build();
      // Signed by the other issuer's key, claiming to be ISS: ISS's keys do not have that kid.
      assertThat(reason(v, token(otherKey, ""))).isEqualTo(Reason.UNKNOWN_KEY);
      assertThat(other.totalHits()).isZero();
      // The same key under ISS's kid: the signature fails against ISS's key.
      JwtKey impostor = JwtKey.ofKeyPair("es-1", Algorithm.ES256, freshEs256());
      assertThat(reason(v, token(impostor, ""))).isEqualTo(Reason.BAD_SIGNATURE);
      // Its own tokens are accepted, each issuer by its own keys.
      String own =
          Forge.sign(header(otherKey), claims("").replace(ISS, "https://other.example"), otherKey);
      assertThat(v.validate(own).issuer()).contains("https://other.example");
      assertThat(v.validate(token(RS, "")).issuer()).contains(ISS);
    }
  }

  static java.security.KeyPair freshEs256() throws Exception {
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
    g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  @Test
  void validate_unknownKidAndProviderDown_reasons() {
    ProviderTokenValidator v = validator();
    JwtKey stranger = TestKeys.signingKey(Algorithm.RS256, "stranger");
    assertThat(reason(v, token(stranger, ""))).isEqualTo(Reason.UNKNOWN_KEY);
    server.close();
    ProviderTokenValidator down =
        ProviderTokenValidator.builder()
            .trust(
                TrustedIssuer.builder(ISS)
                    .jwksUri(server.url("/jwks"))
                    .audiences("orders-api")
                    .unsafeAllowPlainHttpOnLoopback()
                    .fetchTimeout(Duration.ofMillis(500))
                    .build())
            .clock(Forge.CLOCK)
            .events(events::add)
            .build();
    assertThat(reason(down, token(RS, ""))).isEqualTo(Reason.KEYS_UNAVAILABLE);
  }

  @Test
  void validate_noKidWithOneKey_accepted_withTwoKeys_refused() throws Exception {
    String noKidHeader = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
    assertThat(reason(validator(), Forge.sign(noKidHeader, claims(""), RS)))
        .isEqualTo(Reason.UNKNOWN_KEY);
    server.jwks("/jwks", JwtKey.toPublicJwkSet(List.of(RS)));
    assertThat(validator().validate(Forge.sign(noKidHeader, claims(""), RS)).subject())
        .isEqualTo("user-7");
  }

  // ---- claim rules -----------------------------------------------------------------------------

  @Test
  void validate_claimRule_refusesWithItsName() {
    ProviderTokenValidator v =
        validator(
            b ->
                b.audiences("orders-api")
                    .claimRules(
                        ClaimRule.requireValue("TENANT_NOT_ALLOWED", "tid", "acme"),
                        ClaimRule.of(
                            "MFA_REQUIRED",
                            c -> c.get("amr") instanceof List<?> l && l.contains("mfa"))));
    try {
      v.validate(token(RS, ",\"tid\":\"evil-corp\",\"amr\":[\"mfa\"]"));
      throw new AssertionError("accepted");
    } catch (InvalidTokenException e) {
      assertThat(e.reason()).isEqualTo(Reason.CLAIM_RULE);
      assertThat(e.rule()).contains("TENANT_NOT_ALLOWED");
      assertThat(e.reasonName()).isEqualTo("TENANT_NOT_ALLOWED");
      assertThat(e.getMessage()).doesNotContain("evil-corp");
    }
    try {
      v.validate(token(RS, ",\"tid\":\"acme\",\"amr\":[\"pwd\"]"));
      throw new AssertionError("accepted");
    } catch (InvalidTokenException e) {
      assertThat(e.rule()).contains("MFA_REQUIRED");
    }
    assertThat(reason(v, token(RS, ",\"tid\":\"acme\",\"amr\":[\"pwd\",\"mfa\"]"))).isNull();
  }

  @Test
  void validate_claimRuleThatThrows_refuses() {
    ProviderTokenValidator v =
        validator(
            b ->
                b.audiences("orders-api")
                    .claimRules(
                        ClaimRule.of("BROKEN", c -> ((String) c.get("missing")).isEmpty())));
    assertThat(reason(v, token(RS, ""))).isEqualTo(Reason.CLAIM_RULE);
  }

  @Test
  void validate_claimRuleRunsOnlyOnOtherwiseValidTokens() {
    List<Object> seen = new CopyOnWriteArrayList<>();
    ProviderTokenValidator v =
        validator(
            b ->
                b.audiences("orders-api")
                    .claimRules(
                        ClaimRule.of(
                            "SEEN",
                            c -> {
                              seen.add(c.get("jti"));
                              return true;
                            })));
    String expired = claims("").replace("\"exp\":" + (T + 300), "\"exp\":" + (T - 100));
    assertThat(reason(v, Forge.sign(header(RS), expired, RS))).isEqualTo(Reason.EXPIRED);
    String wrongAud = claims("").replace("\"aud\":\"orders-api\"", "\"aud\":\"x\"");
    assertThat(reason(v, Forge.sign(header(RS), wrongAud, RS))).isEqualTo(Reason.WRONG_AUDIENCE);
    assertThat(seen).isEmpty();
    assertThat(reason(v, token(RS, ""))).isNull();
    assertThat(seen).containsExactly("9f1c");
  }

  @Test
  void validate_claimRuleCannotChangeTheClaims() throws Exception {
    ProviderTokenValidator v =
        validator(
            b ->
                b.audiences("orders-api")
                    .claimRules(
                        ClaimRule.of(
                            "MUTATE",
                            c -> {
                              c.put("sub", "admin");
                              return true;
                            })));
    assertThat(reason(v, token(RS, ""))).isEqualTo(Reason.CLAIM_RULE); // the put threw
  }

  // ---- claims to roles and scopes
  // ------------------------------------------------------------------

  VerifiedAccessToken mapped(String rolesClaim, String extra) throws Exception {
    return validator(b -> b.audiences("orders-api").rolesClaim(rolesClaim))
        .validate(token(RS, extra));
  }

  @Test
  void validate_keycloakRealmAndClientRoles() throws Exception {
    String kc =
        ",\"realm_access\":{\"roles\":[\"offline_access\",\"user\"]},"
            + "\"resource_access\":{\"orders-api\":{\"roles\":[\"orders-admin\"]},"
            + "\"my.app\":{\"roles\":[\"dotted\"]},\"account\":{\"roles\":[\"manage-account\"]}}";
    VerifiedAccessToken t =
        validator(
                b ->
                    b.audiences("orders-api")
                        .rolesClaim(
                            "realm_access.roles",
                            "resource_access.orders-api.roles",
                            "resource_access.my\\.app.roles"))
            .validate(token(RS, kc));
    assertThat(t.roles())
        .containsExactlyInAnyOrder("offline_access", "user", "orders-admin", "dotted");
  }

  @Test
  void validate_cognitoOktaEntraAuth0Shapes() throws Exception {
    assertThat(mapped("cognito:groups", ",\"cognito:groups\":[\"admins\",\"eu-west\"]").roles())
        .containsExactlyInAnyOrder("admins", "eu-west");
    assertThat(mapped("groups", ",\"groups\":[\"Everyone\",\"Domain Users\"]").roles())
        .containsExactlyInAnyOrder("Everyone", "Domain Users");
    assertThat(mapped("roles", ",\"roles\":[\"Task.Read\",\"Task.Write\"]").roles())
        .containsExactlyInAnyOrder("Task.Read", "Task.Write");
    assertThat(
            mapped("https://example\\.com/roles", ",\"https://example.com/roles\":[\"editor\"]")
                .roles())
        .containsExactly("editor");
    assertThat(mapped("roles", ",\"roles\":\"a b  c\"").roles())
        .containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void validate_defaultRolesClaimIsRoles() throws Exception {
    assertThat(validator().validate(token(RS, ",\"roles\":[\"admin\"]")).roles())
        .containsExactly("admin");
  }

  @Test
  void validate_absentRolePath_noRoles() throws Exception {
    assertThat(mapped("realm_access.roles", "").roles()).isEmpty();
    assertThat(mapped("realm_access.roles", ",\"realm_access\":{}").roles()).isEmpty();
    assertThat(mapped("realm_access.roles", ",\"realm_access\":\"flat\"").roles()).isEmpty();
  }

  @Test
  void validate_unreadableRoles_refused() {
    ProviderTokenValidator v =
        validator(b -> b.audiences("orders-api").rolesClaim("realm_access.roles"));
    for (String bad :
        List.of(
            ",\"realm_access\":{\"roles\":42}",
            ",\"realm_access\":{\"roles\":[\"ok\",7]}",
            ",\"realm_access\":{\"roles\":[\"\"]}",
            ",\"realm_access\":{\"roles\":{\"admin\":true}}")) {
      assertThat(reason(v, token(RS, bad))).as(bad).isEqualTo(Reason.MISSING_OR_INVALID_CLAIM);
    }
  }

  @Test
  void validate_scopesFromScopeAndScp() throws Exception {
    ProviderTokenValidator v = validator();
    assertThat(v.validate(token(RS, ",\"scope\":\"openid orders.read\"")).scopes())
        .containsExactlyInAnyOrder("openid", "orders.read");
    // Spring Authorization Server writes scope as an array.
    assertThat(v.validate(token(RS, ",\"scope\":[\"orders.read\",\"orders.write\"]")).scopes())
        .containsExactlyInAnyOrder("orders.read", "orders.write");
    // Okta: scp array; Entra ID: scp string.
    assertThat(v.validate(token(RS, ",\"scp\":[\"orders.read\"]")).scopes())
        .containsExactly("orders.read");
    assertThat(v.validate(token(RS, ",\"scp\":\"User.Read Mail.Send\"")).scopes())
        .containsExactlyInAnyOrder("User.Read", "Mail.Send");
    assertThat(v.validate(token(RS, ",\"scope\":\"a\",\"scp\":[\"b\"]")).scopes())
        .containsExactlyInAnyOrder("a", "b");
    assertThat(reason(v, token(RS, ",\"scope\":42"))).isEqualTo(Reason.MISSING_OR_INVALID_CLAIM);
  }

  @Test
  void validate_applicationClaimsExposedRegisteredOnesNot() throws Exception {
    VerifiedAccessToken t =
        validator().validate(token(RS, ",\"azp\":\"web\",\"tid\":\"acme\",\"acr\":\"1\",\"n\":3"));
    assertThat(t.claims())
        .containsEntry("azp", "web")
        .containsEntry("tid", "acme")
        .containsEntry("n", 3L);
    assertThat(t.claims()).doesNotContainKeys("iss", "sub", "exp", "jti");
  }

  // ---- pinned keys
  // ---------------------------------------------------------------------------------

  @Test
  void validate_pinnedPemAndSharedSecret_accepted() throws Exception {
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(TestKeys.keyPair(Algorithm.RS256).getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    JwtKey hs = TestKeys.signingKey(Algorithm.HS256, "shared");
    ProviderTokenValidator v =
        ProviderTokenValidator.builder()
            .trust(
                TrustedIssuer.builder(ISS)
                    .keys(List.of(JwtKey.fromPem("rs-1", Algorithm.RS256, pem), hs))
                    .audiences("orders-api")
                    .build())
            .clock(Forge.CLOCK)
            .build();
    assertThat(v.validate(token(RS, "")).subject()).isEqualTo("user-7");
    assertThat(v.validate(token(hs, "")).subject()).isEqualTo("user-7");
    assertThat(reason(v, token(ES, ""))).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void validate_ownAccessTokenHeaderShape_stillNeedsTheProvidersRules() throws Exception {
    // A header byte-identical to this library's own (typ at+jwt) takes the fast path of the JWS
    // rules, but the provider's claim rules still apply.
    String own = Forge.sign(Forge.header(RS), claims(""), RS);
    assertThat(validator().validate(own).subject()).isEqualTo("user-7");
    String wrongAud = claims("").replace("\"aud\":\"orders-api\"", "\"aud\":\"x\"");
    assertThat(reason(validator(), Forge.sign(Forge.header(RS), wrongAud, RS)))
        .isEqualTo(Reason.WRONG_AUDIENCE);
  }
}
