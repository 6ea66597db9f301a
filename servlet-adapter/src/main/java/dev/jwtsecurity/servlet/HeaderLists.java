package dev.jwtsecurity.servlet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Reads HTTP header fields the same way on every container: every field line of a name, and the
 * elements of a list-valued field (RFC 9110 §5.6.1), without regular expressions.
 */
final class HeaderLists {

  private HeaderLists() {}

  /**
   * Every field line of a header, in order, from {@code request.getHeaders(name)}; a container that
   * folds repeated lines into one would hide a duplicate credential. (Taking the enumeration rather
   * than the request keeps the per-request call chain short enough for the JIT to keep these
   * short-lived lists off the heap.)
   */
  static List<String> values(Enumeration<String> values) {
    return values == null ? List.of() : Collections.list(values);
  }

  /**
   * The elements of a list-valued field: split on {@code separator} outside double-quoted strings,
   * trimmed, empty elements dropped (RFC 9110 §5.6.1 lets a sender add empty ones).
   */
  static List<String> elements(String value, char separator) {
    if (value == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        quoted = !quoted;
        current.append(c);
      } else if (c == separator && !quoted) {
        add(out, current);
      } else {
        current.append(c);
      }
    }
    add(out, current);
    return out;
  }

  private static void add(List<String> out, StringBuilder current) {
    String s = current.toString().trim();
    if (!s.isEmpty()) {
      out.add(s);
    }
    current.setLength(0);
  }
}
