package dev.jwtsecurity.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the values of one cookie across every {@code Cookie} header, parsed the same way on every
 * container. {@code getCookies()} is not used: containers differ in how they treat quotes,
 * duplicates and case variants, and each difference is a way to hide a second credential.
 */
final class RequestCookies {

  private RequestCookies() {}

  /**
   * Every value of cookie {@code name}, in order, including the values of names that differ only in
   * case.
   */
  static List<String> values(HttpServletRequest request, String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    List<String> values = new ArrayList<>();
    for (String header : HeaderLists.values(request.getHeaders("Cookie"))) {
      // RFC 6265 §4.1.1: no cookie value contains ';', ',' or whitespace, even inside quotes, so
      // split on all of them: a quote must not let one pair swallow the next and hide a duplicate.
      for (String pair : pairs(header)) {
        int eq = pair.indexOf('=');
        String n = eq < 0 ? pair : pair.substring(0, eq);
        // Cookie names are case-sensitive (RFC 6265 §5.4), but a case variant of our name is a
        // planting attempt: count it, so it makes the request ambiguous instead of being ignored.
        if (n.trim().toLowerCase(Locale.ROOT).equals(wanted)) {
          values.add(eq < 0 ? "" : pair.substring(eq + 1).trim());
        }
      }
    }
    return values;
  }

  private static List<String> pairs(String header) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= header.length(); i++) {
      if (i == header.length() || isSeparator(header.charAt(i))) {
        if (i > start) {
          out.add(header.substring(start, i));
        }
        start = i + 1;
      }
    }
    return out;
  }

  private static boolean isSeparator(char c) {
    return c == ';' || c == ',' || Character.isWhitespace(c);
  }
}
