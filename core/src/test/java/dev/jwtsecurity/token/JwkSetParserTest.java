package dev.jwtsecurity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.internal.Json;
import dev.jwtsecurity.internal.SettingRules;
import dev.jwtsecurity.testing.TestKeys;
import dev.jwtsecurity.token.JwkSetParser.KeyRefusal;
import dev.jwtsecurity.token.JwkSetParser.Refused;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a remote JWK Set may hold, key by key. */
class JwkSetParserTest {

  static final Set<Algorithm> DEFAULT = TrustedIssuer.DEFAULT_ALGORITHMS;

  // RFC 7520 §3.3 (public part): the kid is an e-mail address.
  static final String RFC7520_RSA =
      "{\"kty\":\"RSA\",\"kid\":\"bilbo.baggins@hobbiton.example\",\"use\":\"sig\",\"n\":"
          + "\"n4EPtAOCc9AlkeQHPzHStgAbgs7bTZLwUBZdR8_KuKPEHLd4rHVTeT-O-XV2jRojdNhxJWTDvNd7nqQ0VEiZQHz"
          + "_AJmSCpMaJMRBSFKrKb2wqVwGU_NsYOYL-QtiWN2lbzcEe6XC0dApr5ydQLrHqkHHig3RBordaZ6Aj-oBHqFEHYpP"
          + "e7Tpe-OfVfHd1E6cS6M1FZcD1NNLYD5lFHpPI9bTwJlsde3uhGqC0ZCuEHg8lhzwOHrtIQbS0FVbb9k3-tVTU4fg_"
          + "3L_vniUFAKwuCLqKnS2BYwdq_mzSnbLY7h_qixoR7jig3__kRhuaxwUkRz5iaiQkqgc5gHdrNP5zw\",\"e\":\"AQAB\"}";

  // RFC 7520 §4.1: RS256 over Tolkien, signed with that key.
  static final String RFC7520_JWS =
      "eyJhbGciOiJSUzI1NiIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9"
          + ".SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAg"
          + "b250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbm"
          + "cgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4"
          + ".MRjdkly7_-oTPTS3AXP41iQIGKa80A0ZmTuV5MEaHoxnW2e5CZ5NlKtainoFmKZopdHM1O2U4mwzJdQx996ivp83x"
          + "uglII7PNDi84wnB-BDkoBwA78185hX-Es4JIwmDLJK3lfWRa-XtL0RnltuYv746iYTh_qHRD68BNt1uSNCrUCTJDt5a"
          + "AE6x8wW1Kt9eRo4QPocSadnHXFxnt8Is9UzpERV0ePPQdLuW3IS_de3xyIrDaLGdjluPxUAhb6L2aXic1U12podGU0"
          + "KLUQSE_oI-ZnmKJ3F4uOZDnd6QZWJushZ41Axf_fcIe8u9ipH84ogoree7vjbU5y18kDquDg";

  // RFC 7638 §3.1: the thumbprint of this key is NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs.
  static final String RFC7638_RSA_NO_KID =
      "{\"kty\":\"RSA\",\"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1"
          + "RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6"
          + "Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbIS"
          + "D08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awap"
          + "JzKnqDKgw\",\"e\":\"AQAB\",\"alg\":\"RS256\"}";

  static Map<String, Object> doc(String json) {
    try {
      byte[] b = json.getBytes(StandardCharsets.UTF_8);
      return Json.parseObject(b, 0, b.length, 8);
    } catch (Json.MalformedJsonException e) {
      throw new AssertionError(e);
    }
  }

  static JwkSetParser.Result parse(Set<Algorithm> allowed, String... jwks) throws Exception {
    return JwkSetParser.parse(doc("{\"keys\":[" + String.join(",", jwks) + "]}"), allowed);
  }

  static String publicJwk(Algorithm alg, String kid) {
    return TestKeys.signingKey(alg, kid).toPublicJwk();
  }

  /** The JWK with {@code member} (raw JSON after the name) added. */
  static String with(String jwk, String member) {
    return jwk.substring(0, jwk.length() - 1) + "," + member + "}";
  }

  /** The JWK with the member {@code name} removed. */
  static String without(String jwk, String name) {
    return jwk.replaceAll(",?\"" + name + "\":\"[^\"]*\"", "").replace("{,", "{");
  }

