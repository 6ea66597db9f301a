package dev.jwtsecurity.servlet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Splitting of configuration lists and header lists (quoted strings respected), without regular
 * expressions.
 */
final class Tokens {

  private Tokens() {}

  /** Splits on {@code separator} outside double quotes; trims; drops empty items. */
  static List<String> list(String value, char separator) {
    if (value == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        quoted = !quoted;
        cur.append(c);
      } else if (c == separator && !quoted) {
        add(out, cur);
      } else {
        cur.append(c);
      }
    }
    add(out, cur);
    return out;
  }

  /** Splits a configuration value on commas and whitespace. */
  static List<String> config(String value) {
    if (value == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ',' || Character.isWhitespace(c)) {
        add(out, cur);
      } else {
        cur.append(c);
      }
    }
    add(out, cur);
    return out;
  }

  private static void add(List<String> out, StringBuilder cur) {
    String s = cur.toString().trim();
    if (!s.isEmpty()) {
      out.add(s);
    }
    cur.setLength(0);
  }

  static List<String> headers(java.util.Enumeration<String> values) {
    return values == null ? List.of() : Collections.list(values);
  }
}
