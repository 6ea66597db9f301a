package dev.jwtsecurity.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * Random, URL-safe tokens (refresh tokens, token ids, CSRF tokens, reset codes) from an injected
 * {@link SecureRandom}.
 *
 * <pre>{@code
 * SecureTokens tokens = new SecureTokens(new SecureRandom());
 * String refreshToken = tokens.token(256);      // 43 characters of base64url, no padding
 * byte[] raw = tokens.bytes(32);
 * }</pre>
 *
 * <p>Tokens are base64url without padding (RFC 4648 §5), so they go into URLs, headers and cookies
 * unescaped. A token of {@code n} bits has {@code ceil(n / 8)} random bytes.
 *
 * <h2>Security considerations</h2>
 *
 * <ul>
 *   <li>At least {@value #MIN_BITS} bits are required: OWASP Session Management Cheat Sheet asks
 *       for at least 64 bits of entropy for identifiers; this class asks for twice that so that
 *       tokens also survive offline guessing.
 *   <li>Compare a presented token with {@link ConstantTime}, never {@link String#equals}.
 *   <li>Thread-safe when the {@link SecureRandom} is (every JDK implementation is).
 * </ul>
 */
public final class SecureTokens {

  /** The smallest token size accepted, in bits. */
  public static final int MIN_BITS = 128;

  /** The largest token size accepted, in bits (a sanity cap against programming errors). */
  public static final int MAX_BITS = 8192;

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private final SecureRandom random;

  /**
   * Creates a token source.
   *
   * @param random the randomness; use {@code new SecureRandom()} in production
   * @throws NullPointerException if {@code random} is {@code null}
   */
  public SecureTokens(SecureRandom random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Returns a fresh URL-safe token with at least {@code bits} bits of randomness.
   *
   * @param bits the entropy, a multiple of 8 between {@value #MIN_BITS} and {@value #MAX_BITS}
   * @return base64url text without padding
   * @throws IllegalArgumentException if {@code bits} is out of range or not a multiple of 8
   */
  public String token(int bits) {
    byte[] raw = bytes(bytesFor(bits));
    try {
      return ENCODER.encodeToString(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /**
   * Returns {@code length} fresh random bytes.
   *
   * @param length the number of bytes, between {@code MIN_BITS / 8} and {@code MAX_BITS / 8}
   * @return a new array owned by the caller
   * @throws IllegalArgumentException if {@code length} is out of range
   */
  public byte[] bytes(int length) {
    if (length < MIN_BITS / 8 || length > MAX_BITS / 8) {
      throw new IllegalArgumentException(
          "length must be between "
              + MIN_BITS / 8
              + " and "
              + MAX_BITS / 8
              + " bytes, was "
              + length);
    }
    byte[] out = new byte[length];
    random.nextBytes(out);
    return out;
  }

  private static int bytesFor(int bits) {
    if (bits < MIN_BITS || bits > MAX_BITS || bits % 8 != 0) {
      throw new IllegalArgumentException(
          "bits must be a multiple of 8 between "
              + MIN_BITS
              + " and "
              + MAX_BITS
              + ", was "
              + bits
              + "; use 256 for refresh tokens");
    }
    return bits / 8;
  }
}