  @Test
  void parse_rfc7520KeyWithEmailKid_loadsAndVerifiesTheRfcSignature() throws Exception {
    JwkSetParser.Result r = parse(DEFAULT, RFC7520_RSA);
    assertThat(r.refused()).isEmpty();
    JwtKey key = r.keys().get(0);
    assertThat(key.keyId()).isEqualTo("bilbo.baggins@hobbiton.example");
    assertThat(key.algorithm()).isEqualTo(Algorithm.RS256); // no alg: the one allowed RSA algorithm
    JwtVerifier.VerifiedJwt jws =
        JwtVerifier.builder().key(key).jwsOnly().build().verify(RFC7520_JWS);
    assertThat(new String(jws.payload(), StandardCharsets.UTF_8))
        .startsWith("It\u2019s a dangerous business, Frodo");
  }

  @Test
  void parse_providersKidShapes_allLoad() throws Exception {
    List<String> kids =
        List.of(
            "nOo3ZDrODXEK1jKWhXslHR_KXEg", // Entra ID: base64url x5t
            "2ZQpJ3UpbjAYXYGaXEJl8lV0TOI=", // base64 with padding
            "a+b/c=", // base64 alphabet
            "3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c", // hex
            "bilbo.baggins@hobbiton.example", // e-mail-like
            "urn:example:key:2026-11", // URN
            "Auth0 key 1", // spaces
            "clé-\u00e9t\u00e9 \"quoted\" back\\slash"); // anything but control characters
    String[] jwks = kids.stream().map(k -> publicJwk(Algorithm.ES256, k)).toArray(String[]::new);
    // Same key material under every kid is fine for the parser; only kids must differ.
    JwkSetParser.Result r = parse(DEFAULT, jwks);
    assertThat(r.refused()).isEmpty();
    assertThat(r.keys()).extracting(JwtKey::keyId).containsExactlyElementsOf(kids);
  }

  @Test
  void parse_kidWithControlCharacterOrTooLong_refusedAsInvalidKid() throws Exception {
    String ctl = publicJwk(Algorithm.ES256, "x").replace("\"kid\":\"x\"", "\"kid\":\"a\\nb\"");
    String longKid =
        publicJwk(Algorithm.ES256, "x")
            .replace(
                "\"kid\":\"x\"",
                "\"kid\":\"" + "k".repeat(SettingRules.MAX_KEY_ID_LENGTH + 1) + "\"");
    JwkSetParser.Result r = parse(DEFAULT, ctl, longKid, publicJwk(Algorithm.RS256, "ok"));
    assertThat(r.keys()).extracting(JwtKey::keyId).containsExactly("ok");
    assertThat(r.refused()).extracting(Refused::reason).containsOnly(KeyRefusal.INVALID_KID);
  }

