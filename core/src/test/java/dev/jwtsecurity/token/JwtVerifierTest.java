package dev.jwtsecurity.token;

import static dev.jwtsecurity.token.Forge.T;
import static dev.jwtsecurity.token.Forge.b64;
import static dev.jwtsecurity.token.Forge.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.testing.TestKeys;
import dev.jwtsecurity.token.InvalidTokenException.Reason;
import dev.jwtsecurity.token.JwtVerifier.VerifiedJwt;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The general profile and JWS-only mode of the CLI's verify command, including the RFC 7515
 * appendix A examples.
 */
class JwtVerifierTest {

  // RFC 7515 Appendix A.1: HS256.
  private static final String A1_JWK =
      "{\"kty\":\"oct\",\"k\":\"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow\"}";
  private static final String A1_TOKEN =
      "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
          + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
          + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  private static final String A_PAYLOAD =
      "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}";
  // RFC 7515 Appendix A.3: ES256.
  private static final String A3_JWK =
      "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
          + "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}";
  private static final String A3_TOKEN =
      "eyJhbGciOiJFUzI1NiJ9"
          + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
          + ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
  private static final Clock BEFORE_A_EXP =
      Clock.fixed(Instant.ofEpochSecond(1300819300L), ZoneOffset.UTC);

  private static Reason reason(JwtVerifier v, String token) {
    try {
      v.verify(token);
      return null;
    } catch (InvalidTokenException e) {
      return e.reason();
    }
  }

  @Test
  void verify_rfc7515A1InJwsOnlyMode_signatureVerifiesAndPayloadIsExact() throws Exception {
    JwtVerifier v =
        JwtVerifier.builder().key(JwtKey.fromJwk(A1_JWK, Algorithm.HS256)).jwsOnly().build();
    VerifiedJwt jwt = v.verify(A1_TOKEN);
    assertThat(new String(jwt.payload(), StandardCharsets.UTF_8)).isEqualTo(A_PAYLOAD);
    assertThat(jwt.claimsJson()).isEmpty();
    assertThat(jwt.header()).containsEntry("typ", "JWT").containsEntry("alg", "HS256");
    assertThat(jwt.headerJson()).isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
  }

  @Test
  void verify_rfc7515A1AsJwt_expiredToday_validBeforeItsExp() throws Exception {
    JwtKey key = JwtKey.fromJwk(A1_JWK, Algorithm.HS256);
    assertThat(reason(JwtVerifier.builder().key(key).build(), A1_TOKEN)).isEqualTo(Reason.EXPIRED);
    VerifiedJwt jwt =
        JwtVerifier.builder()
            .key(key)
            .clock(BEFORE_A_EXP)
            .requireIssuer("joe")
            .build()
            .verify(A1_TOKEN);
    assertThat(jwt.claims())
        .containsEntry("iss", "joe")
        .containsEntry("http://example.com/is_root", true);
    assertThat(jwt.claimsJson()).contains(A_PAYLOAD);
  }

