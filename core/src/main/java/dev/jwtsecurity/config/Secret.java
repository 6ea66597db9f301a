package dev.jwtsecurity.config;

import dev.jwtsecurity.token.Algorithm;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
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

  /**
   * The smallest estimated entropy, in bits, a signing secret must have: about 256 bits of a random
   * key, with room for the short patterns random strings contain by chance.
   */
  public static final int MIN_ENTROPY_BITS = 216;

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

  /**
   * Returns why this secret would be refused to sign with {@code algorithm}, in plain words with a
   * fix, or an empty list when {@link JwtSettings} accepts it. A secret is refused when it is
   * shorter than the algorithm's hash output (RFC 7518 §3.2), starts or ends with whitespace, is or
   * contains a known placeholder (such as the security guide's own example), or its {@link
   * #estimatedEntropyBits() estimated entropy} is below {@value #MIN_ENTROPY_BITS} bits.
   *
   * <pre>{@code
   * List<String> problems = Secret.ofUtf8(candidate).problemsFor(Algorithm.HS256);
   * problems.forEach(System.err::println);
   * }</pre>
   *
   * <h4>Security considerations</h4>
   *
   * <p>No estimator can prove a secret random: a secret derived from a guessable seed passes.
   * Generate secrets with {@code jwt-security keygen} (or {@code openssl rand -base64 48}). The
   * problems never contain the secret.
   *
   * @param algorithm the HMAC algorithm the secret would sign with
   * @return the problems; empty when accepted
   * @throws IllegalArgumentException if {@code algorithm} is not an HMAC algorithm
   */
  public List<String> problemsFor(Algorithm algorithm) {
    return SecretPolicy.assess(this, algorithm).problems();
  }

  /**
   * Returns a conservative estimate of this secret's entropy, in bits: the cheapest description of
   * it as random characters, runs, sequences, keyboard walks, repeats, dictionary words and
   * ordinary words (a simplified zxcvbn, over the first 512 characters), never more than 8 bits per
   * byte. A secret that is not UTF-8 text (or holds control characters) is a key made of bytes and
   * is judged byte by byte, so a random key of the algorithm's minimum length always passes.
   *
   * @return the estimate, in bits
   */
  public int estimatedEntropyBits() {
    return SecretPolicy.assess(this, Algorithm.HS256).estimatedEntropyBits();
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
