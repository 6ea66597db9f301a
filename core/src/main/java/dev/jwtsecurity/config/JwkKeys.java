package dev.jwtsecurity.config;

import dev.jwtsecurity.internal.LogSafe;
import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.JwtKey;
import java.util.List;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * Loads asymmetric keys from JWK text through {@link JwtKey#fromJwkSet} (which applies the
 * load-time checks of RFC 8725 §3.5: {@code use}, {@code key_ops}, {@code alg}, key sizes) and
 * turns its refusals into start-up refusals. Messages name the problem, never key material.
 */
final class JwkKeys {
  private JwkKeys() {}

  static JwtKey privateKey(String json, Algorithm algorithm, String source) {
    List<JwtKey> signing = load(json, algorithm, source).stream().filter(JwtKey::canSign).toList();
    if (signing.size() != 1) {
      throw new InsecureConfigurationException(
          source
              + " must hold exactly one private "
              + algorithm.jwsName()
              + " key (found "
              + signing.size()
              + "); generate one with `jwt-security keygen --algorithm "
              + algorithm.jwsName()
              + "`");
    }
    return signing.get(0);
  }

  static List<JwtKey> publicKeys(String json, Algorithm algorithm, String source) {
    List<JwtKey> keys = load(json, algorithm, source);
    for (JwtKey k : keys) {
      if (k.canSign()) {
        throw new InsecureConfigurationException(
            source + " holds a private key; publish and configure only the public halves");
      }
    }
    return keys;
  }

  private static List<JwtKey> load(String json, Algorithm algorithm, String source) {
    try {
      return JwtKey.fromJwkSet(json, algorithm);
    } catch (IllegalArgumentException e) {
      throw new InsecureConfigurationException(
          source + " is refused: " + LogSafe.clean(e.getMessage(), 300));
    }
  }

  /** The fingerprint of an asymmetric key: over its public key's X.509 encoding. */
  static String fingerprint(JwtKey key) {
    try {
      return KeyFingerprint.of(
          PublicJsonWebKey.Factory.newPublicJwk(key.toPublicJwk()).getPublicKey().getEncoded());
    } catch (JoseException e) {
      throw new IllegalStateException(
          "cannot read back the public JWK of key '" + key.keyId() + "'", e);
    }
  }
}
