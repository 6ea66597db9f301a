package dev.jwtsecurity.servlet;

import dev.jwtsecurity.audit.RequestContext;
import jakarta.servlet.http.HttpServletRequest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * Resolves, once per request, where it came from ({@link RequestContext}) and whether it arrived
 * over HTTPS, through the trusted proxies only. The result is cached in a request attribute, so
 * both filters agree.
 */
final class RequestResolver {

  static final String RESOLVED_ATTRIBUTE = "dev.jwtsecurity.servlet.RequestResolver.resolved";

  /** What the filters need to know about a request's origin. */
  record Resolved(RequestContext context, boolean secure, String clientAddress) {}

  private static final int MAX_REQUEST_ID = 64;

  private final TrustedProxies proxies;
  private final SecureRandom random;

  RequestResolver(TrustedProxies proxies, SecureRandom random) {
    this.proxies = proxies;
    this.random = random;
  }

  Resolved resolve(HttpServletRequest request) {
    Object cached = request.getAttribute(RESOLVED_ATTRIBUTE);
    if (cached instanceof Resolved r) {
      return r;
    }
    TrustedProxies.Resolution res =
        proxies.resolve(
            request.getRemoteAddr(),
            request.isSecure(),
            HeaderLists.values(request.getHeaders("Forwarded")),
            HeaderLists.values(request.getHeaders("X-Forwarded-For")),
            HeaderLists.values(request.getHeaders("X-Forwarded-Proto")));
    String requestId = null;
    if (res.viaTrustedProxy()) {
      List<String> ids = HeaderLists.values(request.getHeaders("X-Request-Id"));
      if (ids.size() == 1 && isSaneRequestId(ids.get(0))) {
        requestId = ids.get(0);
      }
    }
    if (requestId == null) {
      byte[] b = new byte[16];
      random.nextBytes(b);
      requestId = HexFormat.of().formatHex(b);
    }
    RequestContext ctx =
        RequestContext.of(res.clientAddress(), request.getHeader("User-Agent"), requestId);
    Resolved r = new Resolved(ctx, res.secure(), res.clientAddress());
    request.setAttribute(RESOLVED_ATTRIBUTE, r);
    return r;
  }

  /** A request id from a proxy is accepted only as 1-64 characters of {@code [A-Za-z0-9._:-]}. */
  static boolean isSaneRequestId(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_REQUEST_ID) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == ':'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
