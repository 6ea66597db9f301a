package dev.jwtsecurity.servlet;

import dev.jwtsecurity.internal.ConstantTime;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * The cross-site request forgery checks of cookie mode (OWASP CSRF Prevention Cheat Sheet): Fetch
 * Metadata, then origin verification, then a double-submit token bound to the access token. Each
 * check returns the reason of the first failure, or {@code null} when the request passes.
 */
final class CsrfDefence {

  private static final int MAX_ORIGIN_LENGTH = 256;

  private CsrfDefence() {}

  /**
   * RFC 9110 §9.2.1 safe methods; every other method, known or not, is treated as state-changing.
   */
  static boolean isSafeMethod(String method) {
    return method != null
        && (method.equals("GET")
            || method.equals("HEAD")
            || method.equals("OPTIONS")
            || method.equals("TRACE"));
  }

  /**
   * All three checks, for a state-changing request authenticated by the access-token cookie.
   *
   * @param allowedOrigins normalised origins, empty for the request's own origin only
   * @param secure whether the request arrived over HTTPS, after trusted-proxy resolution
   * @param cookies the filter's cookie writer, which knows the CSRF key
   * @param tokenId the {@code jti} of the access token that authenticated the request
   */
  static RefusalReason refusal(
      HttpServletRequest request,
      List<String> allowedOrigins,
      boolean secure,
      TokenCookies cookies,
      String tokenId) {
    RefusalReason origin = originRefusal(request, allowedOrigins, secure);
    if (origin != null) {
      return origin;
    }
    List<String> headers = HeaderLists.values(request.getHeaders(TokenCookies.CSRF_HEADER));
    List<String> values = RequestCookies.values(request, TokenCookies.CSRF_COOKIE);
    if (headers.size() != 1 || values.size() != 1 || headers.get(0).isEmpty()) {
      return RefusalReason.CSRF_TOKEN_MISSING;
    }
    String header = headers.get(0);
    // Both comparisons always run, so the time taken does not tell which one failed.
    boolean echoed = ConstantTime.equals(header, values.get(0));
    boolean bound = cookies.isCsrfTokenOf(header, tokenId);
    return echoed && bound ? null : RefusalReason.CSRF_TOKEN_MISMATCH;
  }

  /**
   * Fetch Metadata and origin verification only: the evidence that a request was sent by a page of
   * this origin. Used alone where no access token is at hand to bind a double-submit token to (a
   * refresh with the refresh cookie).
   */
  static RefusalReason originRefusal(
      HttpServletRequest request, List<String> allowedOrigins, boolean secure) {
    List<String> sites = HeaderLists.values(request.getHeaders("Sec-Fetch-Site"));
    if (sites.size() > 1
        || (sites.size() == 1 && !sites.get(0).trim().equalsIgnoreCase("same-origin"))) {
      return RefusalReason.CSRF_CROSS_SITE;
    }
    List<String> origins = HeaderLists.values(request.getHeaders("Origin"));
    if (origins.size() > 1) {
      return RefusalReason.CSRF_ORIGIN_MISMATCH;
    }
    if (origins.size() == 1) {
      String o = normalizeOrigin(origins.get(0));
      if (o == null || !isAllowedOrigin(request, allowedOrigins, secure, o)) {
        return RefusalReason.CSRF_ORIGIN_MISMATCH;
      }
    } else if (sites.isEmpty()) {
      // Browsers send Origin on every state-changing fetch, XHR and form post; with neither header
      // there is no evidence the request is same-origin, and the cheat sheet recommends blocking.
      return RefusalReason.CSRF_ORIGIN_MISSING;
    }
    return null;
  }

  private static boolean isAllowedOrigin(
      HttpServletRequest request, List<String> allowedOrigins, boolean secure, String presented) {
    if (!allowedOrigins.isEmpty()) {
      return allowedOrigins.contains(presented);
    }
    // The server's own name and port, never the Host header as sent: the container has validated
    // them, and the scheme comes from the connection or a trusted proxy.
    String own =
        normalizeOrigin(
            (secure ? "https" : "http")
                + "://"
                + request.getServerName()
                + ":"
                + request.getServerPort());
    return presented.equals(own);
  }

  /**
   * Returns {@code scheme://host[:port]} in lower case without a default port, or {@code null} if
   * the value is not an origin.
   */
  static String normalizeOrigin(String value) {
    if (value == null || value.length() > MAX_ORIGIN_LENGTH) {
      return null;
    }
    try {
      String o = origin(value.trim());
      if (o.startsWith("https://") && o.endsWith(":443")) {
        return o.substring(0, o.length() - 4);
      }
      if (o.startsWith("http://") && o.endsWith(":80")) {
        return o.substring(0, o.length() - 3);
      }
      return o;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Parses a configured origin.
   *
   * @throws IllegalArgumentException if it is not {@code http(s)://host[:port]} without a path
   */
  static String origin(String o) {
    URI uri;
    try {
      uri = new URI(o);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("allowed origin is not a URI: use https://host[:port]", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http"))
        || uri.getHost() == null
        || uri.getRawUserInfo() != null
        || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "allowed origin must be https://host[:port] without a path");
    }
    return scheme
        + "://"
        + uri.getHost().toLowerCase(Locale.ROOT)
        + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }
}
