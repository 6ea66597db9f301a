package dev.jwtsecurity.examples;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parses {@code key=value key="quoted \" value"} lines the way a log shipper would. */
final class Logfmt {

  private Logfmt() {}

  /**
   * The fields of {@code line}, in order; a repeated key is an error (a forged field would repeat).
   */
  static Map<String, String> parse(String line) {
    Map<String, String> out = new LinkedHashMap<>();
    int i = 0;
    while (i < line.length()) {
      while (i < line.length() && line.charAt(i) == ' ') {
        i++;
      }
      int eq = line.indexOf('=', i);
      if (eq < 0) {
        throw new IllegalArgumentException("no '=' after position " + i + ": " + line);
      }
      String key = line.substring(i, eq);
      i = eq + 1;
      StringBuilder value = new StringBuilder();
      if (i < line.length() && line.charAt(i) == '"') {
        i++;
        while (line.charAt(i) != '"') {
          if (line.charAt(i) == '\\') {
            i++;
          }
          value.append(line.charAt(i++));
        }
        i++;
      } else {
        while (i < line.length() && line.charAt(i) != ' ') {
          value.append(line.charAt(i++));
        }
      }
      if (out.put(key, value.toString()) != null) {
        throw new IllegalArgumentException("key " + key + " twice: " + line);
      }
    }
    return out;
  }
}
