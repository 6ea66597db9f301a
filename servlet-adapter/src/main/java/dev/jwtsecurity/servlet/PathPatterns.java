package dev.jwtsecurity.servlet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An allow-list of path patterns, matched against the canonical application path of a request.
 *
 * <p>Patterns: {@code /health} matches exactly that path; {@code /api/auth/*} matches {@code
 * /api/auth} and everything under it; {@code /*} matches everything. Nothing else (no suffix
 * patterns, no wildcards in the middle): a pattern language that is easy to read is hard to get
 * wrong.
 *
 * <p>A path matches only if the raw request URI is already canonical: no {@code ;} path parameters,
 * no {@code .} or {@code ..} segments, no empty segments ({@code //}), no backslash, no
 * percent-encoded {@code / \ . ; %}, no control characters, and valid percent-encoding. Containers
 * normalise such paths in different ways before routing; refusing to match them means a path trick
 * can never make a protected resource look public (it only makes a public resource ask for
 * authentication).
 */
final class PathPatterns {

  private final List<String> exact = new ArrayList<>();
  private final List<String> prefixes = new ArrayList<>();
  private final boolean all;

  private PathPatterns(List<String> patterns) {
    boolean matchAll = false;
    for (String p : patterns) {
      if (p.equals("/*")) {
        matchAll = true;
      } else if (p.endsWith("/*")) {
        String prefix = p.substring(0, p.length() - 2);
        checkLiteral(p, prefix);
        prefixes.add(prefix);
      } else {
        checkLiteral(p, p);
        exact.add(p);
      }
    }
    this.all = matchAll;
  }

  static PathPatterns of(List<String> patterns) {
    return new PathPatterns(List.copyOf(patterns));
  }

  boolean isEmpty() {
    return !all && exact.isEmpty() && prefixes.isEmpty();
  }

  private static void checkLiteral(String pattern, String literal) {
    if (!literal.startsWith("/")
        || literal.contains("*")
        || canonical(literal) == null
        || (literal.endsWith("/") && literal.length() > 1)) {
      throw new IllegalArgumentException(
          "path pattern '"
              + pattern
              + "' is not valid: use an exact path like /health or a prefix like /api/auth/*,"
              + " canonical (no //, . or .. segments, ; or %), without a trailing slash");
    }
  }

  /**
   * Returns whether the request matches.
   *
   * @param requestUri the raw {@code HttpServletRequest.getRequestURI()}
   * @param contextPath the raw context path
   */
  boolean matches(String requestUri, String contextPath) {
    if (requestUri == null || contextPath == null || !requestUri.startsWith(contextPath)) {
      return false;
    }
    String path = canonical(requestUri.substring(contextPath.length()));
    if (path == null) {
      return false;
    }
    if (all) {
      return true;
    }
    if (exact.contains(path)) {
      return true;
    }
    for (String prefix : prefixes) {
      if (path.equals(prefix) || path.startsWith(prefix + "/")) {
        return true;
      }
    }
    return false;
  }

  /** Returns the decoded path if the raw path is canonical, else {@code null}. */
  static String canonical(String raw) {
    if (raw.isEmpty() || raw.charAt(0) != '/') {
      return null;
    }
    String lower = raw.toLowerCase(Locale.ROOT);
    if (raw.indexOf(';') >= 0
        || raw.indexOf('\\') >= 0
        || raw.contains("//")
        || lower.contains("%2f")
        || lower.contains("%5c")
        || lower.contains("%2e")
        || lower.contains("%3b")
        || lower.contains("%25")
        || lower.contains("%00")) {
      return null;
    }
    String decoded = decode(raw);
    if (decoded == null) {
      return null;
    }
    int start = 1;
    while (start <= decoded.length()) {
      int end = decoded.indexOf('/', start);
      if (end < 0) {
        end = decoded.length();
      }
      String segment = decoded.substring(start, end);
      if (segment.equals(".") || segment.equals("..")) {
        return null;
      }
      start = end + 1;
    }
    return decoded;
  }

  private static String decode(String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    byte[] pending = new byte[raw.length()];
    int pendingLength = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < 0x21 || c >= 0x7f) {
        return null;
      }
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          return null;
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        pending[pendingLength++] = (byte) ((hi << 4) | lo);
        i += 2;
      } else {
        if (pendingLength > 0) {
          String s = utf8(pending, pendingLength);
          if (s == null) {
            return null;
          }
          out.append(s);
          pendingLength = 0;
        }
        out.append(c);
      }
    }
    if (pendingLength > 0) {
      String s = utf8(pending, pendingLength);
      if (s == null) {
        return null;
      }
      out.append(s);
    }
    for (int i = 0; i < out.length(); i++) {
      char c = out.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
        return null;
      }
    }
    return out.toString();
  }

  private static String utf8(byte[] bytes, int length) {
    try {
      return java.nio.charset.StandardCharsets.UTF_8
          .newDecoder()
          .decode(java.nio.ByteBuffer.wrap(bytes, 0, length))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return null;
    }
  }
}
