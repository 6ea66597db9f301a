package dev.jwtsecurity.config;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Deterministic strong secrets for tests: SHA1PRNG seeded before first use is reproducible. */
final class TestSecrets {
  private TestSecrets() {}

  static byte[] randomBytes(long seed, int length) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(seed);
      byte[] b = new byte[length];
      r.nextBytes(b);
      return b;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String base64url(long seed, int bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(seed, bytes));
  }

  static String hex(long seed, int bytes) {
    return HexFormat.of().formatHex(randomBytes(seed, bytes));
  }

  /** A fixed strong HS256 secret (43 base64url characters). */
  static final String STRONG = base64url(1, 32);

  /** Another fixed strong secret. */
  static final String STRONG_2 = base64url(2, 32);
}
