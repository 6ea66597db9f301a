package dev.jwtsecurity.token;

import java.util.Locale;

/**
 * The JWS algorithms this library signs and verifies with (RFC 7518, RFC 8037). {@code none} is not
 * one of them and never will be. Each key is bound to exactly one algorithm; the token's own {@code
 * alg} header is only compared with it, never obeyed (RFC 8725 §2.1, §3.1).
 *
 * <pre>{@code
 * Algorithm alg = Algorithm.fromName("HS256");   // Algorithm.HS256
 * Algorithm.fromName("none");                   // IllegalArgumentException
 * }</pre>
 */
public enum Algorithm {
  /** HMAC with SHA-256; the default. Secret of at least 32 bytes. */
  HS256("HS256", Family.HMAC, 32),
  /** HMAC with SHA-384. Secret of at least 48 bytes. */
  HS384("HS384", Family.HMAC, 48),
  /** HMAC with SHA-512. Secret of at least 64 bytes. */
  HS512("HS512", Family.HMAC, 64),
  /** RSASSA-PKCS1-v1_5 with SHA-256; RSA keys of at least 2048 bits. */
  RS256("RS256", Family.RSA, 0),
  /** RSASSA-PKCS1-v1_5 with SHA-384. */
  RS384("RS384", Family.RSA, 0),
  /** RSASSA-PKCS1-v1_5 with SHA-512. */
  RS512("RS512", Family.RSA, 0),
  /** RSASSA-PSS with SHA-256. */
  PS256("PS256", Family.RSA, 0),
  /** RSASSA-PSS with SHA-384. */
  PS384("PS384", Family.RSA, 0),
  /** RSASSA-PSS with SHA-512. */
  PS512("PS512", Family.RSA, 0),
  /** ECDSA on P-256 with SHA-256. */
  ES256("ES256", Family.EC, 0),
  /** ECDSA on P-384 with SHA-384. */
  ES384("ES384", Family.EC, 0),
  /** ECDSA on P-521 with SHA-512. */
  ES512("ES512", Family.EC, 0),
  /** EdDSA with Ed25519 (RFC 8037). */
  EDDSA("EdDSA", Family.OKP, 0);

  /** Key families. */
  enum Family {
    HMAC,
    RSA,
    EC,
    OKP
  }

  private final String jwsName;
  private final Family family;
  private final int minSecretBytes;

  Algorithm(String jwsName, Family family, int minSecretBytes) {
    this.jwsName = jwsName;
    this.family = family;
    this.minSecretBytes = minSecretBytes;
  }

  /**
   * Returns the name used in the JWS {@code alg} header, such as {@code HS256} or {@code EdDSA}.
   *
   * @return the registered JWS algorithm name
   */
  public String jwsName() {
    return jwsName;
  }

  /**
   * Returns whether this is an HMAC algorithm (a shared secret rather than a key pair).
   *
   * @return {@code true} for HS256, HS384 and HS512
   */
  public boolean isHmac() {
    return family == Family.HMAC;
  }

  /**
   * Returns the shortest HMAC secret accepted, in bytes: the hash output size (RFC 7518 §3.2). Zero
   * for asymmetric algorithms.
   *
   * @return 32, 48 or 64 for HMAC algorithms, else 0
   */
  public int minSecretBytes() {
    return minSecretBytes;
  }

  Family family() {
    return family;
  }

  /**
   * Returns the algorithm with this JWS name. The match is exact (JWS names are case-sensitive)
   * except that the configuration-friendly spelling {@code EDDSA} is also accepted.
   *
   * @param name a JWS algorithm name such as {@code HS256}
   * @return the algorithm
   * @throws IllegalArgumentException for {@code none}, in any capitalisation, or any name not
   *     listed here
   */
  public static Algorithm fromName(String name) {
    if (name == null) {
      throw new IllegalArgumentException(
          "algorithm must not be null; use one of HS256, HS384, HS512, RS256, "
              + "RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA");
    }
    String trimmed = name.trim();
    for (Algorithm a : values()) {
      if (a.jwsName.equals(trimmed) || a.name().equals(trimmed)) {
        return a;
      }
    }
    if ("none".equals(trimmed.toLowerCase(Locale.ROOT))) {
      // RFC 8725 §3.1: unsecured JWTs are never accepted.
      throw new IllegalArgumentException(
          "algorithm 'none' is never allowed: tokens must be signed");
    }
    throw new IllegalArgumentException(
        "unsupported algorithm; use one of HS256, HS384, HS512, RS256, RS384, RS512, "
            + "PS256, PS384, PS512, ES256, ES384, ES512, EdDSA");
  }
}
