package dev.jwtsecurity.token;

import static dev.jwtsecurity.token.Forge.T;
import static dev.jwtsecurity.token.Forge.b64;
import static dev.jwtsecurity.token.Forge.claims;
import static dev.jwtsecurity.token.Forge.claimsWithExp;
import static dev.jwtsecurity.token.Forge.header;
import static dev.jwtsecurity.token.Forge.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.jwtsecurity.testing.TestKeys;
import dev.jwtsecurity.token.InvalidTokenException.Reason;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A fixed case for every rejection reason the validator produces, and the named attacks (issue 2).
 */
class AccessTokenValidatorAttackTest {

  private final JwtKey hs = TestKeys.signingKey(Algorithm.HS256, "hs-1");
  private final JwtKey rs = TestKeys.signingKey(Algorithm.RS256, "rs-1");
  private final JwtKey es = TestKeys.signingKey(Algorithm.ES256, "es-1");
  private final KeyRing ring = KeyRing.of(hs, rs.withoutSigning(), es.withoutSigning());
  private final AccessTokenValidator validator =
      AccessTokenValidator.builder().keyRing(ring).clock(Forge.CLOCK).build();

  private void assertRejected(String token, Reason reason) {
    assertThatThrownBy(() -> validator.validate(token))
        .isInstanceOfSatisfying(
            InvalidTokenException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token));
  }

  @Test
  void validate_wellFormedTokens_acceptedForEveryKeyInTheRing() throws Exception {
    assertThat(validator.validate(Forge.valid(hs)).subject()).isEqualTo("alice");
    assertThat(validator.validate(Forge.valid(rs)).subject()).isEqualTo("alice");
    assertThat(validator.validate(Forge.valid(es)).subject()).isEqualTo("alice");
  }

  // ---- size and shape ----

  @Test
  void validate_oversizedToken_rejectsWithTooLargeBeforeParsing() {
    String valid = Forge.valid(hs);
    String big = sign(header(hs), claims(",\"pad\":\"" + "x".repeat(8192) + "\""), hs);
    assertRejected(big, Reason.TOO_LARGE);
    assertRejected("!".repeat(8193), Reason.TOO_LARGE);
    assertThat(valid.length()).isLessThan(8192);
  }

  @Test
  void validate_exactlyAtTheLimit_isParsed() {
    String s = "a".repeat(8192);
    assertRejected(s, Reason.MALFORMED);
  }

  @Test
  void validate_null_rejectsWithMalformed() {
    assertThatThrownBy(() -> validator.validate(null))
        .isInstanceOfSatisfying(
            InvalidTokenException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
  }

  @Test
  void validate_twoPartsSignatureStripped_rejectsWithMalformed() {
    String t = Forge.valid(hs);
    assertRejected(t.substring(0, t.lastIndexOf('.')), Reason.MALFORMED);
  }

  @Test
  void validate_emptySignaturePart_rejectsWithBadSignature() {
    String t = Forge.valid(hs);
    assertRejected(t.substring(0, t.lastIndexOf('.') + 1), Reason.BAD_SIGNATURE);
  }

  @Test
  void validate_jweFiveParts_rejectsWithMalformed() {
    String jwe =
        b64("{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"kid\":\"hs-1\"}")
            + "..AAAAAAAAAAAAAAAA.c2VjcmV0.AAAAAAAAAAAAAAAAAAAAAA";
    assertRejected(jwe, Reason.MALFORMED);
    assertRejected(Forge.valid(hs) + ".x.y", Reason.MALFORMED);
  }

  @ParameterizedTest
  @ValueSource(strings = {" ", "\n", "\t", "=", "+", "/", "%", "\u00e9"})
  void validate_characterOutsideBase64url_rejectsWithMalformed(String c) {
    String t = Forge.valid(hs);
    int dot = t.indexOf('.');
    assertRejected(t.substring(0, dot) + c + t.substring(dot), Reason.MALFORMED);
    assertRejected(t + c, Reason.MALFORMED);
  }

  @Test
  void validate_paddedParts_rejectsWithMalformed() {
    String h = Base64.getUrlEncoder().encodeToString(header(hs).getBytes(StandardCharsets.UTF_8));
    String p = Base64.getUrlEncoder().encodeToString(claims("").getBytes(StandardCharsets.UTF_8));
    byte[] in = (h + "." + p).getBytes(StandardCharsets.US_ASCII);
    String token = h + "." + p + "." + b64(hs.sign(in, in.length));
    assertThat(h + p).contains("=");
    assertRejected(token, Reason.MALFORMED);
  }

  @Test
  void validate_standardAlphabetPlusSlash_rejectsWithMalformed() {
    // A payload whose standard base64 has '+' and '/': ">>>???" encodes to "Pj4-Pz8_" / "Pj4+Pz8/".
    String claims = claims(",\"x\":\">>>???\"");
    String std =
        Base64.getEncoder()
            .withoutPadding()
            .encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    String h = b64(header(hs));
    byte[] in = (h + "." + std).getBytes(StandardCharsets.US_ASCII);
    assertThat(std).containsAnyOf("+", "/");
    assertRejected(h + "." + std + "." + b64(hs.sign(in, in.length)), Reason.MALFORMED);
  }

  @Test
  void validate_nonZeroTrailingBits_rejectsWithMalformedEvenWhenTheSignatureCoversThem() {
    String t = Forge.valid(hs);
    String[] parts = Forge.parts(t);
    // A signature of 32 bytes is 43 chars; its last char carries 2 unused bits. Flip them.
    String sig = parts[2];
    char last = sig.charAt(sig.length() - 1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char alt = alphabet.charAt(alphabet.indexOf(last) | 1);
    assertThat(Base64.getUrlDecoder().decode(sig.substring(0, 42) + alt))
        .isEqualTo(Base64.getUrlDecoder().decode(sig));
    assertRejected(parts[0] + "." + parts[1] + "." + sig.substring(0, 42) + alt, Reason.MALFORMED);
    // The same in the payload, signed over the non-canonical text: refused for its encoding.
    String p = parts[1];
    if (p.length() % 4 != 0) {
      char pl = p.charAt(p.length() - 1);
      char palt = alphabet.charAt(alphabet.indexOf(pl) | 1);
      String input = parts[0] + "." + p.substring(0, p.length() - 1) + palt;
      byte[] in = input.getBytes(StandardCharsets.US_ASCII);
      assertRejected(input + "." + b64(hs.sign(in, in.length)), Reason.MALFORMED);
    }
  }

  @Test
  void validate_headerNotJson_rejectsWithMalformed() {
    assertRejected(b64("not json") + "." + b64(claims("")) + ".AAAA", Reason.MALFORMED);
    assertRejected(b64("[\"alg\"]") + "." + b64(claims("")) + ".AAAA", Reason.MALFORMED);
    assertRejected(
        b64("{\"alg\":\"HS256\",\"kid\":\"hs-1\"} x") + "." + b64(claims("")) + ".AAAA",
        Reason.MALFORMED);
  }

  @Test
  void validate_duplicateHeaderMember_rejectsWithMalformed() {
    // A lenient parser keeping the last "alg" would see HS256; another keeping the first would see
    // none.
    String h = "{\"alg\":\"none\",\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"hs-1\"}";
    assertRejected(sign(h, claims(""), hs), Reason.MALFORMED);
    String k = "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"hs-1\",\"kid\":\"rs-1\"}";
    assertRejected(sign(k, claims(""), hs), Reason.MALFORMED);
  }

  @Test
  void validate_duplicateClaim_rejectsWithMalformedAfterTheSignatureVerifies() {
    String c =
        "{\"sub\":\"alice\",\"sub\":\"admin\",\"iat\":"
            + T
            + ",\"exp\":"
            + (T + 600)
            + ",\"jti\":\"j\"}";
    assertRejected(sign(header(hs), c, hs), Reason.MALFORMED);
  }

  @Test
  void validate_deeplyNestedJson_rejectsWithMalformed() {
    String deep = "[".repeat(1000) + "]".repeat(1000);
    assertRejected(sign(header(hs), claims(",\"x\":" + deep), hs), Reason.MALFORMED);
    String deepHeader =
        "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"hs-1\",\"x\":"
            + "{\"a\":".repeat(20)
            + "1"
            + "}".repeat(20)
            + "}";
    assertRejected(sign(deepHeader, claims(""), hs), Reason.MALFORMED);
    // Eight levels are fine.
    String ok = "[".repeat(7) + "]".repeat(7);
    assertThat(catchReason(sign(header(hs), claims(",\"x\":" + ok), hs))).isNull();
  }

  @Test
  void validate_nonUtf8Claims_rejectsWithMalformed() {
    byte[] bad = claims(",\"x\":\"AB\"").getBytes(StandardCharsets.UTF_8);
    int i = new String(bad, StandardCharsets.ISO_8859_1).indexOf("AB");
    bad[i] = (byte) 0xC0; // overlong lead byte
    bad[i + 1] = (byte) 0xAF;
    assertRejected(sign(header(hs).getBytes(StandardCharsets.UTF_8), bad, hs), Reason.MALFORMED);
    byte[] surrogate = claims(",\"x\":\"ABC\"").getBytes(StandardCharsets.UTF_8);
    int j = new String(surrogate, StandardCharsets.ISO_8859_1).indexOf("ABC");
    surrogate[j] = (byte) 0xED; // UTF-8-encoded surrogate U+D800
    surrogate[j + 1] = (byte) 0xA0;
    surrogate[j + 2] = (byte) 0x80;
    assertRejected(
        sign(header(hs).getBytes(StandardCharsets.UTF_8), surrogate, hs), Reason.MALFORMED);
  }

  @Test
  void validate_loneSurrogateEscape_rejectsWithMalformed() {
    assertRejected(sign(header(hs), claims(",\"x\":\"\\ud800\""), hs), Reason.MALFORMED);
    assertRejected(sign(header(hs), claims(",\"x\":\"\\udc00x\""), hs), Reason.MALFORMED);
    assertThat(catchReason(sign(header(hs), claims(",\"x\":\"\\ud83d\\ude00\""), hs))).isNull();
  }

  @Test
  void validate_trailingGarbageAfterClaims_rejectsWithMalformed() {
    assertRejected(sign(header(hs), claims("") + "{}", hs), Reason.MALFORMED);
    assertRejected(sign(header(hs), claims("") + ",", hs), Reason.MALFORMED);
  }

  // ---- algorithm ----

  @ParameterizedTest
  @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
  void validate_algNoneInAnyCapitalisation_rejectsWithUnsupportedAlgorithm(String none) {
    String h = "{\"alg\":\"" + none + "\",\"typ\":\"at+jwt\",\"kid\":\"hs-1\"}";
    String unsigned = b64(h) + "." + b64(claims("")) + ".";
    assertRejected(unsigned, Reason.UNSUPPORTED_ALGORITHM);
    assertRejected(
        b64(h) + "." + b64(claims("")) + "." + Forge.parts(Forge.valid(hs))[2],
        Reason.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void validate_algOtherThanTheKeys_rejectsWithUnsupportedAlgorithm() {
    JwtKey hs512 = JwtKey.hmac("hs-1", Algorithm.HS512, TestKeys.hmacSecret());
    String h = "{\"alg\":\"HS512\",\"typ\":\"at+jwt\",\"kid\":\"hs-1\"}";
    assertRejected(sign(h, claims(""), hs512), Reason.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void validate_hs256SignedWithThePublicKeyAsSecret_rejectsWithUnsupportedAlgorithm()
      throws Exception {
    // The algorithm-confusion attack: the verifier holds rs-1 (RSA) and es-1 (EC) public keys; the
    // attacker knows
    // them and signs with HMAC, using the public key text or bytes as the HMAC secret.
    for (JwtKey victim : List.of(rs, es)) {
      byte[] der = victim.verificationKey().getEncoded();
      String pem =
          "-----BEGIN PUBLIC KEY-----\n"
              + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                  .encodeToString(der)
              + "\n-----END PUBLIC KEY-----\n";
      String jwk = PublicJsonWebKey.Factory.newPublicJwk(victim.verificationKey()).toJson();
      for (byte[] secret :
          List.of(
              der,
              pem.getBytes(StandardCharsets.US_ASCII),
              jwk.getBytes(StandardCharsets.UTF_8),
              victim.toPublicJwk().getBytes(StandardCharsets.UTF_8))) {
        String h = "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"" + victim.keyId() + "\"}";
        String input = b64(h) + "." + b64(claims(""));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        String token = input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        assertRejected(token, Reason.UNSUPPORTED_ALGORITHM);
      }
    }
  }

  // ---- key selection ----

  @Test
  void validate_unknownKid_rejectsWithUnknownKey() {
    JwtKey other = JwtKey.hmac("hs-2", Algorithm.HS256, new byte[32]);
    assertRejected(Forge.valid(other), Reason.UNKNOWN_KEY);
  }

  @Test
  void validate_missingKid_rejectsWithUnknownKeyEvenWithOneHmacKey() {
    KeyRing single = KeyRing.of(hs);
    AccessTokenValidator v =
        AccessTokenValidator.builder().keyRing(single).clock(Forge.CLOCK).build();
    String token = sign("{\"alg\":\"HS256\",\"typ\":\"at+jwt\"}", claims(""), hs);
    assertThatThrownBy(() -> v.validate(token))
        .isInstanceOfSatisfying(
            InvalidTokenException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY));
  }

  @Test
  void validate_kidPathTraversal_rejectsWithUnknownKey() throws Exception {
    // The classic: kid names /dev/null, whose content (nothing) becomes the HMAC secret.
    String h = "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"../../../../../../dev/null\"}";
    String input = b64(h) + "." + b64(claims(""));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(new byte[1], "HmacSHA256"));
    assertRejected(
        input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII))),
        Reason.UNKNOWN_KEY);
    String sql = "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"x' UNION SELECT 'key\"}";
    assertRejected(sign(sql, claims(""), hs), Reason.UNKNOWN_KEY);
  }

  @Test
  void validate_kidNotAString_rejectsWithMalformed() {
    assertRejected(
        sign("{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":[\"hs-1\"]}", claims(""), hs),
        Reason.MALFORMED);
  }

  // ---- forbidden headers ----

  @Test
  void validate_embeddedJwk_rejectsWithUnsupportedHeader() {
    // The attacker signs with their own key and embeds its public JWK, hoping the verifier uses it.
    JwtKey attacker = JwtKey.generate(Algorithm.ES256, "es-1", new java.security.SecureRandom());
    String h =
        "{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"es-1\",\"jwk\":"
            + attacker.toPublicJwk()
            + "}";
    assertRejected(sign(h, claims(""), attacker), Reason.UNSUPPORTED_HEADER);
  }

  @ParameterizedTest
  @ValueSource(strings = {"jku", "x5u"})
  void validate_urlHeaderPointingToAListener_rejectsWithUnsupportedHeaderAndFetchesNothing(
      String param) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String url = "http://127.0.0.1:" + server.getLocalPort() + "/jwks.json";
      String h =
          "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"hs-1\",\""
              + param
              + "\":\""
              + url
              + "\"}";
      String token = sign(h, claims(""), hs);
      // A fetch would connect and then hang waiting for a response: the timeout would catch it.
      assertTimeoutPreemptively(
          Duration.ofSeconds(10), () -> assertRejected(token, Reason.UNSUPPORTED_HEADER));
      server.setSoTimeout(200);
      assertThatThrownBy(server::accept).isInstanceOf(SocketTimeoutException.class);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"x5c\":[\"MIIB\"]", "\"x5t\":\"abc\"", "\"x5t#S256\":\"abc\""})
  void validate_certificateHeaders_rejectsWithUnsupportedHeader(String member) {
    String h = "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"hs-1\"," + member + "}";
    assertRejected(sign(h, claims(""), hs), Reason.UNSUPPORTED_HEADER);
  }

  @Test
  void validate_unknownCrit_rejectsWithUnsupportedHeader() {
    String h =
        "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"hs-1\",\"crit\":[\"http://example.com/ext\"],"
            + "\"http://example.com/ext\":true}";
    assertRejected(sign(h, claims(""), hs), Reason.UNSUPPORTED_HEADER);
    assertRejected(
        sign(
            "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"hs-1\",\"crit\":[\"exp\"]}",
            claims(""),
            hs),
        Reason.UNSUPPORTED_HEADER);
  }

  @Test
  void validate_b64False_rejectsWithUnsupportedHeader() {
    // RFC 7797: the payload would be signed unencoded; we never produce nor accept that.
    String h =
        "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"hs-1\",\"b64\":false,\"crit\":[\"b64\"]}";
    String input = b64(h) + "." + claims("");
    byte[] in = input.getBytes(StandardCharsets.UTF_8);
    assertRejected(
        b64(h) + "." + b64(claims("")) + "." + b64(hs.sign(in, in.length)),
        Reason.UNSUPPORTED_HEADER);
    assertRejected(
        sign(
            "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"hs-1\",\"b64\":false}",
            claims(""),
            hs),
        Reason.UNSUPPORTED_HEADER);
  }

  @ParameterizedTest
  @ValueSource(strings = {"JWT", "jwt", "application/JWT"})
  void validate_nestedJwt_rejectsWithUnsupportedHeader(String cty) {
    String inner = Forge.valid(hs);
    String h = "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"hs-1\",\"cty\":\"" + cty + "\"}";
    String outer = b64(h) + "." + b64(inner);
    byte[] in = outer.getBytes(StandardCharsets.US_ASCII);
    assertRejected(outer + "." + b64(hs.sign(in, in.length)), Reason.UNSUPPORTED_HEADER);
  }

  // ---- signature ----

  @Test
  void validate_tamperedSignature_rejectsWithBadSignature() {
    String t = Forge.valid(hs);
    char c = t.charAt(t.length() - 5);
    String tampered =
        t.substring(0, t.length() - 5) + (c == 'A' ? 'B' : 'A') + t.substring(t.length() - 4);
    assertRejected(tampered, Reason.BAD_SIGNATURE);
  }

  @Test
  void validate_tamperedClaims_rejectsWithBadSignature() {
    String t = Forge.valid(hs);
    String[] p = Forge.parts(t);
    String admin = b64(claims(",\"roles\":[\"admin\"]"));
    assertRejected(p[0] + "." + admin + "." + p[2], Reason.BAD_SIGNATURE);
  }

  @Test
  void validate_signatureOfWrongLength_rejectsWithBadSignature() {
    String t = Forge.valid(hs);
    assertRejected(
        t.substring(0, t.lastIndexOf('.') + 1) + b64(new byte[31]), Reason.BAD_SIGNATURE);
    String e = Forge.valid(es);
    assertRejected(
        e.substring(0, e.lastIndexOf('.') + 1) + b64(new byte[72]),
        Reason.BAD_SIGNATURE); // DER-sized
  }

  @Test
  void validate_sameKidSignedByAnotherSecret_rejectsWithBadSignature() {
    JwtKey impostor = JwtKey.hmac("hs-1", Algorithm.HS256, new byte[32]);
    assertRejected(Forge.valid(impostor), Reason.BAD_SIGNATURE);
  }

  @ParameterizedTest
  @EnumSource(
      value = Algorithm.class,
      names = {"ES256", "ES384", "ES512"})
  void validate_ecdsaPsychicSignatureRsZero_rejectsWithBadSignature(Algorithm alg) {
    // CVE-2022-21449: r = s = 0 verified for any message on unpatched JDKs.
    JwtKey key = TestKeys.signingKey(alg, "ec");
    KeyRing r = KeyRing.of(hs, key.withoutSigning());
    AccessTokenValidator v = AccessTokenValidator.builder().keyRing(r).clock(Forge.CLOCK).build();
    int size = 2 * Crypto.ecCoordinateSize(alg);
    String input = b64(header(key)) + "." + b64(claims(""));
    for (byte[] sig : List.of(new byte[size], orderBytes(key, size))) {
      String token = input + "." + b64(sig);
      assertThatThrownBy(() -> v.validate(token))
          .isInstanceOfSatisfying(
              InvalidTokenException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
    }
  }

  /** r = s = n, the group order: also out of range. */
  private static byte[] orderBytes(JwtKey key, int size) {
    java.math.BigInteger n =
        ((java.security.interfaces.ECKey) key.verificationKey()).getParams().getOrder();
    byte[] nb = n.toByteArray();
    byte[] out = new byte[size];
    int half = size / 2;
    int len = Math.min(nb.length, half);
    System.arraycopy(nb, nb.length - len, out, half - len, len);
    System.arraycopy(nb, nb.length - len, out, size - len, len);
    return out;
  }

  // ---- type and claims ----

  @Test
  void validate_wrongOrMissingTyp_rejectsWithWrongType() {
    assertRejected(
        sign("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"hs-1\"}", claims(""), hs),
        Reason.WRONG_TYPE);
    assertRejected(sign("{\"alg\":\"HS256\",\"kid\":\"hs-1\"}", claims(""), hs), Reason.WRONG_TYPE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/at+jwt", "AT+JWT", "Application/At+Jwt"})
  void validate_typSpelledAsMediaType_isAccepted(String typ) {
    String h = "{\"alg\":\"HS256\",\"typ\":\"" + typ + "\",\"kid\":\"hs-1\"}";
    assertThat(catchReason(sign(h, claims(""), hs))).isNull();
  }

  @Test
  void validate_expired_rejectsWithExpiredHonouringSkew() {
    assertRejected(sign(header(hs), claimsWithExp(Long.toString(T - 31)), hs), Reason.EXPIRED);
    assertRejected(sign(header(hs), claimsWithExp(Long.toString(T - 30)), hs), Reason.EXPIRED);
    // Issued before it expired: a token with exp before iat is refused whatever the skew (as jose4j
    // does).
    String inSkew =
        "{\"sub\":\"alice\",\"iat\":" + (T - 60) + ",\"exp\":" + (T - 29) + ",\"jti\":\"id-1\"}";
    assertThat(catchReason(sign(header(hs), inSkew, hs))).isNull();
  }

  @Test
  void validate_notYetValid_rejectsWithNotYetValid() {
    assertRejected(sign(header(hs), claims(",\"nbf\":" + (T + 31)), hs), Reason.NOT_YET_VALID);
    assertThat(catchReason(sign(header(hs), claims(",\"nbf\":" + (T + 30)), hs))).isNull();
  }

  @Test
  void validate_issuedInTheFuture_rejectsWithIssuedInFuture() {
    String c =
        "{\"sub\":\"alice\",\"iat\":" + (T + 31) + ",\"exp\":" + (T + 600) + ",\"jti\":\"j\"}";
    assertRejected(sign(header(hs), c, hs), Reason.ISSUED_IN_FUTURE);
  }

  @Test
  void validate_expiresBeforeIssuedWithinSkew_rejectsWithInvalidClaim() {
    // exp 10 s in the past is still inside the 30 s skew, but an exp before iat is never honest
    // (jose4j refuses it).
    String c = "{\"sub\":\"alice\",\"iat\":" + T + ",\"exp\":" + (T - 10) + ",\"jti\":\"j\"}";
    assertRejected(sign(header(hs), c, hs), Reason.MISSING_OR_INVALID_CLAIM);
  }

  @Test
  void validate_expiresAtNotBefore_rejectsWithInvalidClaim() {
    String c =
        "{\"sub\":\"alice\",\"iat\":" + T + ",\"nbf\":" + T + ",\"exp\":" + T + ",\"jti\":\"j\"}";
    assertRejected(sign(header(hs), c, hs), Reason.MISSING_OR_INVALID_CLAIM);
  }

  @Test
  void validate_wrongIssuerAndAudience_rejectsWithTheirReasons() {
    AccessTokenValidator v =
        AccessTokenValidator.builder()
            .keyRing(ring)
            .clock(Forge.CLOCK)
            .issuer("https://a")
            .audience("api")
            .build();
    String good = sign(header(hs), claims(",\"iss\":\"https://a\",\"aud\":[\"x\",\"api\"]"), hs);
    String wrongIss = sign(header(hs), claims(",\"iss\":\"https://b\",\"aud\":\"api\""), hs);
    String noIss = sign(header(hs), claims(",\"aud\":\"api\""), hs);
    String wrongAud = sign(header(hs), claims(",\"iss\":\"https://a\",\"aud\":\"apix\""), hs);
    String noAud = sign(header(hs), claims(",\"iss\":\"https://a\""), hs);
    assertThat(reason(v, good)).isNull();
    assertThat(reason(v, wrongIss)).isEqualTo(Reason.WRONG_ISSUER);
    assertThat(reason(v, noIss)).isEqualTo(Reason.WRONG_ISSUER);
    assertThat(reason(v, wrongAud)).isEqualTo(Reason.WRONG_AUDIENCE);
    assertThat(reason(v, noAud)).isEqualTo(Reason.WRONG_AUDIENCE);
  }

  @Test
  void validate_tokenFromAnotherEnvironment_rejectsWithWrongEnvironment() {
    AccessTokenValidator prod =
        AccessTokenValidator.builder()
            .keyRing(ring)
            .clock(Forge.CLOCK)
            .environment("production")
            .build();
    String staging = sign(header(hs), claims(",\"env\":\"staging\""), hs);
    String none = sign(header(hs), claims(""), hs);
    String production = sign(header(hs), claims(",\"env\":\"production\""), hs);
    assertThat(reason(prod, staging)).isEqualTo(Reason.WRONG_ENVIRONMENT);
    assertThat(reason(prod, none)).isEqualTo(Reason.WRONG_ENVIRONMENT);
    assertThat(reason(prod, production)).isNull();
    assertThat(reason(validator, staging)).isEqualTo(Reason.WRONG_ENVIRONMENT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"1795780900\"",
        "1795780900.5",
        "1.7957809E9",
        "1e300",
        "9223372036854775808",
        "-1",
        "-1795780900",
        "253402300800",
        "true",
        "null",
        "[1795780900]",
        "{}"
      })
  void validate_expNotAnIntegerInRange_rejectsWithMissingOrInvalidClaim(String exp) {
    assertRejected(sign(header(hs), claimsWithExp(exp), hs), Reason.MISSING_OR_INVALID_CLAIM);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"iat\":1795780800,\"exp\":1795781400,\"jti\":\"j\"}",
        "{\"sub\":\"\",\"iat\":1795780800,\"exp\":1795781400,\"jti\":\"j\"}",
        "{\"sub\":42,\"iat\":1795780800,\"exp\":1795781400,\"jti\":\"j\"}",
        "{\"sub\":\"a\",\"iat\":1795780800,\"exp\":1795781400}",
        "{\"sub\":\"a\",\"iat\":1795780800,\"exp\":1795781400,\"jti\":7}",
        "{\"sub\":\"a\",\"exp\":1795781400,\"jti\":\"j\"}",
        "{\"sub\":\"a\",\"iat\":\"1795780800\",\"exp\":1795781400,\"jti\":\"j\"}",
        "{\"sub\":\"a\",\"iat\":1795780800,\"jti\":\"j\"}",
        "{\"sub\":\"a\",\"iat\":1795780800,\"exp\":1795781400,\"jti\":\"j\",\"nbf\":\"0\"}",
        "{\"sub\":\"a\",\"iat\":1795780800,\"exp\":1795781400,\"jti\":\"j\",\"aud\":5}",
        "{\"sub\":\"a\",\"iat\":1795780800,\"exp\":1795781400,\"jti\":\"j\",\"aud\":[\"a\",5]}",
        "{\"sub\":\"a\",\"iat\":1795780800,\"exp\":1795781400,\"jti\":\"j\",\"iss\":[\"a\"]}",
        "{\"sub\":\"a\",\"iat\":1795780800,\"exp\":1795781400,\"jti\":\"j\",\"roles\":\"admin\"}",
        "{\"sub\":\"a\",\"iat\":1795780800,\"exp\":1795781400,\"jti\":\"j\",\"roles\":[\"a\",1]}",
        "{\"sub\":\"a\",\"iat\":1795780800,\"exp\":1795781400,\"jti\":\"j\",\"scope\":[\"read\"]}",
        "{\"sub\":\"a\",\"iat\":1795780800,\"exp\":1795781400,\"jti\":\"j\",\"env\":1}"
      })
  void validate_missingOrIllTypedClaim_rejectsWithMissingOrInvalidClaim(String claims) {
    assertThat(Forge.T).isEqualTo(1795780800L);
    assertRejected(sign(header(hs), claims, hs), Reason.MISSING_OR_INVALID_CLAIM);
  }

  @Test
  void validate_claimsNotAnObject_rejectsWithMalformed() {
    assertRejected(sign(header(hs), "[1,2]", hs), Reason.MALFORMED);
    assertRejected(sign(header(hs), "", hs), Reason.MALFORMED);
  }

  @Test
  void validate_applicationClaims_exposedWithTheirTypes() throws Exception {
    String t =
        sign(
            header(hs),
            claims(
                ",\"tenant\":\"acme\",\"n\":5,\"ok\":true,\"tags\":[\"a\",\"b\"],"
                    + "\"obj\":{\"x\":1},\"scope\":\"read write\",\"roles\":[\"user\"]"),
            hs);
    VerifiedAccessToken v = validator.validate(t);
    assertThat(v.claims())
        .containsEntry("tenant", "acme")
        .containsEntry("n", 5L)
        .containsEntry("ok", true)
        .containsEntry("tags", List.of("a", "b"))
        .doesNotContainKey("obj");
    assertThat(v.scopes()).containsExactlyInAnyOrder("read", "write");
    assertThat(v.roles()).containsExactly("user");
  }

  private Reason catchReason(String token) {
    return reason(validator, token);
  }

  private static Reason reason(AccessTokenValidator v, String token) {
    try {
      v.validate(token);
      return null;
    } catch (InvalidTokenException e) {
      return e.reason();
    }
  }
}
