package dev.jwtsecurity.redis;

import java.time.Instant;
import java.util.HexFormat;

/**
 * How ids and instants are written into Redis keys and values.
 *
 * <p>Ids (user ids, family and lookup ids, issuers, token ids, throttle key ids) come from the
 * application and, for throttle keys, from the login form. They are escaped so that:
 *
 * <ul>
 *   <li>a key is an unambiguous function of its parts: {@code ':'} separates parts, so it never
 *       appears inside one;
 *   <li>a Redis Cluster hash tag {@code {...}} is exactly the part we put in braces: opening and
 *       closing braces never appear inside a part;
 *   <li>every key and value is well-formed UTF-8: an unpaired surrogate, which UTF-8 cannot encode
 *       (the codec would replace it with {@code '?'} and two ids would collide), is written as
 *       {@code %uXXXX};
 *   <li>control characters do not reach {@code redis-cli} output or the slow log raw.
 * </ul>
 *
 * The escape character {@code '%'} is escaped itself, so {@link #unescape} inverts {@link #escape}
 * and distinct ids stay distinct.
 */
final class Text {

  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private Text() {}

  /** Escapes {@code s} for use as one part of a key or value; see the class comment. */
  static String escape(String s) {
    int n = s.length();
    StringBuilder out = null;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      String replacement = null;
      if (c == '%' || c == ':' || c == '{' || c == '}' || c < 0x20 || c == 0x7F) {
        replacement = "%" + HEX.toHexDigits((byte) c);
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          if (out != null) {
            out.append(c).append(s.charAt(i + 1));
          }
          i++;
          continue;
        }
        replacement = "%u" + HEX.toHexDigits(c);
      } else if (Character.isLowSurrogate(c)) {
        replacement = "%u" + HEX.toHexDigits(c);
      }
      if (replacement != null) {
        if (out == null) {
          out = new StringBuilder(n + 16).append(s, 0, i);
        }
        out.append(replacement);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  /**
   * Inverts {@link #escape}.
   *
   * @throws IllegalArgumentException if {@code s} is not the output of {@link #escape}
   */
  static String unescape(String s) {
    int percent = s.indexOf('%');
    if (percent < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length()).append(s, 0, percent);
    int i = percent;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c != '%') {
        out.append(c);
        i++;
      } else if (i + 1 < n && s.charAt(i + 1) == 'u') {
        out.append((char) hex(s, i + 2, 4));
        i += 6;
      } else {
        out.append((char) hex(s, i + 1, 2));
        i += 3;
      }
    }
    return out.toString();
  }

  private static int hex(String s, int from, int digits) {
    if (from + digits > s.length()) {
      throw new IllegalArgumentException("truncated escape");
    }
    int v = 0;
    for (int k = from; k < from + digits; k++) {
      int d = Character.digit(s.charAt(k), 16);
      if (d < 0) {
        throw new IllegalArgumentException("bad escape");
      }
      v = v * 16 + d;
    }
    return v;
  }

  /**
   * Writes an instant without loss: epoch seconds, a dot, nine digits of nanoseconds (the Lua
   * scripts compare these as two numbers).
   */
  static String instant(Instant t) {
    String nanos = Integer.toString(t.getNano());
    return t.getEpochSecond() + "." + "000000000".substring(nanos.length()) + nanos;
  }

  /**
   * Reads {@link #instant(Instant)}'s output.
   *
   * @throws IllegalArgumentException if malformed
   */
  static Instant instant(String s) {
    int dot = s.indexOf('.');
    if (dot <= 0 || s.length() - dot != 10) {
      throw new IllegalArgumentException("malformed instant");
    }
    try {
      return Instant.ofEpochSecond(
          Long.parseLong(s, 0, dot, 10), Integer.parseInt(s, dot + 1, s.length(), 10));
    } catch (NumberFormatException | java.time.DateTimeException e) {
      throw new IllegalArgumentException("malformed instant", e);
    }
  }

  /** Epoch milliseconds, rounded up. */
  static long ceilMillis(Instant t) {
    long ms = Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1000L), t.getNano() / 1_000_000);
    return t.getNano() % 1_000_000 == 0 ? ms : ms + 1;
  }

  /**
   * The longest time-to-live written: a century, far below what Redis's clock arithmetic allows.
   */
  static final java.time.Duration MAX_TTL = java.time.Duration.ofDays(36_500);

  /**
   * Milliseconds from {@code from} to {@code to}, rounded up so a key never dies early; 0 when
   * {@code to} is not after {@code from}; at most {@link #MAX_TTL}.
   */
  static long millisUntil(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return 0;
    }
    java.time.Duration d = java.time.Duration.between(from, to);
    if (d.compareTo(MAX_TTL) > 0) {
      return MAX_TTL.toMillis();
    }
    long ms = d.toMillis();
    return d.toNanosPart() % 1_000_000 == 0 ? ms : ms + 1;
  }
}
