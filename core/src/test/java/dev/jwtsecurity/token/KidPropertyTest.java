package dev.jwtsecurity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.jwtsecurity.internal.JsonWriter;
import dev.jwtsecurity.internal.SettingRules;
import dev.jwtsecurity.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * RFC 7517 §4.5: a {@code kid} is any string. Over generated strings (QuickTheories; the seed is
 * printed on failure): every string of up to 256 characters without control characters works as a
 * key id everywhere (own keys, own tokens, a provider's JWK Set and tokens), and every string with
 * a control character, a lone surrogate, or more than 256 characters is refused everywhere.
 */
class KidPropertyTest {

  static final byte[] SECRET = TestKeys.hmacSecret();
  static final JwtKey ES = TestKeys.signingKey(Algorithm.ES256, "template");

  /** Any Unicode text without control characters, including quotes, backslashes, '@', ':', '/'. */
  static Gen<String> goodKids() {
    return strings()
        .betweenCodePoints(0x20, 0x10FFFF)
        .ofLengthBetween(1, 64)
        .assuming(KidPropertyTest::acceptable)
        .mix(
            strings()
                .betweenCodePoints(0x20, 0x7e)
                .ofLengthBetween(1, SettingRules.MAX_KEY_ID_LENGTH),
            50);
  }

  static boolean acceptable(String s) {
    return s.length() <= SettingRules.MAX_KEY_ID_LENGTH
        && SettingRules.isWellFormed(s)
        && s.chars().noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f));
  }

  /** The code points, so that a failure report shows what the text was. */
  static String describe(String s) {
    return s.codePoints().mapToObj(Integer::toHexString).toList().toString();
  }

  static String json(String s) {
    JsonWriter w = new JsonWriter(16);
    w.string(s);
    return w.toUtf8String();
  }

  @Test
  void ownKeys_anyGoodKid_issueAndValidateRoundTrip() {
    qt().withExamples(300)
        .forAll(goodKids())
        .checkAssert(
            kid -> {
              JwtKey key = JwtKey.hmac(kid, Algorithm.HS256, SECRET);
              KeyRing ring = KeyRing.of(key);
              String token =
                  AccessTokenIssuer.builder()
                      .keyRing(ring)
                      .clock(Forge.CLOCK)
                      .build()
                      .issue(AccessTokenClaims.forSubject("alice").build())
                      .value();
              VerifiedAccessToken t;
              try {
                t =
                    AccessTokenValidator.builder()
                        .keyRing(ring)
                        .clock(Forge.CLOCK)
                        .build()
                        .validate(token);
              } catch (InvalidTokenException e) {
                throw new AssertionError("kid " + json(kid) + ": " + e.reason());
              }
              assertThat(t.subject()).isEqualTo("alice");
              // The header is JSON that names exactly this kid.
              String header =
                  new String(
                      java.util.Base64.getUrlDecoder()
                          .decode(token.substring(0, token.indexOf('.'))),
                      StandardCharsets.UTF_8);
              assertThat(header).contains("\"kid\":" + json(kid));
            });
  }

  @Test
  void providerKeys_anyGoodKid_loadsFromAJwkSetAndVerifies() {
    String template = ES.toPublicJwk();
    qt().withExamples(300)
        .forAll(goodKids())
        .checkAssert(
            kid -> {
              String jwk = template.replace("\"kid\":\"template\"", "\"kid\":" + json(kid));
              Map<String, Object> doc = JwkSetParserTest.doc("{\"keys\":[" + jwk + "]}");
              JwkSetParser.Result r;
              try {
                r = JwkSetParser.parse(doc, TrustedIssuer.DEFAULT_ALGORITHMS);
              } catch (JwkSetParser.NotAJwkSet e) {
                throw new AssertionError(e);
              }
              assertThat(r.refused()).as(json(kid)).isEmpty();
              assertThat(r.keys().get(0).keyId()).isEqualTo(kid);
              ProviderTokenValidator v =
                  ProviderTokenValidator.builder()
                      .trust(
                          TrustedIssuer.builder("https://idp.example")
                              .keys(r.keys())
                              .audiences("api")
                              .build())
                      .clock(Forge.CLOCK)
                      .build();
              JwtKey signer =
                  JwtKey.ofKeyPair(kid, Algorithm.ES256, TestKeys.keyPair(Algorithm.ES256));
              String token =
                  Forge.sign(
                      "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":" + json(kid) + "}",
                      "{\"iss\":\"https://idp.example\",\"sub\":\"s\",\"aud\":\"api\",\"iat\":"
                          + Forge.T
                          + ",\"exp\":"
                          + (Forge.T + 60)
                          + "}",
                      signer);
              try {
                assertThat(v.validate(token).subject()).isEqualTo("s");
              } catch (InvalidTokenException e) {
                throw new AssertionError("kid " + json(kid) + ": " + e.reason());
              }
            });
  }

  /** A good kid with one control character (C0, DEL or C1) put in at some position. */
  static Gen<String> kidsWithAControlCharacter() {
    Gen<Integer> control = integers().between(0, 0x1f).mix(integers().between(0x7f, 0x9f), 40);
    return strings()
        .betweenCodePoints(0x20, 0x7e)
        .ofLengthBetween(0, 40)
        .zip(
            control,
            integers().between(0, 40),
            (s, c, at) -> {
              int i = Math.min(at, s.length());
              return s.substring(0, i) + (char) (int) c + s.substring(i);
            });
  }

  @Test
  void badKids_refusedByEveryLoader() {
    String template = ES.toPublicJwk();
    qt().withExamples(300)
        .forAll(
            kidsWithAControlCharacter()
                .mix(
                    strings()
                        .betweenCodePoints(0x21, 0x7e)
                        .ofLengthBetween(SettingRules.MAX_KEY_ID_LENGTH + 1, 400),
                    30)
                .mix(strings().betweenCodePoints(0xd800, 0xdfff).ofLength(1), 10))
        .checkAssert(
            kid -> {
              assertThatThrownBy(() -> JwtKey.hmac(kid, Algorithm.HS256, SECRET))
                  .as(describe(kid))
                  .isInstanceOf(IllegalArgumentException.class);
              if (!SettingRules.isWellFormed(kid)) {
                return; // a lone surrogate cannot even be written as JSON, nor parsed from it
              }
              String jwk = template.replace("\"kid\":\"template\"", "\"kid\":" + json(kid));
              Map<String, Object> doc = JwkSetParserTest.doc("{\"keys\":[" + jwk + "]}");
              try {
                assertThat(JwkSetParser.parse(doc, TrustedIssuer.DEFAULT_ALGORITHMS).refused())
                    .as(describe(kid))
                    .extracting(JwkSetParser.Refused::reason)
                    .containsExactly(JwkSetParser.KeyRefusal.INVALID_KID);
              } catch (JwkSetParser.NotAJwkSet e) {
                throw new AssertionError(e);
              }
            });
  }

  @Test
  void fixedCases() {
    for (String kid :
        List.of(
            "bilbo.baggins@hobbiton.example",
            "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
            "2ZQpJ3UpbjAYXYGaXEJl8lV0TOI=",
            "../../etc/passwd",
            "' OR 1=1 --",
            "<script>",
            "k".repeat(SettingRules.MAX_KEY_ID_LENGTH))) {
      assertThat(JwtKey.hmac(kid, Algorithm.HS256, SECRET).keyId()).isEqualTo(kid);
    }
    for (String kid :
        List.of(
            "",
            "a\nb",
            "a\rb",
            "\u0085",
            "\u007f",
            "k".repeat(SettingRules.MAX_KEY_ID_LENGTH + 1),
            "\ud800")) {
      assertThatThrownBy(() -> JwtKey.hmac(kid, Algorithm.HS256, SECRET))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageNotContaining(kid.isEmpty() ? "\u0000" : kid);
    }
  }
}
