package dev.jwtsecurity.token;

import java.security.Key;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One key, bound to exactly one {@link Algorithm} and identified by a {@code kid}. An HMAC key signs and verifies; an
 * asymmetric key signs when it holds the private half and verifies with the public half.
 *
 * <pre>{@code
 * JwtKey key = JwtKey.hmac("2026-11", Algorithm.HS256, secretBytes);
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <p>{@link #toString()}, {@link #equals} and {@link #hashCode} never reveal key material. HMAC secrets shorter than the
 * hash output (RFC 7518 §3.2) are refused here; the entropy of a configured secret is checked by {@code
 * dev.jwtsecurity.config}.
 */
public final class JwtKey {

  private static final Pattern KID = Pattern.compile("[A-Za-z0-9._~+/=-]{1,128}");

  private final String keyId;
  private final Algorithm algorithm;
  private final Key signingKey;
  private final Key verificationKey;

  private JwtKey(String keyId, Algorithm algorithm, Key signingKey, Key verificationKey) {
    this.keyId = checkKid(keyId);
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    this.signingKey = signingKey;
    this.verificationKey = Objects.requireNonNull(verificationKey, "verificationKey");
  }

  /**
   * Returns an HMAC key.
   *
   * @param keyId the {@code kid}: 1-128 characters of {@code [A-Za-z0-9._~+/=-]}
   * @param algorithm HS256, HS384 or HS512
   * @param secret the secret; copied
   * @return a key that signs and verifies
   * @throws IllegalArgumentException if the algorithm is not HMAC or the secret is shorter than its hash output
   */
  public static JwtKey hmac(String keyId, Algorithm algorithm, byte[] secret) {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(secret, "secret");
    if (!algorithm.isHmac()) {
      throw new IllegalArgumentException(algorithm.jwsName() + " is not an HMAC algorithm; use JwtKey.ofKeyPair");
    }
    if (secret.length < algorithm.minSecretBytes()) {
      throw new IllegalArgumentException(
          algorithm.jwsName() + " needs a secret of at least " + algorithm.minSecretBytes()
              + " bytes; generate one with 'jwt-security keygen'");
    }
    byte[] copy = Arrays.copyOf(secret, secret.length);
    SecretKey k = new SecretKeySpec(copy, macName(algorithm));
    Arrays.fill(copy, (byte) 0);
    return new JwtKey(keyId, algorithm, k, k);
  }

  /**
   * Returns a key that signs with the private key and verifies with the public key.
   *
   * @param keyId the {@code kid}
   * @param algorithm an asymmetric algorithm matching the key type
   * @param keyPair the key pair
   * @return a signing key
   * @throws IllegalArgumentException if the algorithm is HMAC or does not fit the key
   */
  public static JwtKey ofKeyPair(String keyId, Algorithm algorithm, KeyPair keyPair) {
    Objects.requireNonNull(keyPair, "keyPair");
    return asymmetric(keyId, algorithm, keyPair.getPrivate(), keyPair.getPublic());
  }

  /**
   * Returns a key that only verifies.
   *
   * @param keyId the {@code kid}
   * @param algorithm an asymmetric algorithm matching the key type
   * @param publicKey the public key
   * @return a verification-only key
   * @throws IllegalArgumentException if the algorithm is HMAC or does not fit the key
   */
  public static JwtKey verificationOnly(String keyId, Algorithm algorithm, PublicKey publicKey) {
    return asymmetric(keyId, algorithm, null, Objects.requireNonNull(publicKey, "publicKey"));
  }

  private static JwtKey asymmetric(String keyId, Algorithm algorithm, PrivateKey priv, PublicKey pub) {
    Objects.requireNonNull(algorithm, "algorithm");
    if (algorithm.isHmac()) {
      throw new IllegalArgumentException(algorithm.jwsName() + " is an HMAC algorithm; use JwtKey.hmac");
    }
    KeyChecks.checkAsymmetric(algorithm, pub);
    return new JwtKey(keyId, algorithm, priv, pub);
  }

  /**
   * Returns this key with the private or secret half removed, for keeping a retired signing key as verification-only.
   * For HMAC keys the secret is needed to verify, so it stays, but the key no longer {@link #canSign() signs}.
   *
   * @return a verification-only copy
   */
  public JwtKey withoutSigning() {
    return new JwtKey(keyId, algorithm, null, verificationKey);
  }

  /**
   * Returns the {@code kid}.
   *
   * @return the key id
   */
  public String keyId() {
    return keyId;
  }

  /**
   * Returns the one algorithm this key is used with.
   *
   * @return the algorithm
   */
  public Algorithm algorithm() {
    return algorithm;
  }

  /**
   * Returns whether this key can sign.
   *
   * @return {@code true} when it holds the secret or private key and is not verification-only
   */
  public boolean canSign() {
    return signingKey != null;
  }

  Key signingKey() {
    if (signingKey == null) {
      throw new IllegalStateException("key '" + keyId + "' is verification-only");
    }
    return signingKey;
  }

  Key verificationKey() {
    return verificationKey;
  }

  static String macName(Algorithm a) {
    return switch (a) {
      case HS256 -> "HmacSHA256";
      case HS384 -> "HmacSHA384";
      case HS512 -> "HmacSHA512";
      default -> throw new IllegalArgumentException(a.jwsName());
    };
  }

  private static String checkKid(String kid) {
    Objects.requireNonNull(kid, "keyId");
    if (!KID.matcher(kid).matches()) {
      throw new IllegalArgumentException("key ids are 1-128 characters of A-Z a-z 0-9 . _ ~ + / = -");
    }
    return kid;
  }

  @Override
  public String toString() {
    return "JwtKey[kid=" + keyId + ", alg=" + algorithm.jwsName() + ", key=redacted]";
  }
}
