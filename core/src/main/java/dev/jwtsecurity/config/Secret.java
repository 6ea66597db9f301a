package dev.jwtsecurity.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * Secret bytes, such as an HMAC signing key, that never show up in {@link #toString()}, logs or
 * exception messages. Arrays are copied in and out, and equality is constant-time.
 *
 * <pre>{@code
 * Secret secret = Secret.ofUtf8(System.getenv("JWT_SECRET_KEY"));
 * JwtSettings settings = JwtSettings.builder().secret(secret).build();
 * System.out.println(secret);   // Secret[redacted]
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <p>{@link #equals} compares with {@link MessageDigest#isEqual} (constant time for equal lengths);
 * {@link #hashCode} is a constant so that hash-based collections cannot leak anything about the
 * content. A Java {@code String} passed to {@link #ofUtf8} cannot be wiped; prefer {@link
 * #of(byte[])} when the secret arrives as bytes.
 */
public final class Secret {

  private final byte[] bytes;

  private Secret(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Returns a secret holding a copy of {@code bytes}.
   *
   * @param bytes the secret bytes; copied, so the caller may wipe its array afterwards
   * @return the secret
   * @throws NullPointerException if {@code bytes} is null
   */
  public static Secret of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return new Secret(Arrays.copyOf(bytes, bytes.length));
  }

  /**
   * Returns a secret holding the UTF-8 bytes of {@code text}, exactly (nothing is trimmed).
   *
   * @param text the secret text, such as the value of {@code JWT_SECRET_KEY}
   * @return the secret
   * @throws NullPointerException if {@code text} is null
   */
  public static Secret ofUtf8(String text) {
    Objects.requireNonNull(text, "text");
    return new Secret(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns a copy of the secret bytes; wipe it when done.
   *
   * @return a fresh copy
   */
  public byte[] bytes() {
    return Arrays.copyOf(bytes, bytes.length);
  }

  /**
   * Returns the length in bytes.
   *
   * @return the number of bytes
   */
  public int length() {
    return bytes.length;
  }

  /** Compares in constant time for equal lengths. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other && MessageDigest.isEqual(bytes, other.bytes);
  }

  /** A constant: the hash code must not depend on secret content. */
  @Override
  public int hashCode() {
    return Secret.class.hashCode();
  }

  /** Always {@code Secret[redacted]}. */
  @Override
  public String toString() {
    return "Secret[redacted]";
  }
}
