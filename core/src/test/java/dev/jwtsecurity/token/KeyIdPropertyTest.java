package dev.jwtsecurity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.jwtsecurity.config.InsecureConfigurationException;
import dev.jwtsecurity.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;

/**
 * RFC 7517 §4.5: a {@code kid} is any string. Every string of 1 to 256 characters without control
 * characters loads (from code and from a JWK), signs and verifies; a control character or a longer
 * string is refused wherever a key id enters. QuickTheories prints the seed of a failing run.
 */
class KeyIdPropertyTest {

  private static final byte[] SECRET =
      "k7Qp2vX9mR4tY8wZ1cF6hJ3nB5sD0gL7aE2uI9oP4xV6".getBytes(StandardCharsets.US_ASCII);
  private static final String K = Base64.getUrlEncoder().withoutPadding().encodeToString(SECRET);

  private final ManualClock clock = ManualClock.at("2026-11-27T12:00:00Z");

  /** Any text without control characters or lone surrogates, up to the 256-char cap. */
  private static Gen<String> keyIds() {
    // Every code point but the controls and the surrogate range, so no example is thrown away;
    // 1 to 128 code points is 1 to 256 chars, since supplementary characters take two.
    Gen<Integer> codePoints =
        integers()
            .between(0, 95 + 0xD7FF - 0xA0 + 1 + 0x10FFFF - 0xE000)
            .map(
                i ->
                    i < 95
                        ? 0x20 + i
                        : i < 95 + 0xD7FF - 0xA0 + 1
                            ? 0xA0 + i - 95
                            : 0xE000 + i - 95 - (0xD7FF - 0xA0 + 1));
    return lists()
        .of(codePoints)
        .ofSizeBetween(1, 128)
        .map(
            cps -> {
              StringBuilder b = new StringBuilder();
              cps.forEach(b::appendCodePoint);
              return b.toString();
            });
  }

  private static String jsonString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  private String roundTrip(JwtKey key) throws InvalidTokenException {
    KeyRing ring = KeyRing.of(key);
    IssuedAccessToken token =
        AccessTokenIssuer.builder()
            .keyRing(ring)
            .clock(clock)
            .build()
            .issue(AccessTokenClaims.forSubject("alice").build());
    AccessTokenValidator validator =
        AccessTokenValidator.builder().keyRing(ring).clock(clock).build();
    assertThat(validator.validate(token.value()).subject()).isEqualTo("alice");
    JwtVerifier.VerifiedJwt jwt =
        JwtVerifier.builder()
            .key(key)
            .clock(clock)
            .requireType("at+jwt")
            .build()
            .verify(token.value());
    return jwt.keyId();
  }

  @Test
  void anyKeyIdWithoutControls_upToTheCap_loadsSignsAndVerifies() {
    qt().forAll(keyIds())
        .checkAssert(
            kid -> {
              try {
                assertThat(roundTrip(JwtKey.hmac(kid, Algorithm.HS256, SECRET))).isEqualTo(kid);
                JwtKey fromJwk =
                    JwtKey.fromJwk(
                        "{\"kty\":\"oct\",\"kid\":" + jsonString(kid) + ",\"k\":\"" + K + "\"}",
                        Algorithm.HS256);
                assertThat(fromJwk.keyId()).isEqualTo(kid);
                assertThat(roundTrip(fromJwk)).isEqualTo(kid);
              } catch (InvalidTokenException e) {
                throw new AssertionError(
                    "kid " + kid.length() + " chars refused: " + e.reason(), e);
              }
            });
  }

  @Test
  void keyIdWithAControlCharacter_isRefusedEverywhere() {
    // Every control character: C0 (0x00-0x1f), DEL and C1 (0x7f-0x9f).
    Gen<Integer> controls = integers().between(0, 64).map(i -> i < 32 ? i : 0x7f + (i - 32));
    qt().forAll(keyIds(), controls, integers().between(0, 127))
        .checkAssert(
            (kid, c, at) -> {
              int pos = Math.min(at, kid.length());
              if (pos > 0 && pos < kid.length() && Character.isLowSurrogate(kid.charAt(pos))) {
                pos--;
              }
              String bad = kid.substring(0, pos) + (char) c.intValue() + kid.substring(pos);
              assertThatThrownBy(() -> JwtKey.hmac(bad, Algorithm.HS256, SECRET))
                  .isInstanceOf(InsecureConfigurationException.class);
              assertThatThrownBy(
                      () ->
                          JwtKey.fromJwk(
                              "{\"kty\":\"oct\",\"kid\":"
                                  + jsonString(bad)
                                  + ",\"k\":\""
                                  + K
                                  + "\"}",
                              Algorithm.HS256))
                  .isInstanceOf(IllegalArgumentException.class);
            });
  }

  @Test
  void keyIdLongerThanTheCap_isRefusedEverywhere() {
    qt().forAll(integers().between(257, 2000))
        .checkAssert(
            n -> {
              String kid = "k".repeat(n);
              assertThatThrownBy(() -> JwtKey.hmac(kid, Algorithm.HS256, SECRET))
                  .isInstanceOf(InsecureConfigurationException.class);
              assertThatThrownBy(
                      () ->
                          JwtKey.fromJwk(
                              "{\"kty\":\"oct\",\"kid\":\"" + kid + "\",\"k\":\"" + K + "\"}",
                              Algorithm.HS256))
                  .isInstanceOf(IllegalArgumentException.class);
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "bilbo.baggins@hobbiton.example",
        "a+b/c=",
        "0123456789abcdef0123456789abcdef",
        "urn:x:y",
        "2026-11 rotation",
        "\u00e9t\u00e9",
        "quote\" and \\ backslash"
      })
  void realWorldKeyIds_loadFromJwkSetsAndVerify(String kid) throws Exception {
    String set =
        "{\"keys\":[{\"kty\":\"oct\",\"kid\":" + jsonString(kid) + ",\"k\":\"" + K + "\"}]}";
    List<JwtKey> keys = JwtKey.fromJwkSet(set, Algorithm.HS256);

    assertThat(keys).singleElement().extracting(JwtKey::keyId).isEqualTo(kid);
    assertThat(roundTrip(keys.get(0))).isEqualTo(kid);
    JwtKey generated = JwtKey.generate(Algorithm.ES256, kid, new java.security.SecureRandom());
    assertThat(JwtKey.fromJwk(generated.toPublicJwk(), Algorithm.ES256).keyId()).isEqualTo(kid);
  }
}
