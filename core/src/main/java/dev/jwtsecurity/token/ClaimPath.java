package dev.jwtsecurity.token;

import dev.jwtsecurity.internal.Json;
import dev.jwtsecurity.token.InvalidTokenException.Reason;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where a token keeps a list of names (roles, groups, scopes): a top-level claim such as {@code
 * roles}, {@code groups} or {@code cognito:groups}, or a path through nested objects such as {@code
 * realm_access.roles} or {@code resource_access.my-api.roles}. Segments are separated by {@code .};
 * a claim name that itself contains a dot (Auth0's namespaced {@code https://example.com/roles})
 * writes it as {@code \.}, and a backslash as {@code \\}.
 *
 * <p>The value found there may be a JSON array of strings, or a string of names separated by spaces
 * (as {@code scope} is, RFC 6749 §3.3). A path that leads nowhere yields no names; a value of any
 * other shape refuses the token ({@code MISSING_OR_INVALID_CLAIM}), because a mapping that cannot
 * be read must not silently grant or withhold roles.
 */
final class ClaimPath {

  /** Longest path text; longer is a configuration mistake. */
  static final int MAX_LENGTH = 256;

  /** Deepest path: the claims JSON itself nests at most {@link JwsVerification#MAX_JSON_DEPTH}. */
  static final int MAX_SEGMENTS = JwsVerification.MAX_JSON_DEPTH - 1;

  private final String text;
  private final String[] segments;

  private ClaimPath(String text, String[] segments) {
    this.text = text;
    this.segments = segments;
  }

  /**
   * Parses a path.
   *
   * @throws IllegalArgumentException if blank, longer than {@value #MAX_LENGTH}, with an empty
   *     segment, a dangling or unknown escape, a control character, or more than {@link
   *     #MAX_SEGMENTS} segments
   */
  static ClaimPath parse(String text) {
    Objects.requireNonNull(text, "claim path");
    if (text.isEmpty() || text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "a claim path is 1 to " + MAX_LENGTH + " characters, such as realm_access.roles");
    }
    List<String> out = new ArrayList<>();
    StringBuilder seg = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c)) {
        throw new IllegalArgumentException("a claim path must not contain control characters");
      }
      if (c == '\\') {
        if (i + 1 == text.length() || (text.charAt(i + 1) != '.' && text.charAt(i + 1) != '\\')) {
          throw new IllegalArgumentException(
              "in a claim path, a backslash escapes only '.' or '\\' (write a dot inside a claim"
                  + " name as \\.)");
        }
        seg.append(text.charAt(++i));
      } else if (c == '.') {
        out.add(segment(seg));
        seg.setLength(0);
      } else {
        seg.append(c);
      }
    }
    out.add(segment(seg));
    if (out.size() > MAX_SEGMENTS) {
      throw new IllegalArgumentException("a claim path has at most " + MAX_SEGMENTS + " segments");
    }
    return new ClaimPath(text, out.toArray(new String[0]));
  }

  private static String segment(StringBuilder seg) {
    if (seg.length() == 0) {
      throw new IllegalArgumentException(
          "a claim path has no empty segments: write names separated by single dots, such as"
              + " resource_access.my-api.roles");
    }
    return seg.toString();
  }

  /**
   * Returns the value at this path, or {@code null} when some segment is absent or not an object.
   */
  Object resolve(Map<String, Object> claims) {
    Object v = claims;
    for (String s : segments) {
      if (!(v instanceof Map<?, ?> m)) {
        return null;
      }
      v = m.get(s);
    }
    return v;
  }

  /**
   * Adds the names found at this path to {@code into}.
   *
   * @throws InvalidTokenException ({@code MISSING_OR_INVALID_CLAIM}) if the value is neither
   *     absent, {@code null}, a string nor an array of strings
   */
  void collect(Map<String, Object> claims, Set<String> into) throws InvalidTokenException {
    collectNames(resolve(claims), into);
  }

  /** Adds the names of a string-array or space-separated string claim value to {@code into}. */
  static void collectNames(Object v, Set<String> into) throws InvalidTokenException {
    if (v == null || v == Json.NULL) {
      return;
    }
    if (v instanceof String s) {
      splitSpaces(s, into);
      return;
    }
    if (v instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        if (!(l.get(i) instanceof String s) || s.isEmpty()) {
          throw new InvalidTokenException(Reason.MISSING_OR_INVALID_CLAIM);
        }
        into.add(s);
      }
      return;
    }
    throw new InvalidTokenException(Reason.MISSING_OR_INVALID_CLAIM);
  }

  /** RFC 6749 §3.3: scope tokens are separated by single spaces; empty parts are skipped. */
  static void splitSpaces(String s, Set<String> into) {
    int start = 0;
    while (start <= s.length()) {
      int end = s.indexOf(' ', start);
      if (end < 0) {
        end = s.length();
      }
      if (end > start) {
        into.add(s.substring(start, end));
      }
      start = end + 1;
    }
  }

  /** Collects the names at every path of {@code paths}, in order, as an unmodifiable set. */
  static Set<String> collectAll(List<ClaimPath> paths, Map<String, Object> claims)
      throws InvalidTokenException {
    if (paths.isEmpty()) {
      return Set.of();
    }
    if (paths.size() == 1 && paths.get(0).resolve(claims) instanceof List<?> l) {
      // The common case, one path to an array: checked, then copied once.
      for (int i = 0; i < l.size(); i++) {
        if (!(l.get(i) instanceof String s) || s.isEmpty()) {
          throw new InvalidTokenException(Reason.MISSING_OR_INVALID_CLAIM);
        }
      }
      @SuppressWarnings("unchecked")
      List<String> names = (List<String>) l;
      return Set.copyOf(names);
    }
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < paths.size(); i++) {
      paths.get(i).collect(claims, out);
    }
    return Set.copyOf(out);
  }

  List<String> segments() {
    return List.of(segments);
  }

  @Override
  public String toString() {
    return text;
  }
}
