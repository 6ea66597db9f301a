package dev.jwtsecurity.config;

import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.JwtKey;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The key material of {@link JwtSettings}: turns the configured secret, key pair or JWKs into the
 * signing key and the verification-only keys, each with its fingerprint, and refuses weak secrets,
 * keys of the wrong kind, and two keys under one {@code kid}.
 *
 * @param signing the signing key
 * @param fingerprint the signing key's fingerprint
 * @param verification the verification-only keys, in configuration order
 * @param fingerprints the verification-only keys' fingerprints, by {@code kid}
 */
record SettingsKeys(
    JwtKey signing,
    String fingerprint,
    List<JwtKey> verification,
    Map<String, String> fingerprints) {

  private static final String KEYGEN = "generate one with `jwt-security keygen`";

  /** A configured secret and where it came from (named in refusals). */
  record SecretSource(Secret secret, String source) {}

  /** A verification-only secret: its {@code kid} ({@code null} for its fingerprint), and origin. */
  record PreviousSecret(String keyId, Secret secret, String source) {}

  /** JWK text and where it came from. */
  record JwkSource(String json, String source) {}

  /** Everything the builder was given about keys. */
  record Material(
      Algorithm algorithm,
      SecretSource secret,
      String keyId,
      List<PreviousSecret> previousSecrets,
      KeyPair keyPair,
      JwkSource privateJwk,
      List<JwkSource> publicJwkSets) {}

  SettingsKeys {
    verification = List.copyOf(verification);
    fingerprints = Collections.unmodifiableMap(new LinkedHashMap<>(fingerprints));
  }

  static SettingsKeys of(Material m) {
    return m.algorithm().isHmac() ? hmac(m) : asymmetric(m);
  }

  private static SettingsKeys hmac(Material m) {
    Algorithm algorithm = m.algorithm();
    if (m.keyPair() != null || m.privateJwk() != null || !m.publicJwkSets().isEmpty()) {
      throw new InsecureConfigurationException(
          algorithm.jwsName()
              + " signs with a shared secret; a key pair or public JWKs are for RS/PS/ES/EdDSA");
    }
    if (m.secret() == null) {
      throw new InsecureConfigurationException("no secret is set (JWT_SECRET_KEY); " + KEYGEN);
    }
    List<JwtKey> verification = new ArrayList<>();
    Map<String, String> fingerprints = new LinkedHashMap<>();
    byte[] bytes = requireStrong(m.secret().secret(), m.secret().source(), algorithm);
    JwtKey signing;
    String fingerprint;
    try {
      fingerprint = KeyFingerprint.of(bytes);
      signing = JwtKey.hmac(m.keyId() != null ? m.keyId() : fingerprint, algorithm, bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
    for (PreviousSecret p : m.previousSecrets()) {
      byte[] prev = requireStrong(p.secret(), p.source(), algorithm);
      try {
        String fp = KeyFingerprint.of(prev);
        String kid = p.keyId() != null ? p.keyId() : fp;
        if (fp.equals(fingerprint)) {
          throw new InsecureConfigurationException(
              p.source() + " is the current secret; remove it from the list");
        }
        putUnique(fingerprints, kid, fp, signing.keyId());
        verification.add(JwtKey.hmac(kid, algorithm, prev).withoutSigning());
      } finally {
        Arrays.fill(prev, (byte) 0);
      }
    }
    return new SettingsKeys(signing, fingerprint, verification, fingerprints);
  }

  private static SettingsKeys asymmetric(Material m) {
    Algorithm algorithm = m.algorithm();
    if (m.secret() != null || !m.previousSecrets().isEmpty()) {
      throw new InsecureConfigurationException(
          algorithm.jwsName()
              + " signs with a private key; remove the secret (JWT_SECRET_KEY, "
              + "JWT_PREVIOUS_SECRET_KEYS) and configure a private JWK");
    }
    if ((m.keyPair() == null) == (m.privateJwk() == null)) {
      throw new InsecureConfigurationException(
          algorithm.jwsName()
              + " needs exactly one private key (JWT_PRIVATE_JWK_FILE, or keyPair/privateJwk); "
              + "generate one with `jwt-security keygen --algorithm "
              + algorithm.jwsName()
              + "`");
    }
    JwtKey signing;
    String fingerprint;
    if (m.keyPair() != null) {
      KeyPair pair = m.keyPair();
      fingerprint = KeyFingerprint.of(pair.getPublic().getEncoded());
      String kid = m.keyId() != null ? m.keyId() : fingerprint;
      signing = refused(() -> JwtKey.ofKeyPair(kid, algorithm, pair), "the private key");
    } else {
      if (m.keyId() != null) {
        throw new InsecureConfigurationException(
            "JWT_KEY_ID cannot rename a JWK: published public keys carry the JWK's own kid; set"
                + " \"kid\" in the JWK instead");
      }
      signing = JwkKeys.privateKey(m.privateJwk().json(), algorithm, m.privateJwk().source());
      fingerprint = JwkKeys.fingerprint(signing);
    }
    List<JwtKey> verification = new ArrayList<>();
    Map<String, String> fingerprints = new LinkedHashMap<>();
    for (JwkSource set : m.publicJwkSets()) {
      for (JwtKey k : JwkKeys.publicKeys(set.json(), algorithm, set.source())) {
        String fp = JwkKeys.fingerprint(k);
        if (k.keyId().equals(signing.keyId())) {
          if (!fp.equals(fingerprint)) {
            throw new InsecureConfigurationException(
                set.source()
                    + " lists a different key under the signing key's kid; give each key its own"
                    + " kid");
          }
          continue; // the current key's own public half, as published
        }
        if (fp.equals(fingerprint)) {
          continue;
        }
        putUnique(fingerprints, k.keyId(), fp, signing.keyId());
        verification.add(k);
      }
    }
    return new SettingsKeys(signing, fingerprint, verification, fingerprints);
  }

  private static void putUnique(
      Map<String, String> fingerprints, String kid, String fp, String signingKid) {
    if (kid.equals(signingKid) || fingerprints.putIfAbsent(kid, fp) != null) {
      throw new InsecureConfigurationException(
          "two keys share the kid '" + kid + "'; give each key its own kid");
    }
  }

  private static JwtKey refused(Supplier<JwtKey> make, String what) {
    try {
      return make.get();
    } catch (IllegalArgumentException e) {
      throw new InsecureConfigurationException(what + " is refused: " + e.getMessage());
    }
  }

  private static byte[] requireStrong(Secret s, String source, Algorithm algorithm) {
    List<String> problems = s.problemsFor(algorithm);
    if (!problems.isEmpty()) {
      throw new InsecureConfigurationException(
          source + " is refused: " + String.join("; ", problems));
    }
    return s.bytes();
  }
}
