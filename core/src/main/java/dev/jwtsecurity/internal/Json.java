package dev.jwtsecurity.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON parser (RFC 8259) for JOSE headers, JWT claim sets and JWKs; the one JSON
 * reader of every jwt-security module. <strong>Not API</strong>: see the package documentation. It
 * refuses what a lenient parser would paper over, because two parsers disagreeing about one token
 * is an attack surface (RFC 8725 §3.11, RFC 7515 §4: "the Header Parameter names ... MUST be
 * unique"):
 *
 * <ul>
 *   <li>duplicate member names in any object;
 *   <li>nesting deeper than the given bound;
 *   <li>bytes that are not well-formed UTF-8 (overlong forms, encoded surrogates, code points above
 *       U+10FFFF);
 *   <li>{@code \\u} escapes that leave a lone surrogate;
 *   <li>unescaped control characters in strings, leading zeros, bare {@code NaN}/{@code Infinity},
 *       comments, trailing commas, and anything after the value but whitespace.
 * </ul>
 *
 * <p>Values: {@code Map<String, Object>}, {@code List<Object>}, {@link String}, {@link Long}
 * (integers that fit), {@link Double} (any other number), {@link Boolean}, and {@link #NULL}.
 */
public final class Json {

  /** The JSON {@code null}, distinct from an absent member. */
  public static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };

  /** Thrown for any malformed input; stackless, since refusals are frequent under attack. */
  public static final class MalformedJsonException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedJsonException() {
      super("malformed JSON", null, false, false);
    }
  }

  private final byte[] b;
  private final int end;
  private final int maxDepth;
  // Up to three expected string values (issuer, audience, environment): a value equal to one is
  // returned as that same String instead of a new copy, saving an allocation per claim on every
  // request. Equal strings either way: only the allocation differs.
  private final String known1;
  private final String known2;
  private final String known3;
  private int pos;

  private Json(
      byte[] b, int off, int len, int maxDepth, String known1, String known2, String known3) {
    this.b = b;
    this.pos = off;
    this.end = off + len;
    this.maxDepth = maxDepth;
    this.known1 = known1;
    this.known2 = known2;
    this.known3 = known3;
  }

  /**
   * Parses one JSON value that must be an object.
   *
   * @return the members
   * @throws MalformedJsonException if the bytes are not exactly one well-formed JSON object
   */
  public static Map<String, Object> parseObject(byte[] bytes, int off, int len, int maxDepth)
      throws MalformedJsonException {
    return parseObject(bytes, off, len, maxDepth, null, null, null);
  }

  /**
   * Parses one JSON object, returning string values equal to {@code known1..3} (each may be {@code
   * null}) as those instances.
   *
   * @return the members
   * @throws MalformedJsonException if the bytes are not exactly one well-formed JSON object
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(
      byte[] bytes, int off, int len, int maxDepth, String known1, String known2, String known3)
      throws MalformedJsonException {
    Json p = new Json(bytes, off, len, maxDepth, known1, known2, known3);
    p.skipWs();
    if (p.pos >= p.end || p.b[p.pos] != '{') {
      throw new MalformedJsonException();
    }
    Object v = p.value(0);
    p.skipWs();
    if (p.pos != p.end) {
      throw new MalformedJsonException();
    }
    return (Map<String, Object>) v;
  }

  /** Parses UTF-8 text holding one JSON object (for configuration input such as JWKs). */
  public static Map<String, Object> parseObject(String text, int maxDepth)
      throws MalformedJsonException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    // A String with a lone surrogate encodes it as '?': refuse instead of silently changing the
    // text.
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          throw new MalformedJsonException();
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        throw new MalformedJsonException();
      }
    }
    return parseObject(bytes, 0, bytes.length, maxDepth);
  }

  private void skipWs() {
    while (pos < end) {
      byte c = b[pos];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else {
        return;
      }
    }
  }

  private Object value(int depth) throws MalformedJsonException {
    if (pos >= end) {
      throw new MalformedJsonException();
    }
    byte c = b[pos];
    return switch (c) {
      case '{' -> object(depth + 1);
      case '[' -> array(depth + 1);
      case '"' -> string();
      case 't' -> literal("true", true);
      case 'f' -> literal("false", false);
      case 'n' -> literal("null", NULL);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield number();
        }
        throw new MalformedJsonException();
      }
    };
  }

  private Object literal(String word, Object v) throws MalformedJsonException {
    int n = word.length();
    if (end - pos < n) {
      throw new MalformedJsonException();
    }
    for (int i = 0; i < n; i++) {
      if (b[pos + i] != word.charAt(i)) {
        throw new MalformedJsonException();
      }
    }
    pos += n;
    return v;
  }

  private Map<String, Object> object(int depth) throws MalformedJsonException {
    if (depth > maxDepth) {
      throw new MalformedJsonException();
    }
    pos++; // '{'
    // Members go into a flat array (name, value, name, value, ...) while the object is small, and
    // into a HashMap once
    // it has more than SMALL_OBJECT members, so that the duplicate check stays linear in the
    // object's size.
    Object[] flat = new Object[2 * 12];
    int n = 0;
    Map<String, Object> big = null;
    skipWs();
    if (pos < end && b[pos] == '}') {
      pos++;
      return new JsonObject(flat, 0);
    }
    while (true) {
      skipWs();
      if (pos >= end || b[pos] != '"') {
        throw new MalformedJsonException();
      }
      String name = knownName();
      if (name == null) {
        name = string();
      }
      skipWs();
      if (pos >= end || b[pos] != ':') {
        throw new MalformedJsonException();
      }
      pos++;
      skipWs();
      Object v = value(depth);
      // RFC 7515 §4 and RFC 7519 §4: member names must be unique; refuse rather than pick one.
      if (big != null) {
        if (big.put(name, v) != null) {
          throw new MalformedJsonException();
        }
      } else {
        for (int i = 0; i < 2 * n; i += 2) {
          if (name.equals(flat[i])) {
            throw new MalformedJsonException();
          }
        }
        if (n == SMALL_OBJECT) {
          big = new HashMap<>(4 * SMALL_OBJECT);
          for (int i = 0; i < 2 * n; i += 2) {
            big.put((String) flat[i], flat[i + 1]);
          }
          big.put(name, v);
        } else {
          if (2 * n == flat.length) {
            flat = java.util.Arrays.copyOf(flat, 2 * SMALL_OBJECT);
          }
          flat[2 * n] = name;
          flat[2 * n + 1] = v;
          n++;
        }
      }
      skipWs();
      if (pos >= end) {
        throw new MalformedJsonException();
      }
      byte c = b[pos++];
      if (c == '}') {
        return big != null ? big : new JsonObject(flat, n);
      }
      if (c != ',') {
        throw new MalformedJsonException();
      }
    }
  }

  /** Objects with at most this many members are held in a {@link JsonObject}. */
  private static final int SMALL_OBJECT = 16;

  private List<Object> array(int depth) throws MalformedJsonException {
    if (depth > maxDepth) {
      throw new MalformedJsonException();
    }
    pos++; // '['
    List<Object> l = new ArrayList<>(4);
    skipWs();
    if (pos < end && b[pos] == ']') {
      pos++;
      return l;
    }
    while (true) {
      skipWs();
      l.add(value(depth));
      skipWs();
      if (pos >= end) {
        throw new MalformedJsonException();
      }
      byte c = b[pos++];
      if (c == ']') {
        return l;
      }
      if (c != ',') {
        throw new MalformedJsonException();
      }
    }
  }

  /**
   * The member names of JOSE headers and access tokens, shared instead of allocated per parse, on
   * the per-request path. Only an exact unescaped match is taken; anything else (escapes, other
   * names) goes through {@link #string()}.
   */
  private static final String[] KNOWN_NAMES = {
    "alg", "typ", "kid", "cty", "iss", "sub", "aud", "exp", "nbf", "iat", "jti", "env", "roles",
    "scope"
  };

  private static final byte[][] KNOWN_NAME_BYTES = new byte[KNOWN_NAMES.length][];

  static {
    for (int i = 0; i < KNOWN_NAMES.length; i++) {
      KNOWN_NAME_BYTES[i] = KNOWN_NAMES[i].getBytes(StandardCharsets.US_ASCII);
    }
  }

  /**
   * At a '"': returns a known member name and moves past its closing quote, or returns {@code null}
   * and stays.
   */
  private String knownName() {
    int start = pos + 1;
    int close = start;
    int limit = Math.min(end, start + 6);
    while (close < limit && b[close] != '"' && b[close] != '\\') {
      close++;
    }
    if (close >= end || b[close] != '"') {
      return null;
    }
    int n = close - start;
    for (int i = 0; i < KNOWN_NAME_BYTES.length; i++) {
      byte[] k = KNOWN_NAME_BYTES[i];
      if (k.length == n && java.util.Arrays.equals(b, start, close, k, 0, n)) {
        pos = close + 1;
        return KNOWN_NAMES[i];
      }
    }
    return null;
  }

  private String string() throws MalformedJsonException {
    int start = ++pos; // after '"'
    // Fast path: printable ASCII without escapes.
    while (pos < end) {
      byte c = b[pos];
      if (c == '"') {
        int n = pos - start;
        String s =
            matches(known1, start, n)
                ? known1
                : matches(known2, start, n)
                    ? known2
                    : matches(known3, start, n)
                        ? known3
                        : new String(b, start, n, StandardCharsets.ISO_8859_1);
        pos++;
        return s;
      }
      if (c == '\\' || c < 0x20) { // c < 0 for non-ASCII bytes
        break;
      }
      pos++;
    }
    StringBuilder sb = new StringBuilder(pos - start + 16);
    for (int i = start; i < pos; i++) {
      sb.append((char) b[i]);
    }
    while (pos < end) {
      int c = b[pos] & 0xff;
      if (c == '"') {
        pos++;
        return sb.toString();
      }
      if (c == '\\') {
        escape(sb);
      } else if (c < 0x20) {
        throw new MalformedJsonException(); // RFC 8259 §7: control characters must be escaped
      } else if (c < 0x80) {
        sb.append((char) c);
        pos++;
      } else {
        utf8(sb, c);
      }
    }
    throw new MalformedJsonException();
  }

  /** Whether the plain ASCII bytes {@code b[start, start + n)} spell {@code known}. */
  private boolean matches(String known, int start, int n) {
    if (known == null || known.length() != n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (known.charAt(i) != b[start + i]) {
        return false;
      }
    }
    return true;
  }

  private void escape(StringBuilder sb) throws MalformedJsonException {
    if (pos + 1 >= end) {
      throw new MalformedJsonException();
    }
    byte e = b[pos + 1];
    pos += 2;
    switch (e) {
      case '"' -> sb.append('"');
      case '\\' -> sb.append('\\');
      case '/' -> sb.append('/');
      case 'b' -> sb.append('\b');
      case 'f' -> sb.append('\f');
      case 'n' -> sb.append('\n');
      case 'r' -> sb.append('\r');
      case 't' -> sb.append('\t');
      case 'u' -> {
        char c = hex4();
        if (Character.isHighSurrogate(c)) {
          // Must be followed by an escaped low surrogate: a lone surrogate is not a character (RFC
          // 8259 §8.2).
          if (pos + 1 >= end || b[pos] != '\\' || b[pos + 1] != 'u') {
            throw new MalformedJsonException();
          }
          pos += 2;
          char low = hex4();
          if (!Character.isLowSurrogate(low)) {
            throw new MalformedJsonException();
          }
          sb.append(c).append(low);
        } else if (Character.isLowSurrogate(c)) {
          throw new MalformedJsonException();
        } else {
          sb.append(c);
        }
      }
      default -> throw new MalformedJsonException();
    }
  }

  private char hex4() throws MalformedJsonException {
    if (end - pos < 4) {
      throw new MalformedJsonException();
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = Character.digit((char) (b[pos + i] & 0xff), 16);
      if (d < 0 || b[pos + i] < 0) {
        throw new MalformedJsonException();
      }
      v = (v << 4) | d;
    }
    pos += 4;
    return (char) v;
  }

  /** Decodes one UTF-8 sequence, refusing every ill-formed one (Unicode Table 3-7). */
  private void utf8(StringBuilder sb, int lead) throws MalformedJsonException {
    int cp;
    int n;
    int lo = 0x80;
    int hi = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
      n = 1;
      cp = lead & 0x1f;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      n = 2;
      cp = lead & 0x0f;
      if (lead == 0xe0) {
        lo = 0xa0; // no overlong forms
      } else if (lead == 0xed) {
        hi = 0x9f; // no encoded surrogates
      }
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      n = 3;
      cp = lead & 0x07;
      if (lead == 0xf0) {
        lo = 0x90;
      } else if (lead == 0xf4) {
        hi = 0x8f; // nothing above U+10FFFF
      }
    } else {
      throw new MalformedJsonException();
    }
    if (end - pos <= n) {
      throw new MalformedJsonException();
    }
    for (int i = 1; i <= n; i++) {
      int c = b[pos + i] & 0xff;
      if (i == 1 ? (c < lo || c > hi) : (c < 0x80 || c > 0xbf)) {
        throw new MalformedJsonException();
      }
      cp = (cp << 6) | (c & 0x3f);
    }
    pos += n + 1;
    sb.appendCodePoint(cp);
  }

  private Object number() throws MalformedJsonException {
    int start = pos;
    if (b[pos] == '-') {
      pos++;
    }
    if (pos >= end) {
      throw new MalformedJsonException();
    }
    if (b[pos] == '0') {
      pos++;
    } else if (b[pos] >= '1' && b[pos] <= '9') {
      while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
        pos++;
      }
    } else {
      throw new MalformedJsonException();
    }
    boolean integer = true;
    if (pos < end && b[pos] == '.') {
      integer = false;
      pos++;
      digits();
    }
    if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
      integer = false;
      pos++;
      if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
        pos++;
      }
      digits();
    }
    int len = pos - start;
    if (integer && len <= 18) {
      boolean neg = b[start] == '-';
      long v = 0;
      for (int i = neg ? start + 1 : start; i < pos; i++) {
        v = v * 10 + (b[i] - '0');
      }
      return neg ? -v : v;
    }
    String text = new String(b, start, len, StandardCharsets.ISO_8859_1);
    if (integer) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        // beyond a long: fall through to a double, which numeric-date checks refuse as out of range
      }
    }
    return Double.parseDouble(text);
  }

  private void digits() throws MalformedJsonException {
    int s = pos;
    while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
      pos++;
    }
    if (pos == s) {
      throw new MalformedJsonException();
    }
  }
}
