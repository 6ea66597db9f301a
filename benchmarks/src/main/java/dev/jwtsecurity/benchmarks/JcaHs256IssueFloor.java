package dev.jwtsecurity.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * The minimal JCA path for issuing an HS256 access token: header and claims JSON built with a
 * {@link StringBuilder} (values checked to need no JSON escaping), JDK base64url, 128 random bits
 * of {@code jti} from a {@link SecureRandom}, one {@code Mac.doFinal} on a cached {@link Mac}. One
 * instance per thread.
 */
final class JcaHs256IssueFloor {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final Mac mac;
  private final Clock clock;
  private final SecureRandom random;
  private final String kid;
  private final String issuer;
  private final String audience;
  private final long lifetimeSeconds;

  JcaHs256IssueFloor(
      SecretKey key,
      String kid,
      String issuer,
      String audience,
      Clock clock,
      SecureRandom random,
      long lifetime) {
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    this.kid = kid;
    this.issuer = issuer;
    this.audience = audience;
    this.clock = clock;
    this.random = random;
    this.lifetimeSeconds = lifetime;
  }

  // The floor is defined with an explicit StringBuilder, the plainest careful code; javac compiles
  // "+" to the same or faster code.
  @SuppressWarnings("UnnecessaryStringBuilder")
  String issue(String subject, String role) {
    requirePlain(subject);
    requirePlain(role);
    long now = clock.instant().getEpochSecond();
    byte[] id = new byte[16];
    random.nextBytes(id);
    String jti = B64.encodeToString(id);
    String header =
        new StringBuilder(64)
            .append("{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"")
            .append(kid)
            .append("\"}")
            .toString();
    String claims =
        new StringBuilder(256)
            .append("{\"iss\":\"")
            .append(issuer)
            .append("\",\"sub\":\"")
            .append(subject)
            .append("\",\"aud\":\"")
            .append(audience)
            .append("\",\"iat\":")
            .append(now)
            .append(",\"exp\":")
            .append(now + lifetimeSeconds)
            .append(",\"jti\":\"")
            .append(jti)
            .append("\",\"roles\":[\"")
            .append(role)
            .append("\"]}")
            .toString();
    String signingInput =
        B64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + '.'
            + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    byte[] sig = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + '.' + B64.encodeToString(sig);
  }

  /**
   * The floor does not escape JSON; it refuses what would need escaping instead of writing a broken
   * token.
   */
  private static void requirePlain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || c > 0x7e) {
        throw new IllegalArgumentException("needs escaping");
      }
    }
  }
}
