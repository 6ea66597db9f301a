package dev.jwtsecurity.servlet;

import java.util.List;

/**
 * Finds the one access token of a request, or says why the request is malformed. Pure: it sees
 * header and cookie values, never the servlet API, so it can be tested over any generated input.
 */
final class TokenExtraction {

  /** Where the token came from. */
  enum Source {
    HEADER,
    COOKIE
  }

  /** The outcome: a token and its source, nothing, or a refusal reason. */
  record Result(String token, Source source, RefusalReason refusal) {
    static final Result NONE = new Result(null, null, null);

    static Result refused(RefusalReason reason) {
      return new Result(null, null, reason);
    }

    boolean found() {
      return token != null;
    }
  }

  private static final String SCHEME = "bearer";

  private TokenExtraction() {}

  /**
   * Extracts the token.
   *
   * @param authorizationHeaders every {@code Authorization} header value, in order
   * @param tokenCookies every value of the access-token cookie, in order ({@code null} when cookie
   *     mode is off)
   * @param maxLength the longest token accepted; longer header values are malformed
   */
  static Result extract(
      List<String> authorizationHeaders, List<String> tokenCookies, int maxLength) {
    boolean hasCookie = tokenCookies != null && !tokenCookies.isEmpty();
    if (authorizationHeaders.size() > 1) {
      return Result.refused(RefusalReason.MULTIPLE_AUTHORIZATION_HEADERS);
    }
    if (authorizationHeaders.size() == 1) {
      if (hasCookie) {
        // RFC 6750 §3.1: more than one method of including an access token is an invalid_request;
        // never pick one.
        return Result.refused(RefusalReason.HEADER_AND_COOKIE);
      }
      String token = bearer(authorizationHeaders.get(0), maxLength);
      return token == null
          ? Result.refused(RefusalReason.MALFORMED_AUTHORIZATION)
          : new Result(token, Source.HEADER, null);
    }
    if (!hasCookie) {
      return Result.NONE;
    }
    if (tokenCookies.size() > 1) {
      return Result.refused(RefusalReason.MALFORMED_TOKEN_COOKIE);
    }
    String value = tokenCookies.get(0);
    if (value == null || value.isEmpty() || value.length() > maxLength || !isB64Token(value, 0)) {
      return Result.refused(RefusalReason.MALFORMED_TOKEN_COOKIE);
    }
    return new Result(value, Source.COOKIE, null);
  }

  /**
   * Returns the token of an {@code Authorization: Bearer} value, or {@code null} if the value is
   * not exactly the scheme (any case), one or more spaces, and one RFC 6750 §2.1 {@code b64token}.
   */
  static String bearer(String header, int maxLength) {
    if (header == null
        || header.length() <= SCHEME.length() + 1
        || header.length() > maxLength + 64) {
      return null;
    }
    if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return null;
    }
    int i = SCHEME.length();
    if (header.charAt(i) != ' ') {
      return null;
    }
    while (i < header.length() && header.charAt(i) == ' ') {
      i++;
    }
    if (i == header.length() || header.length() - i > maxLength || !isB64Token(header, i)) {
      return null;
    }
    return header.substring(i);
  }

  /**
   * RFC 6750 §2.1: {@code b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}.
   */
  static boolean isB64Token(String s, int from) {
    int i = from;
    int n = s.length();
    while (i < n && isB64Char(s.charAt(i))) {
      i++;
    }
    if (i == from) {
      return false;
    }
    while (i < n && s.charAt(i) == '=') {
      i++;
    }
    return i == n;
  }

  private static boolean isB64Char(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~'
        || c == '+'
        || c == '/';
  }
}
