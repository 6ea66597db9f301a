package dev.jwtsecurity.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Comparison of secret values in time that does not depend on where they first differ. Not API:
 * shared by the jwt-security modules (see the package documentation).
 *
 * <pre>{@code
 * // lengths are public (fixed-size MACs, hashes of fixed size):
 * boolean ok = ConstantTime.equals(expectedMac, presentedMac);
 * // lengths are secret too (a presented API key, a password-reset code):
 * boolean same = ConstantTime.equalsSecretLength(presented, stored);
 * }</pre>
 *
 * <p>{@link #equals(byte[], byte[])} is {@link MessageDigest#isEqual}, which has been constant-time
 * in the content since JDK 6u17; it still returns early when the lengths differ, so it reveals
 * whether the lengths are equal. Use it where the length is public (a MAC, a digest, a fixed-size
 * token). The {@code equalsSecretLength} methods first map both values to HMAC-SHA256 tags under a
 * key drawn at class initialisation from a {@link SecureRandom} and never exposed, then compare the
 * 32-byte tags: the comparison's time depends on neither the content nor the length of the values
 * (only the time to hash them, which is linear in the length of each input and cannot be correlated
 * with the other). Because the key is secret and random per process, an attacker cannot craft two
 * different inputs with equal tags.
 *
 * <p>Strings are compared as their UTF-8 encodings; unpaired surrogates are not an error (they
 * compare as the replacement they encode to only if both sides contain the same unpaired surrogate,
 * see {@link #utf8(CharSequence)}).
 *
 * <h2>Security considerations</h2>
 *
 * <ul>
 *   <li>Never use {@link String#equals} or {@link Arrays#equals(byte[], byte[])} on a secret: both
 *       return at the first differing position (OWASP "Timing attacks"; CWE-208).
 *   <li>{@code null} is compared like any other value: {@code null} equals only {@code null}. This
 *       is not itself constant-time, since whether a value is present is not secret.
 *   <li>Temporary copies (UTF-8 encodings) are zeroed before return.
 * </ul>
 */
public final class ConstantTime {

  private static final String HMAC = "HmacSHA256";

  /** A per-process random key: tags are unpredictable, so equal tags imply equal inputs. */
  private static final SecretKeySpec KEY = newKey();

  private ConstantTime() {}

  private static SecretKeySpec newKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    SecretKeySpec spec = new SecretKeySpec(key, HMAC);
    Arrays.fill(key, (byte) 0);
    return spec;
  }

  /**
   * Compares two byte arrays whose length is public, in time independent of their content.
   *
   * @param a a value, or {@code null}
   * @param b a value, or {@code null}
   * @return {@code true} if both are {@code null} or both have the same length and content
   */
  public static boolean equals(byte[] a, byte[] b) {
    if (a == null || b == null) {
      return a == b;
    }
    return MessageDigest.isEqual(a, b);
  }

  /**
   * Compares two strings whose length is public, as UTF-8, in time independent of their content.
   *
   * @param a a value, or {@code null}
   * @param b a value, or {@code null}
   * @return {@code true} if both are {@code null} or both have the same characters
   */
  public static boolean equals(CharSequence a, CharSequence b) {
    if (a == null || b == null) {
      return a == b;
    }
    byte[] x = utf8(a);
    byte[] y = utf8(b);
    try {
      return MessageDigest.isEqual(x, y);
    } finally {
      Arrays.fill(x, (byte) 0);
      Arrays.fill(y, (byte) 0);
    }
  }

  /**
   * Compares two byte arrays whose length is secret too: neither content nor length shows in the
   * comparison's timing.
   *
   * @param a a value, or {@code null}
   * @param b a value, or {@code null}
   * @return {@code true} if both are {@code null} or both have the same length and content
   */
  public static boolean equalsSecretLength(byte[] a, byte[] b) {
    if (a == null || b == null) {
      return a == b;
    }
    // Equal tags under a secret random key imply equal inputs (HMAC-SHA256 is a PRF); compare the
    // fixed-length tags.
    return MessageDigest.isEqual(tag(a), tag(b));
  }

  /**
   * Compares two strings whose length is secret too, as UTF-8: neither content nor length shows in
   * the comparison's timing.
   *
   * @param a a value, or {@code null}
   * @param b a value, or {@code null}
   * @return {@code true} if both are {@code null} or both have the same characters
   */
  public static boolean equalsSecretLength(CharSequence a, CharSequence b) {
    if (a == null || b == null) {
      return a == b;
    }
    byte[] x = utf8(a);
    byte[] y = utf8(b);
    try {
      return MessageDigest.isEqual(tag(x), tag(y));
    } finally {
      Arrays.fill(x, (byte) 0);
      Arrays.fill(y, (byte) 0);
    }
  }

  private static byte[] tag(byte[] value) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(KEY);
      return mac.doFinal(value);
    } catch (GeneralSecurityException e) {
      // Every Java SE platform must provide HmacSHA256.
      throw new IllegalStateException("HmacSHA256 is not available on this JVM", e);
    }
  }

  /**
   * Encodes without going through an intermediate {@link String}, so a {@code char[]}-backed secret
   * is not copied into an immutable object. Unpaired surrogates become {@code ?}, as {@link
   * String#getBytes} would.
   */
  static byte[] utf8(CharSequence value) {
    return SecretChars.utf8(value);
  }
}
