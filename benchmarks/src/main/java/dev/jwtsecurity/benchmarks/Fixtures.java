package dev.jwtsecurity.benchmarks;

import dev.jwtsecurity.token.AccessTokenClaims;
import dev.jwtsecurity.token.AccessTokenIssuer;
import dev.jwtsecurity.token.AccessTokenValidator;
import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.JwtKey;
import dev.jwtsecurity.token.KeyRing;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.concurrent.Callable;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** Keys, the shared token and the shared rules of every benchmark. */
final class Fixtures {

  // No "/" in either: some encoders escape it as "\/", which the naive JCA floor does not unescape.
  static final String ISSUER = "api.example.com";
  static final String AUDIENCE = "todo-api";
  static final String SUBJECT = "user-4711";
  static final String KID = "bench-1";
  static final long SKEW_SECONDS = 30;
  static final String ROLE = "user";

  private Fixtures() {}

  /** One key of one algorithm, and a token our issuer signed with it. */
  static final class Keyed {
    final Algorithm algorithm;
    final byte[] secret;
    final KeyPair keyPair;
    final KeyRing ring;
    final AccessTokenIssuer issuer;
    final AccessTokenValidator validator;
    final String token;

    Keyed(Algorithm algorithm) {
      this.algorithm = algorithm;
      JwtKey key;
      try {
        if (algorithm.isHmac()) {
          secret = new byte[32];
          new SecureRandom().nextBytes(secret);
          keyPair = null;
          key = JwtKey.hmac(KID, algorithm, secret);
        } else {
          secret = null;
          keyPair = generate(algorithm);
          key = JwtKey.ofKeyPair(KID, algorithm, keyPair);
        }
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
      ring = KeyRing.of(key);
      issuer = AccessTokenIssuer.builder().keyRing(ring).issuer(ISSUER).audience(AUDIENCE).build();
      validator =
          AccessTokenValidator.builder().keyRing(ring).issuer(ISSUER).audience(AUDIENCE).build();
      token = issuer.issue(claims()).value();
    }

    SecretKey hmacKey() {
      return new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The token with one signature character changed: every implementation must refuse it. */
    String tampered() {
      return tamperSignature(token);
    }
  }

  static AccessTokenClaims claims() {
    return AccessTokenClaims.forSubject(SUBJECT).roles(ROLE).build();
  }

  static KeyPair generate(Algorithm algorithm) throws GeneralSecurityException {
    return switch (algorithm) {
      case RS256 -> {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        yield g.generateKeyPair();
      }
      case ES256 -> {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        yield g.generateKeyPair();
      }
      case EDDSA -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      default -> throw new IllegalArgumentException("no fixture for " + algorithm);
    };
  }

  static String tamperSignature(String token) {
    int i = token.length() - 3;
    char c = token.charAt(i) == 'A' ? 'B' : 'A';
    return token.substring(0, i) + c + token.substring(i + 1);
  }

  static String signingInput(String token) {
    return token.substring(0, token.lastIndexOf('.'));
  }

  static byte[] signature(String token) {
    return Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Proves in {@code @Setup} that an implementation accepts the token and refuses its tampered
   * copy, so that no benchmark can be fast because it skipped a check.
   */
  static void proveChecks(String name, Callable<?> accept, Callable<?> reject) {
    try {
      if (accept.call() == null) {
        throw new IllegalStateException(name + ": returned nothing for the valid token");
      }
    } catch (Exception e) {
      throw new IllegalStateException(name + ": refused the valid token", e);
    }
    boolean refused;
    try {
      refused = reject.call() == null;
    } catch (Exception e) {
      refused = true;
    }
    if (!refused) {
      throw new IllegalStateException(name + ": accepted a tampered token");
    }
  }
}
