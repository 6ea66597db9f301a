package dev.jwtsecurity.testing;

import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.JwtKey;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.EnumMap;
import java.util.Map;

/**
 * Test keys for every algorithm, generated once per JVM (RSA at 2048 bits to keep tests fast) with
 * a fresh {@link SecureRandom}. Shared with other modules through core's test-jar.
 */
public final class TestKeys {

  private static final Map<Algorithm, KeyPair> PAIRS = new EnumMap<>(Algorithm.class);

  private TestKeys() {}

  /** Returns a fixed 64-byte HMAC secret (long enough for HS512). */
  public static byte[] hmacSecret() {
    byte[] s = new byte[64];
    for (int i = 0; i < s.length; i++) {
      s[i] = (byte) (i * 37 + 11);
    }
    return s;
  }

  /** Returns a key pair for an asymmetric algorithm, the same one for the whole JVM. */
  public static synchronized KeyPair keyPair(Algorithm alg) {
    return PAIRS.computeIfAbsent(alg, TestKeys::generate);
  }

  /** Returns a signing key with id {@code kid} for {@code alg}. */
  public static JwtKey signingKey(Algorithm alg, String kid) {
    if (alg.isHmac()) {
      return JwtKey.hmac(kid, alg, java.util.Arrays.copyOf(hmacSecret(), alg.minSecretBytes()));
    }
    return JwtKey.ofKeyPair(kid, alg, keyPair(alg));
  }

  private static KeyPair generate(Algorithm alg) {
    try {
      KeyPairGenerator g;
      switch (alg) {
        case RS256, RS384, RS512, PS256, PS384, PS512 -> {
          g = KeyPairGenerator.getInstance("RSA");
          g.initialize(2048, new SecureRandom());
        }
        case ES256 -> {
          g = KeyPairGenerator.getInstance("EC");
          g.initialize(new ECGenParameterSpec("secp256r1"));
        }
        case ES384 -> {
          g = KeyPairGenerator.getInstance("EC");
          g.initialize(new ECGenParameterSpec("secp384r1"));
        }
        case ES512 -> {
          g = KeyPairGenerator.getInstance("EC");
          g.initialize(new ECGenParameterSpec("secp521r1"));
        }
        case EDDSA -> g = KeyPairGenerator.getInstance("Ed25519");
        default -> throw new IllegalArgumentException(alg + " has no key pair");
      }
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
