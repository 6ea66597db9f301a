package dev.jwtsecurity.internal;

/**
 * Makes user-controlled text safe to write into a log line. <strong>Not API</strong>: shared by the
 * jwt-security modules, may change without notice.
 *
 * <p>Every control character (C0, DEL, C1, including CR, LF, TAB and ESC, so ANSI escapes are
 * defused) and the Unicode line and paragraph separators become {@code _}; the result is capped at
 * {@value #MAX_LENGTH} characters, with a marker when it was cut. OWASP Logging Cheat Sheet: "log
 * injection".
 */
public final class LogSafe {

  /** The longest value, in chars, that reaches a log line. */
  public static final int MAX_LENGTH = 256;

  private LogSafe() {}

  /**
   * Returns {@code value} with control characters replaced and its length capped; {@code null}
   * stays {@code null}.
   *
   * @param value user-controlled text, or {@code null}
   * @return text with no control characters and at most {@link #MAX_LENGTH} characters plus a short
   *     marker
   */
  public static String clean(CharSequence value) {
    return clean(value, MAX_LENGTH);
  }

  /**
   * Returns {@code value} with control characters replaced and its length capped at {@code
   * maxLength}.
   *
   * @param value user-controlled text, or {@code null}
   * @param maxLength the largest number of characters kept, at least 1
   * @return the cleaned text, or {@code null} when {@code value} is {@code null}
   * @throws IllegalArgumentException if {@code maxLength} is below 1
   */
  public static String clean(CharSequence value, int maxLength) {
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength must be at least 1, was " + maxLength);
    }
    if (value == null) {
      return null;
    }
    int n = Math.min(value.length(), maxLength);
    StringBuilder out = null;
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (isUnsafe(c)) {
        if (out == null) {
          out = new StringBuilder(n + 8);
          out.append(value, 0, i);
        }
        out.append('_');
      } else if (out != null) {
        out.append(c);
      }
    }
    if (n < value.length()) {
      if (out == null) {
        out = new StringBuilder(n + 8).append(value, 0, n);
      }
      // Never leave a lone high surrogate at the cut.
      if (Character.isHighSurrogate(out.charAt(out.length() - 1))) {
        out.setLength(out.length() - 1);
      }
      out.append("...[cut]");
    }
    return out == null ? value.toString() : out.toString();
  }

  /**
   * Returns {@code value} as one {@code key=value} field of a log line: {@linkplain #clean
   * cleaned}, then bare when it holds only letters, digits and {@code . _ : / @ + -}, else in
   * double quotes with {@code "} and {@code \} escaped by a backslash. A value can then never end
   * its field early or forge another one ({@code ua="x" user=admin"} stays one quoted value).
   * {@code null} becomes {@code -}.
   *
   * <pre>{@code
   * log.info("user={} ua={}", LogSafe.field(userId), LogSafe.field(userAgent, 80));
   * }</pre>
   *
   * @param value user-controlled text, or {@code null}
   * @return the field value, safe to place after {@code key=}
   */
  public static String field(CharSequence value) {
    return field(value, MAX_LENGTH);
  }

  /**
   * As {@link #field(CharSequence)}, with the length capped at {@code maxLength} before quoting.
   *
   * @param value user-controlled text, or {@code null}
   * @param maxLength the largest number of characters kept, at least 1
   * @return the field value, safe to place after {@code key=}
   * @throws IllegalArgumentException if {@code maxLength} is below 1
   */
  public static String field(CharSequence value, int maxLength) {
    if (value == null) {
      return "-";
    }
    StringBuilder out = new StringBuilder(Math.min(value.length(), maxLength) + 10);
    appendField(out, clean(value, maxLength));
    return out.toString();
  }

  /**
   * Appends an already {@linkplain #clean cleaned} value as a field value, quoted and escaped as
   * {@link #field(CharSequence)} describes.
   *
   * @param out where to append
   * @param cleaned a value returned by {@link #clean}
   */
  public static void appendField(StringBuilder out, String cleaned) {
    if (!cleaned.isEmpty() && isBare(cleaned)) {
      out.append(cleaned);
      return;
    }
    out.append('"');
    for (int i = 0; i < cleaned.length(); i++) {
      char c = cleaned.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append('"');
  }

  private static boolean isBare(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == ':'
              || c == '/'
              || c == '@'
              || c == '+'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean isUnsafe(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || c == '\u2028'
        || c == '\u2029'
        // Bidi overrides can make a log line read differently from what it contains.
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069');
  }
}
