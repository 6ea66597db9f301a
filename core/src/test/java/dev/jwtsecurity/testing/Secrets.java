package dev.jwtsecurity.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secret values tests use (passwords, HMAC keys, tokens, refresh tokens, raw {@code
 * Authorization}/{@code Cookie} header values): none of them may appear in any log line written
 * during a test run. {@link LogLeakGuard} checks every captured line against this registry at the
 * end of the run (and each line as it is written).
 *
 * <pre>{@code
 * private static final String PASSWORD = Secrets.register("correct horse battery staple");
 * private static final byte[] KEY = Secrets.registerBytes(hmacKeyBytes);
 * IssuedAccessToken token = Secrets.registered(issuer.issue(claims).value());
 * }</pre>
 *
 * <p>A registered string is also looked for in its Base64 and Base64url encodings; registered bytes
 * in Base64, Base64url and hex. Independently of registration, {@link LogLeakChecker} flags
 * anything shaped like a compact JWT, a {@code Bearer} credential or an Argon2 PHC hash.
 */
public final class Secrets {

  /** Shorter values would match ordinary words and make the check useless. */
  public static final int MIN_LENGTH = 6;

  private static final Secrets GLOBAL = new Secrets();

  private final Set<String> values = ConcurrentHashMap.newKeySet();

  /**
   * Creates an empty registry; tests of the checker use their own, everything else the global one.
   */
  public Secrets() {}

  /**
   * Returns the registry shared by the whole test run.
   *
   * @return the global registry
   */
  public static Secrets global() {
    return GLOBAL;
  }

  /**
   * Registers {@code secret} in the global registry.
   *
   * @param secret a value that must never be logged, at least {@value #MIN_LENGTH} characters
   * @return {@code secret}, for use in field initialisers
   */
  public static String register(String secret) {
    GLOBAL.add(secret);
    return secret;
  }

  /**
   * Registers a value in the global registry and returns it; reads well around a token-producing
   * call.
   *
   * @param secret the value
   * @return {@code secret}
   */
  public static String registered(String secret) {
    return register(secret);
  }

  /**
   * Registers the encodings of raw secret bytes (an HMAC key) in the global registry.
   *
   * @param secret the key bytes, at least {@value #MIN_LENGTH} of them
   * @return {@code secret}
   */
  public static byte[] registerBytes(byte[] secret) {
    GLOBAL.addBytes(secret);
    return secret;
  }

  /**
   * Adds {@code secret} and its Base64 encodings.
   *
   * @param secret the value
   * @throws IllegalArgumentException if it is shorter than {@value #MIN_LENGTH} characters
   */
  public void add(String secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length() < MIN_LENGTH) {
      throw new IllegalArgumentException(
          "secrets shorter than "
              + MIN_LENGTH
              + " chars would match ordinary text; use a longer test secret");
    }
    values.add(secret);
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    values.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
    values.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /**
   * Adds the Base64, Base64url and hex encodings of {@code secret}.
   *
   * @param secret the bytes
   * @throws IllegalArgumentException if there are fewer than {@value #MIN_LENGTH} bytes
   */
  public void addBytes(byte[] secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length < MIN_LENGTH) {
      throw new IllegalArgumentException("secret must have at least " + MIN_LENGTH + " bytes");
    }
    values.add(Base64.getEncoder().withoutPadding().encodeToString(secret));
    values.add(Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    values.add(HexFormat.of().formatHex(secret));
  }

  /**
   * Returns a snapshot of every registered value and encoding.
   *
   * @return the values
   */
  public Set<String> values() {
    return Set.copyOf(values);
  }
}