  @Test
  void verify_rfc7515A1_refusedForTheAccessTokenProfile() {
    JwtKey key = JwtKey.fromJwk(A1_JWK, Algorithm.HS256);
    // typ is "JWT", not at+jwt: refused after the signature verified.
    assertThat(
            reason(
                JwtVerifier.builder().key(key).clock(BEFORE_A_EXP).requireType("at+jwt").build(),
                A1_TOKEN))
        .isEqualTo(Reason.WRONG_TYPE);
    // No sub, iat, jti either.
    assertThat(
            reason(
                JwtVerifier.builder().key(key).clock(BEFORE_A_EXP).requireClaim("sub").build(),
                A1_TOKEN))
        .isEqualTo(Reason.MISSING_OR_INVALID_CLAIM);
    // And the access-token validator refuses it before the signature: it has no kid, a key ring
    // never guesses.
    AccessTokenValidator validator =
        AccessTokenValidator.builder().keyRing(KeyRing.of(key)).clock(BEFORE_A_EXP).build();
    assertThatThrownBy(() -> validator.validate(A1_TOKEN))
        .isInstanceOfSatisfying(
            InvalidTokenException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY));
  }

  @Test
  void verify_rfc7515A1WithAnotherAlgorithmPinned_isRefused() {
    JwtKey hs384 = JwtKey.fromJwk(A1_JWK, Algorithm.HS384);
    assertThat(reason(JwtVerifier.builder().key(hs384).jwsOnly().build(), A1_TOKEN))
        .isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void verify_rfc7515A3Es256_verifiesAndRefusesAnyChangedCharacter() throws Exception {
    JwtVerifier v =
        JwtVerifier.builder().key(JwtKey.fromJwk(A3_JWK, Algorithm.ES256)).jwsOnly().build();
    assertThat(new String(v.verify(A3_TOKEN).payload(), StandardCharsets.UTF_8))
        .isEqualTo(A_PAYLOAD);
    String flipped =
        A3_TOKEN.substring(0, 30)
            + (A3_TOKEN.charAt(30) == 'a' ? 'b' : 'a')
            + A3_TOKEN.substring(31);
    assertThat(reason(v, flipped)).isNotNull();
  }

  @Test
  void verify_typeRequirement_treatsApplicationPrefixAsTheSameType() throws Exception {
    JwtKey key = TestKeys.signingKey(Algorithm.HS256, "k");
    JwtVerifier v =
        JwtVerifier.builder().key(key).clock(Forge.CLOCK).requireType("application/at+jwt").build();
    assertThat(v.verify(Forge.valid(key)).claims()).containsEntry("sub", "alice");
    String jwtTyped =
        sign("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"k\"}", Forge.claims(""), key);
    assertThat(reason(v, jwtTyped)).isEqualTo(Reason.WRONG_TYPE);
  }

  @Test
  void verify_generalProfile_requiresExpOnlyAndChecksPresentTimes() {
    JwtKey key = TestKeys.signingKey(Algorithm.HS256, "k");
    JwtVerifier v = JwtVerifier.builder().key(key).clock(Forge.CLOCK).build();
    String h = Forge.header(key);
    assertThat(reason(v, sign(h, "{\"exp\":" + (T + 60) + "}", key))).isNull();
    assertThat(reason(v, sign(h, "{\"sub\":\"x\"}", key)))
        .isEqualTo(Reason.MISSING_OR_INVALID_CLAIM);
    assertThat(reason(v, sign(h, "{\"exp\":" + (T + 60) + ",\"iat\":" + (T + 100) + "}", key)))
        .isEqualTo(Reason.ISSUED_IN_FUTURE);
    assertThat(reason(v, sign(h, "{\"exp\":" + (T + 60) + ",\"nbf\":" + (T + 100) + "}", key)))
        .isEqualTo(Reason.NOT_YET_VALID);
    assertThat(reason(v, sign(h, "{\"exp\":" + (T + 60) + ",\"sub\":1}", key)))
        .isEqualTo(Reason.MISSING_OR_INVALID_CLAIM);
    assertThat(reason(v, sign(h, "{\"exp\":\"" + (T + 60) + "\"}", key)))
        .isEqualTo(Reason.MISSING_OR_INVALID_CLAIM);
    assertThat(reason(v, sign(h, "{\"exp\":" + (T + 60) + ",\"env\":\"staging\"}", key))).isNull();
  }

  @Test
  void verify_issuerAudienceAndRequiredClaims_asAsked() {
    JwtKey key = TestKeys.signingKey(Algorithm.HS256, "k");
    JwtVerifier v =
        JwtVerifier.builder()
            .key(key)
            .clock(Forge.CLOCK)
            .requireIssuer("i")
            .requireAudience("a")
            .requireClaim("scope")
            .build();
    String h = Forge.header(key);
    String base = "\"exp\":" + (T + 60);
    assertThat(
            reason(v, sign(h, "{" + base + ",\"iss\":\"i\",\"aud\":\"a\",\"scope\":\"r\"}", key)))
        .isNull();
    assertThat(
            reason(v, sign(h, "{" + base + ",\"iss\":\"j\",\"aud\":\"a\",\"scope\":\"r\"}", key)))
        .isEqualTo(Reason.WRONG_ISSUER);
    assertThat(
            reason(v, sign(h, "{" + base + ",\"iss\":\"i\",\"aud\":[\"b\"],\"scope\":\"r\"}", key)))
        .isEqualTo(Reason.WRONG_AUDIENCE);
    assertThat(reason(v, sign(h, "{" + base + ",\"iss\":\"i\",\"aud\":\"a\",\"scope\":null}", key)))
        .isEqualTo(Reason.MISSING_OR_INVALID_CLAIM);
  }

  @Test
  void verify_missingKid_acceptedWithOneKeyRefusedWithSeveral() {
    JwtKey a = TestKeys.signingKey(Algorithm.ES256, "a");
    JwtKey b = JwtKey.generate(Algorithm.ES256, "b", new java.security.SecureRandom());
    String token = sign("{\"alg\":\"ES256\"}", "{\"exp\":" + (T + 60) + "}", a);
    assertThat(
            reason(JwtVerifier.builder().key(a.withoutSigning()).clock(Forge.CLOCK).build(), token))
        .isNull();
    assertThat(reason(JwtVerifier.builder().keys(List.of(a, b)).clock(Forge.CLOCK).build(), token))
        .isEqualTo(Reason.UNKNOWN_KEY);
    String wrongKid = sign("{\"alg\":\"ES256\",\"kid\":\"zz\"}", "{\"exp\":" + (T + 60) + "}", a);
    assertThat(reason(JwtVerifier.builder().key(a).clock(Forge.CLOCK).build(), wrongKid))
        .isEqualTo(Reason.UNKNOWN_KEY);
  }

  @Test
  void verify_jwsOnly_acceptsAnyPayloadBytesButKeepsHeaderRules() {
    JwtKey key = TestKeys.signingKey(Algorithm.EDDSA, "ed");
    JwtVerifier v = JwtVerifier.builder().key(key).jwsOnly().build();
    byte[] binary = {0, (byte) 0xff, (byte) 0xc0, 10};
    String token =
        sign("{\"alg\":\"EdDSA\",\"kid\":\"ed\"}".getBytes(StandardCharsets.UTF_8), binary, key);
    assertThat(reason(v, token)).isNull();
    String crit =
        sign(
            "{\"alg\":\"EdDSA\",\"kid\":\"ed\",\"crit\":[\"x\"],\"x\":1}"
                .getBytes(StandardCharsets.UTF_8),
            binary,
            key);
    assertThat(reason(v, crit)).isEqualTo(Reason.UNSUPPORTED_HEADER);
    String none = b64("{\"alg\":\"none\"}") + "." + b64(binary) + ".";
    assertThat(reason(v, none)).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void verifiedJwt_toString_showsNoClaimsOrToken() throws Exception {
    JwtVerifier v =
        JwtVerifier.builder().key(JwtKey.fromJwk(A1_JWK, Algorithm.HS256)).jwsOnly().build();
    assertThat(v.verify(A1_TOKEN).toString())
        .doesNotContain("joe")
        .doesNotContain(A1_TOKEN.substring(0, 20));
  }
}
