package dev.jwtsecurity.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds log lines that contain a secret: a value registered in {@link Secrets}, or anything shaped
 * like a credential whatever its value (a compact JWT, a {@code Bearer} credential, an Argon2 PHC
 * hash).
 *
 * <pre>{@code
 * List<LogLeakChecker.Leak> leaks = LogLeakChecker.check(capture.lines(), Secrets.global().values());
 * }</pre>
 */
public final class LogLeakChecker {

  /**
   * A compact JWS/JWE: a Base64url JSON header ({@code eyJ}) and at least one more dot-separated
   * part.
   */
  static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{2,}");

  /** The whole of a compact JWT (up to five parts, JWE), for masking. */
  private static final Pattern JWT_WHOLE =
      Pattern.compile("eyJ[A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]*){1,4}");

  /**
   * An {@code Authorization: Bearer} credential (RFC 6750 §2.1 b64token): at least 16 token
   * characters including a digit, so prose such as "Bearer authentication required." is not
   * mistaken for one.
   */
  static final Pattern BEARER =
      Pattern.compile(
          "(?i)\\bbearer\\s+(?=[A-Za-z0-9._~+/-]{16,})[A-Za-z._~+/-]*[0-9][A-Za-z0-9._~+/-]*");

  /** An Argon2 hash in PHC string format: as sensitive as the password for offline guessing. */
  static final Pattern ARGON2 = Pattern.compile("\\$argon2(?:id|i|d)\\$");

  private LogLeakChecker() {}

  /** What kind of secret a line contains. */
  public enum Kind {
    /** A value registered in {@link Secrets}. */
    REGISTERED_SECRET,
    /** A compact JWT. */
    JWT,
    /** A bearer credential. */
    BEARER_CREDENTIAL,
    /** An Argon2 password hash. */
    PASSWORD_HASH
  }

  /**
   * One line that leaks.
   *
   * @param lineNumber the line's position in the capture, from 1
   * @param kind what it leaks
   * @param maskedLine the line with every registered secret replaced by {@code [SECRET]}, safe to
   *     print
   */
  public record Leak(int lineNumber, Kind kind, String maskedLine) {}

  /**
   * Returns every leaking line, in order.
   *
   * @param lines the captured lines
   * @param secrets the registered secrets (and their encodings)
   * @return the leaks; empty when clean
   */
  public static List<Leak> check(Collection<String> lines, Collection<String> secrets) {
    List<Leak> leaks = new ArrayList<>();
    int n = 0;
    for (String line : lines) {
      n++;
      Kind kind = kindOf(line, secrets);
      if (kind != null) {
        leaks.add(new Leak(n, kind, mask(line, secrets)));
      }
    }
    return leaks;
  }

  /**
   * Returns what {@code line} leaks, or {@code null} when it is clean.
   *
   * @param line a log line
   * @param secrets the registered secrets
   * @return the kind of leak, or {@code null}
   */
  public static Kind kindOf(String line, Collection<String> secrets) {
    for (String s : secrets) {
      if (line.contains(s)) {
        return Kind.REGISTERED_SECRET;
      }
    }
    if (JWT.matcher(line).find()) {
      return Kind.JWT;
    }
    if (BEARER.matcher(line).find()) {
      return Kind.BEARER_CREDENTIAL;
    }
    if (ARGON2.matcher(line).find()) {
      return Kind.PASSWORD_HASH;
    }
    return null;
  }

  /** Masks secrets and credential shapes so the report itself does not repeat the leak. */
  static String mask(String line, Collection<String> secrets) {
    String masked = line;
    for (String s : secrets) {
      masked = masked.replace(s, "[SECRET]");
    }
    masked = JWT_WHOLE.matcher(masked).replaceAll("[JWT]");
    masked = BEARER.matcher(masked).replaceAll("Bearer [CREDENTIAL]");
    return masked;
  }
}
