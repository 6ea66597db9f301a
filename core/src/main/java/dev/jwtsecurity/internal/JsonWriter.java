package dev.jwtsecurity.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small JSON writer straight to UTF-8 bytes (not API) (RFC 8259 §7 escaping: quote, backslash and
 * every control character; U+2028/U+2029 too, so the output is also safe inside JavaScript).
 * Strings must be well-formed UTF-16; the callers' builders refuse lone surrogates, and this writer
 * refuses them again rather than write a replacement character.
 */
public final class JsonWriter {

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private byte[] buf;
  private int len;
  private boolean first = true;

  public JsonWriter(int capacity) {
    this.buf = new byte[capacity];
  }

  /**
   * Writes into {@code buffer} (a caller's reusable buffer) from its start; a larger one is made if
   * needed.
   */
  public JsonWriter(byte[] buffer) {
    this.buf = buffer;
  }

  public byte[] buffer() {
    return buf;
  }

  public int length() {
    return len;
  }

  public String toUtf8String() {
    return new String(buf, 0, len, StandardCharsets.UTF_8);
  }

  public JsonWriter beginObject() {
    put((byte) '{');
    first = true;
    return this;
  }

  public JsonWriter endObject() {
    put((byte) '}');
    first = false;
    return this;
  }

  public JsonWriter name(String name) {
    if (!first) {
      put((byte) ',');
    }
    first = false;
    string(name);
    put((byte) ':');
    return this;
  }

  public JsonWriter member(String name, String value) {
    name(name);
    string(value);
    return this;
  }

  public JsonWriter member(String name, long value) {
    name(name);
    number(value);
    return this;
  }

  public void number(long v) {
    if (v >= 0) {
      // Digits straight into the buffer: no String per number, and every token has iat and exp.
      int digits = 1;
      for (long t = v / 10; t != 0; t /= 10) {
        digits++;
      }
      ensure(digits);
      long t = v;
      for (int i = len + digits - 1; i >= len; i--) {
        buf[i] = (byte) ('0' + (int) (t % 10));
        t /= 10;
      }
      len += digits;
      return;
    }
    String s = Long.toString(v);
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      buf[len++] = (byte) s.charAt(i);
    }
  }

  public void stringArray(Iterable<String> values) {
    put((byte) '[');
    boolean f = true;
    for (String v : values) {
      if (!f) {
        put((byte) ',');
      }
      f = false;
      string(v);
    }
    put((byte) ']');
  }

  /** Writes any parsed JSON value; objects with their members sorted by name (for display). */
  @SuppressWarnings("unchecked")
  public void value(Object v) {
    if (v instanceof String s) {
      string(s);
    } else if (v instanceof Long l) {
      number(l);
    } else if (v instanceof Double d) {
      ascii(Double.isFinite(d) ? d.toString() : "null");
    } else if (v instanceof Boolean b) {
      ascii(b ? "true" : "false");
    } else if (v instanceof List<?> l) {
      put((byte) '[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          put((byte) ',');
        }
        value(l.get(i));
      }
      put((byte) ']');
    } else if (v instanceof Map<?, ?> m) {
      beginObject();
      for (Map.Entry<String, Object> e : new TreeMap<>((Map<String, Object>) m).entrySet()) {
        name(e.getKey());
        value(e.getValue());
      }
      endObject();
    } else {
      ascii("null");
    }
  }

  private void ascii(String s) {
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      buf[len++] = (byte) s.charAt(i);
    }
  }

  public void string(String s) {
    ensure(s.length() * 3 + 2);
    buf[len++] = '"';
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        ensure(1);
        buf[len++] = (byte) c;
      } else if (c == '"' || c == '\\') {
        ensure(2);
        buf[len++] = '\\';
        buf[len++] = (byte) c;
      } else if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
        ensure(6);
        buf[len++] = '\\';
        buf[len++] = 'u';
        buf[len++] = HEX[(c >> 12) & 15];
        buf[len++] = HEX[(c >> 8) & 15];
        buf[len++] = HEX[(c >> 4) & 15];
        buf[len++] = HEX[c & 15];
      } else if (c < 0x800) {
        ensure(2);
        buf[len++] = (byte) (0xc0 | (c >> 6));
        buf[len++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c)
            || i + 1 >= s.length()
            || !Character.isLowSurrogate(s.charAt(i + 1))) {
          throw new IllegalArgumentException(
              "text with a lone surrogate cannot be written as JSON");
        }
        int cp = Character.toCodePoint(c, s.charAt(++i));
        ensure(4);
        buf[len++] = (byte) (0xf0 | (cp >> 18));
        buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
        buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        buf[len++] = (byte) (0x80 | (cp & 0x3f));
      } else {
        ensure(3);
        buf[len++] = (byte) (0xe0 | (c >> 12));
        buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        buf[len++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    ensure(1);
    buf[len++] = '"';
  }

  private void put(byte b) {
    ensure(1);
    buf[len++] = b;
  }

  private void ensure(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }
}
