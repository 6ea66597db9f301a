package dev.jwtsecurity.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * The refresh-token cookie of one request, offered to the application only when the request is
 * state-changing and proves it comes from a page of this origin. A refresh or logout path is public
 * (its access token may have expired), so the filter's CSRF check for cookie-authenticated requests
 * never runs there; the refresh cookie is a credential too and gets the same Fetch Metadata and
 * origin checks, besides its own {@code SameSite=Strict}. There is no double-submit check: the CSRF
 * token is bound to an access token, and none may be at hand.
 *
 * <p>Checked when the application first asks, so a request that merely carries the cookie (a login
 * from a browser that still has one) is neither refused nor reported.
 */
final class RefreshCookie {

  static final String ATTRIBUTE = "dev.jwtsecurity.servlet.RefreshCookie";

  /** Far above any refresh token this library issues; longer values are not looked at. */
  private static final int MAX_LENGTH = 512;

  /** The outcome of the check: a token, or a refusal reason, or neither (no cookie). */
  private record Verdict(String token, RefusalReason refusal) {}

  private final RequestResolver.Resolved origin;
  private final List<String> allowedOrigins;
  private final EventReporter reporter;
  private Verdict verdict;

  RefreshCookie(
      RequestResolver.Resolved origin, List<String> allowedOrigins, EventReporter reporter) {
    this.origin = origin;
    this.allowedOrigins = allowedOrigins;
    this.reporter = reporter;
  }

  /** The token, or {@code null}; a refusal is reported once, the first time. */
  synchronized String token(HttpServletRequest request) {
    if (verdict == null) {
      verdict = check(request);
      if (verdict.refusal() != null) {
        reporter.refused(origin, verdict.refusal());
      }
    }
    return verdict.token();
  }

  private Verdict check(HttpServletRequest request) {
    List<String> values = RequestCookies.values(request, TokenCookies.REFRESH_COOKIE);
    if (values.isEmpty()) {
      return new Verdict(null, null);
    }
    if (CsrfDefence.isSafeMethod(request.getMethod())) {
      // Spending a refresh token changes state; a safe method must not, so it gets no token.
      return new Verdict(null, RefusalReason.REFRESH_COOKIE_ON_SAFE_METHOD);
    }
    String value = values.get(0);
    if (values.size() > 1 || value.length() > MAX_LENGTH || !TokenExtraction.isB64Token(value, 0)) {
      return new Verdict(null, RefusalReason.MALFORMED_REFRESH_COOKIE);
    }
    RefusalReason refusal = CsrfDefence.originRefusal(request, allowedOrigins, origin.secure());
    return refusal == null ? new Verdict(value, null) : new Verdict(null, refusal);
  }
}
