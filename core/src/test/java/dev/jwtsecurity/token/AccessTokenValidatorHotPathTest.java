package dev.jwtsecurity.token;

import static dev.jwtsecurity.token.Forge.T;
import static dev.jwtsecurity.token.Forge.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.testing.TestKeys;
import dev.jwtsecurity.token.InvalidTokenException.Reason;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts of the hot path (issue 9) decide exactly as the full path: the key's own header,
 * byte for byte, and the same header in any other spelling give the same outcome; and a token that
 * expires before it was issued is refused even inside the clock skew (found by the jose4j
 * differential test).
 */
class AccessTokenValidatorHotPathTest {

  private final JwtKey hs = TestKeys.signingKey(Algorithm.HS256, "hs-1");
  private final JwtKey other =
      JwtKey.hmac(
          "hs-2",
          Algorithm.HS256,
          new byte[] {
            7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
            7, 7, 8
          });
  private final AccessTokenValidator validator =
      AccessTokenValidator.builder()
          .keyRing(KeyRing.of(hs, other.withoutSigning()))
          .clock(Forge.CLOCK)
          .build();

  private Reason outcome(String token) {
    try {
      validator.validate(token);
      return null;
    } catch (InvalidTokenException e) {
      return e.reason();
    }
  }

  @Test
  void validate_expiresBeforeIssuedWithinSkew_rejectsWithInvalidClaim() {
    String claims = "{\"sub\":\"alice\",\"iat\":" + T + ",\"exp\":" + (T - 10) + ",\"jti\":\"j\"}";
    assertThatThrownBy(() -> validator.validate(sign(Forge.header(hs), claims, hs)))
        .isInstanceOfSatisfying(
            InvalidTokenException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_OR_INVALID_CLAIM));
  }

  @Test
  void validate_expiresAfterIssuedWithinSkew_accepts() throws Exception {
    String claims =
        "{\"sub\":\"alice\",\"iat\":" + (T - 20) + ",\"exp\":" + (T - 10) + ",\"jti\":\"j\"}";
    assertThat(validator.validate(sign(Forge.header(hs), claims, hs)).subject()).isEqualTo("alice");
  }

  /**
   * Seeded: iat/exp pairs around now; accepted exactly when exp is not before iat and the times are
   * in range.
   */
  @Test
  void validate_randomIssuedAndExpiry_acceptsExactlyConsistentLiveTokens() {
    long seed = new Random().nextLong();
    System.out.println("AccessTokenValidatorHotPathTest seed: " + seed);
    Random r = new Random(seed);
    for (int i = 0; i < 300; i++) {
      long iat = T - 100 + r.nextInt(140);
      long exp = T - 100 + r.nextInt(200);
      String claims = "{\"sub\":\"alice\",\"iat\":" + iat + ",\"exp\":" + exp + ",\"jti\":\"j\"}";
      Reason got = outcome(sign(Forge.header(hs), claims, hs));
      boolean live = T - 30 < exp && iat <= T + 30 && exp >= iat;
      assertThat(got == null)
          .as("seed %d, iat %d, exp %d: %s", seed, iat - T, exp - T, got)
          .isEqualTo(live);
    }
  }

  @Test
  void validate_ownHeaderAndRespelledHeader_sameOutcomeForEveryKey() {
    String claims = Forge.claims("");
    for (JwtKey k : new JwtKey[] {hs, other}) {
      String own = "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"" + k.keyId() + "\"}";
      String reordered = "{\"kid\":\"" + k.keyId() + "\",\"alg\":\"HS256\",\"typ\":\"at+jwt\"}";
      String spaced = "{ \"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"" + k.keyId() + "\"}";
      String escaped = "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"k\\u0069d\":\"" + k.keyId() + "\"}";
      for (String h : new String[] {own, reordered, spaced, escaped}) {
        assertThat(outcome(sign(h, claims, k))).as(h).isNull();
      }
    }
  }

  @Test
  void validate_ownHeaderOfOneKeySignedByAnother_rejectsWithBadSignature() {
    // The header names hs-2; the signature is hs-1's: the shortcut picks hs-2 and the signature
    // decides.
    String h = "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"hs-2\"}";
    assertThat(outcome(sign(h, Forge.claims(""), hs))).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void validate_ownHeaderWithDuplicateOrExtraMember_takesFullPathAndRejects() {
    String dup = "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"hs-1\",\"kid\":\"hs-1\"}";
    String jku = "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"hs-1\",\"jku\":\"https://x\"}";
    assertThat(outcome(sign(dup, Forge.claims(""), hs))).isEqualTo(Reason.MALFORMED);
    assertThat(outcome(sign(jku, Forge.claims(""), hs))).isEqualTo(Reason.UNSUPPORTED_HEADER);
  }
}