  @Test
  void parse_keyWithoutKid_getsItsRfc7638Thumbprint() throws Exception {
    JwkSetParser.Result r = parse(DEFAULT, RFC7638_RSA_NO_KID);
    assertThat(r.keys())
        .extracting(JwtKey::keyId)
        .containsExactly("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  }

  @Test
  void parse_privateMaterial_refusedWhateverTheUse() throws Exception {
    String rsaPrivate = TestKeys.signingKey(Algorithm.RS256, "leaked").toPrivateJwk();
    String ecPrivateEnc =
        TestKeys.signingKey(Algorithm.ES256, "leaked-enc")
            .toPrivateJwk()
            .replace("\"sig\"", "\"enc\"");
    String oct = "{\"kty\":\"oct\",\"kid\":\"secret\",\"k\":\"" + "A".repeat(43) + "\"}";
    JwkSetParser.Result r =
        parse(DEFAULT, rsaPrivate, ecPrivateEnc, oct, publicJwk(Algorithm.ES256, "ok"));
    assertThat(r.keys()).extracting(JwtKey::keyId).containsExactly("ok");
    assertThat(r.refused())
        .containsExactly(
            new Refused("leaked", KeyRefusal.PRIVATE_KEY_MATERIAL),
            new Refused("leaked-enc", KeyRefusal.PRIVATE_KEY_MATERIAL),
            new Refused("secret", KeyRefusal.PRIVATE_KEY_MATERIAL));
  }

  @Test
  void parse_rsaUnder2048Bits_refusedAsWeak() throws Exception {
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
    g.initialize(1024);
    java.security.interfaces.RSAPublicKey pub =
        (java.security.interfaces.RSAPublicKey) g.generateKeyPair().getPublic();
    String weak =
        "{\"kty\":\"RSA\",\"kid\":\"weak\",\"n\":\""
            + Forge.b64(unsigned(pub.getModulus()))
            + "\",\"e\":\"AQAB\"}";
    String e1 = without(publicJwk(Algorithm.RS256, "e1"), "e").replace("}", ",\"e\":\"AQ\"}");
    JwkSetParser.Result r = parse(DEFAULT, weak, e1);
    assertThat(r.keys()).isEmpty();
    assertThat(r.refused())
        .containsExactly(
            new Refused("weak", KeyRefusal.WEAK_KEY), new Refused("e1", KeyRefusal.WEAK_KEY));
  }

  static byte[] unsigned(java.math.BigInteger n) {
    byte[] b = n.toByteArray();
    return b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
  }

  @Test
  void parse_algNoneAnyCase_refused() throws Exception {
    String none =
        without(publicJwk(Algorithm.RS256, "n1"), "alg").replace("}", ",\"alg\":\"none\"}");
    String noneUpper =
        without(publicJwk(Algorithm.RS256, "n2"), "alg").replace("}", ",\"alg\":\"NONE\"}");
    JwkSetParser.Result r = parse(DEFAULT, none, noneUpper);
    assertThat(r.keys()).isEmpty();
    assertThat(r.refused()).extracting(Refused::reason).containsOnly(KeyRefusal.ALG_NONE);
  }

  @Test
  void parse_unknownOrMissingKty_refused() throws Exception {
    String unknown = "{\"kty\":\"PQC\",\"kid\":\"future\",\"x\":\"AAAA\"}";
    String missing = "{\"kid\":\"nokty\",\"n\":\"AAAA\",\"e\":\"AQAB\"}";
    JwkSetParser.Result r = parse(DEFAULT, unknown, missing, publicJwk(Algorithm.RS256, "ok"));
    assertThat(r.keys()).extracting(JwtKey::keyId).containsExactly("ok");
    assertThat(r.refused())
        .containsExactly(
            new Refused("future", KeyRefusal.UNKNOWN_KEY_TYPE),
            new Refused("nokty", KeyRefusal.UNKNOWN_KEY_TYPE));
  }

  @Test
  void parse_duplicateKid_bothRefused() throws Exception {
    JwkSetParser.Result r =
        parse(
            DEFAULT,
            publicJwk(Algorithm.RS256, "twin"),
            publicJwk(Algorithm.ES256, "twin"),
            publicJwk(Algorithm.ES256, "single"));
    assertThat(r.keys()).extracting(JwtKey::keyId).containsExactly("single");
    assertThat(r.refused()).containsExactly(new Refused("twin", KeyRefusal.DUPLICATE_KID));
  }

  @Test
  void parse_duplicateKidOfAnEncryptionKey_signingKeyKept() throws Exception {
    // Keycloak publishes an RSA-OAEP key beside the signing key; an enc key never competes.
    String enc =
        without(publicJwk(Algorithm.RS256, "k1"), "alg")
            .replace("\"sig\"", "\"enc\"")
            .replace("}", ",\"alg\":\"RSA-OAEP\"}");
    JwkSetParser.Result r = parse(DEFAULT, enc, publicJwk(Algorithm.RS256, "k1"));
    assertThat(r.keys()).extracting(JwtKey::keyId).containsExactly("k1");
    assertThat(r.refused()).isEmpty();
  }

  @Test
  void parse_keyOpsWithoutVerify_skippedSilently() throws Exception {
    String wrapOnly = with(publicJwk(Algorithm.RS256, "wrap"), "\"key_ops\":[\"wrapKey\"]");
    String verify = with(publicJwk(Algorithm.ES256, "v"), "\"key_ops\":[\"verify\"]");
    JwkSetParser.Result r = parse(DEFAULT, wrapOnly, verify);
    assertThat(r.keys()).extracting(JwtKey::keyId).containsExactly("v");
    assertThat(r.refused()).isEmpty();
  }

  @Test
  void parse_algorithmFromKeyTypeWithinAllowList() throws Exception {
    String rsa = without(publicJwk(Algorithm.RS256, "rsa"), "alg");
    String p256 = without(publicJwk(Algorithm.ES256, "p256"), "alg");
    String p384 = without(publicJwk(Algorithm.ES384, "p384"), "alg");
    String ed = without(publicJwk(Algorithm.EDDSA, "ed"), "alg");
    JwkSetParser.Result r =
        parse(Set.of(Algorithm.PS256, Algorithm.ES384, Algorithm.EDDSA), rsa, p256, p384, ed);
    assertThat(r.keys())
        .extracting(k -> k.keyId() + "=" + k.algorithm())
        .containsExactly("rsa=PS256", "p384=ES384", "ed=EDDSA");
    assertThat(r.refused()).containsExactly(new Refused("p256", KeyRefusal.ALGORITHM_NOT_ALLOWED));
  }

  @Test
  void parse_rsaWithoutAlgAndTwoRsaAlgorithmsAllowed_refusedAsAmbiguous() throws Exception {
    String rsa = without(publicJwk(Algorithm.RS256, "rsa"), "alg");
    JwkSetParser.Result r = parse(Set.of(Algorithm.RS256, Algorithm.PS256), rsa);
    assertThat(r.refused()).containsExactly(new Refused("rsa", KeyRefusal.AMBIGUOUS_ALGORITHM));
  }

  @Test
  void parse_ownAlgOutsideAllowList_refused() throws Exception {
    JwkSetParser.Result r = parse(Set.of(Algorithm.RS256), publicJwk(Algorithm.PS512, "pss"));
    assertThat(r.refused()).containsExactly(new Refused("pss", KeyRefusal.ALGORITHM_NOT_ALLOWED));
  }

  @Test
  void parse_algThatDoesNotFitTheKey_refusedAsInvalid() throws Exception {
    String lie =
        without(publicJwk(Algorithm.ES256, "lie"), "alg").replace("}", ",\"alg\":\"RS256\"}");
    JwkSetParser.Result r = parse(DEFAULT, lie);
    assertThat(r.refused()).containsExactly(new Refused("lie", KeyRefusal.INVALID_KEY));
  }

  @Test
  void parse_pointOffTheCurve_refusedAsInvalid() throws Exception {
    String jwk = publicJwk(Algorithm.ES256, "off");
    String y = jwk.replaceAll(".*\"y\":\"([^\"]*)\".*", "$1");
    char last = y.charAt(0);
    String flipped = (last == 'A' ? 'B' : 'A') + y.substring(1);
    JwkSetParser.Result r = parse(DEFAULT, jwk.replace(y, flipped));
    assertThat(r.refused()).containsExactly(new Refused("off", KeyRefusal.INVALID_KEY));
  }

  @Test
  void parse_malformedMembers_refusedAsInvalid() throws Exception {
    String padded = publicJwk(Algorithm.RS256, "pad").replace("\"e\":\"AQAB\"", "\"e\":\"AQAB==\"");
    String shortX =
        publicJwk(Algorithm.ES256, "short").replaceAll("\"x\":\"[^\"]*\"", "\"x\":\"AAAA\"");
    String notObject = "\"just a string\"";
    JwkSetParser.Result r = parse(DEFAULT, padded, shortX, notObject);
    assertThat(r.keys()).isEmpty();
    assertThat(r.refused())
        .containsExactly(
            new Refused("pad", KeyRefusal.INVALID_KEY),
            new Refused("short", KeyRefusal.INVALID_KEY),
            new Refused(null, KeyRefusal.INVALID_KEY));
  }

  @Test
  void parse_notAJwkSet_throws() {
    assertThatThrownBy(() -> JwkSetParser.parse(doc("{\"kty\":\"RSA\"}"), DEFAULT))
        .isInstanceOf(JwkSetParser.NotAJwkSet.class);
    assertThatThrownBy(() -> JwkSetParser.parse(doc("{\"keys\":{}}"), DEFAULT))
        .isInstanceOf(JwkSetParser.NotAJwkSet.class);
  }
}
