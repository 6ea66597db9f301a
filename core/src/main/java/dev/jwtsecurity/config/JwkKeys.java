package dev.jwtsecurity.config;

import dev.jwtsecurity.internal.LogSafe;
import dev.jwtsecurity.token.Algorithm;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * Reads asymmetric keys from JWK text (RFC 7517) with the load-time checks of RFC 8725 §3.5: {@code use} must be
 * {@code sig} when present, {@code key_ops} must allow the job, a JWK's own {@code alg} must match the configured one.
 * Messages name the problem, never key material.
 */
final class JwkKeys {
  private JwkKeys() {}

  /** A parsed key: the public half (for fingerprints and verification) and the private half when present. */
  record Parsed(String keyId, PublicKey publicKey, PrivateKey privateKey) {
    KeyPair keyPair() {
      return new KeyPair(publicKey, privateKey);
    }
  }

  static Parsed privateKey(String json, Algorithm algorithm, String source) {
    List<JsonWebKey> keys = parse(json, source);
    List<Parsed> found = new ArrayList<>();
    for (JsonWebKey k : keys) {
      if (k instanceof PublicJsonWebKey pk && pk.getPrivateKey() != null) {
        check(k, algorithm, "sign", source);
        found.add(new Parsed(k.getKeyId(), pk.getPublicKey(), pk.getPrivateKey()));
      }
    }
    if (found.size() != 1) {
      throw new InsecureConfigurationException(
          source + " must hold exactly one private " + algorithm.jwsName() + " key (found " + found.size()
              + "); generate one with `jwt-security keygen --algorithm " + algorithm.jwsName() + "`");
    }
    return found.get(0);
  }

  static List<Parsed> publicKeys(String json, Algorithm algorithm, String source) {
    List<Parsed> out = new ArrayList<>();
    for (JsonWebKey k : parse(json, source)) {
      if (!(k instanceof PublicJsonWebKey pk)) {
        throw new InsecureConfigurationException(source + " may only hold public RSA, EC or OKP keys");
      }
      if (pk.getPrivateKey() != null) {
        throw new InsecureConfigurationException(
            source + " holds a private key; publish and configure only the public halves");
      }
      if (k.getKeyId() == null) {
        throw new InsecureConfigurationException(source + ": every public key needs a \"kid\"");
      }
      check(k, algorithm, "verify", source);
      out.add(new Parsed(k.getKeyId(), pk.getPublicKey(), null));
    }
    return out;
  }

  private static List<JsonWebKey> parse(String json, String source) {
    try {
      String trimmed = json.strip();
      if (trimmed.contains("\"keys\"")) {
        return new JsonWebKeySet(trimmed).getJsonWebKeys();
      }
      return List.of(JsonWebKey.Factory.newJwk(trimmed));
    } catch (JoseException | RuntimeException e) {
      throw new InsecureConfigurationException(source + " is not a valid JWK or JWK Set (RFC 7517)");
    }
  }

  private static void check(JsonWebKey k, Algorithm algorithm, String op, String source) {
    String use = k.getUse();
    if (use != null && !"sig".equals(use)) {
      throw new InsecureConfigurationException(source + ": a key with \"use\": \"" + LogSafe.clean(use, 16) + "\" is not for signatures");
    }
    List<String> ops = k.getKeyOps();
    if (ops != null && !ops.contains(op)) {
      throw new InsecureConfigurationException(source + ": the key's \"key_ops\" do not allow \"" + op + "\"");
    }
    String alg = k.getAlgorithm();
    if (alg != null && !alg.equals(algorithm.jwsName())) {
      throw new InsecureConfigurationException(
          source + ": the key is for " + alg + " but JWT_ALGORITHM is " + algorithm.jwsName());
    }
  }
}
