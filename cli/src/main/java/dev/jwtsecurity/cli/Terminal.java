package dev.jwtsecurity.cli;

import dev.jwtsecurity.internal.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reading JSON with the library's own strict parser (UTF-8, depth cap, no duplicate members,
 * nothing after the value) and printing it safely to a terminal.
 */
final class Terminal {
  static final int MAX_DEPTH = 16;

  private Terminal() {}

  /** Thrown for input that is not what it must be; carries no input. */
  static final class BadJson extends Exception {
    private static final long serialVersionUID = 1L;

    BadJson(String message) {
      super(message, null, false, false);
    }
  }

  static String utf8(byte[] bytes) throws BadJson {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new BadJson("not UTF-8");
    }
  }

  /** Parses a JSON object with the library's strict parser; anything else fails. */
  static Map<String, Object> object(byte[] bytes) throws BadJson {
    try {
      return Json.parseObject(bytes, 0, bytes.length, MAX_DEPTH);
    } catch (Json.MalformedJsonException e) {
      throw new BadJson("not a JSON object");
    }
  }

  static String pretty(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, 0);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object v, int indent) {
    if (v instanceof Map<?, ?> unordered) {
      // Small objects keep document order; large ones (a hash table) are sorted, for stable output.
      Map<?, ?> m = unordered.size() > 16 ? new TreeMap<>(unordered) : unordered;
      if (m.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append("{\n");
      int i = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        sb.append("  ".repeat(indent + 1));
        string(sb, String.valueOf(e.getKey()));
        sb.append(": ");
        write(sb, e.getValue(), indent + 1);
        sb.append(++i < m.size() ? ",\n" : "\n");
      }
      sb.append("  ".repeat(indent)).append('}');
    } else if (v instanceof List<?> l) {
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        sb.append(i == 0 ? "" : ", ");
        write(sb, l.get(i), indent + 1);
      }
      sb.append(']');
    } else if (v instanceof String s) {
      string(sb, s);
    } else {
      sb.append(v); // numbers, booleans, null
    }
  }

  /**
   * Escapes every control character (C0, DEL, C1, line/paragraph separators) so output cannot drive
   * a terminal.
   */
  static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20
              || (c >= 0x7f && c <= 0x9f)
              || c == '\u2028'
              || c == '\u2029'
              || (Character.isSurrogate(c) && !validSurrogate(s, i))) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static boolean validSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
