package dev.jwtsecurity.servlet;

import dev.jwtsecurity.audit.SecurityEventType;

/**
 * Why the servlet filters refused a request. Recorded as the {@code reason} of a security event;
 * never shown to the client, who gets one generic answer per status.
 *
 * <pre>{@code
 * SecurityEventListener listener = event -> {
 *   if (RefusalReason.CSRF_TOKEN_MISMATCH.name().equals(event.reason())) { ... }
 * };
 * }</pre>
 */
public enum RefusalReason {
  /** More than one {@code Authorization} header (RFC 6750 §3.1 {@code invalid_request}). */
  MULTIPLE_AUTHORIZATION_HEADERS,
  /**
   * An {@code Authorization} header that is not exactly {@code Bearer <b64token>} (RFC 6750 §2.1).
   */
  MALFORMED_AUTHORIZATION,
  /**
   * Both an {@code Authorization} header and an access-token cookie (RFC 6750 §3.1: more than one
   * method).
   */
  HEADER_AND_COOKIE,
  /** More than one access-token cookie, or one with an empty or malformed value. */
  MALFORMED_TOKEN_COOKIE,
  /**
   * A cookie-authenticated state-changing request without the {@code X-CSRF-Token} header or
   * cookie.
   */
  CSRF_TOKEN_MISSING,
  /**
   * The {@code X-CSRF-Token} header differs from the cookie, or is not bound to the access token.
   */
  CSRF_TOKEN_MISMATCH,
  /** {@code Sec-Fetch-Site} says the request is not same-origin. */
  CSRF_CROSS_SITE,
  /** The {@code Origin} header is not an allowed origin. */
  CSRF_ORIGIN_MISMATCH,
  /** Neither {@code Origin} nor {@code Sec-Fetch-Site} proves a same-origin request. */
  CSRF_ORIGIN_MISSING,
  /** More than one refresh-token cookie, or one with a malformed value. */
  MALFORMED_REFRESH_COOKIE,
  /**
   * The application asked for the refresh-token cookie of a GET, HEAD, OPTIONS or TRACE request;
   * spending a refresh token changes state, so only other methods get it.
   */
  REFRESH_COOKIE_ON_SAFE_METHOD,
  /** A plain-HTTP request where HTTPS is required. */
  PLAIN_HTTP,
  /** The login throttle refused the attempt. */
  LOGIN_THROTTLED;

  /** The OWASP Logging Vocabulary event a refusal for this reason is reported as. */
  SecurityEventType eventType() {
    return switch (this) {
      case CSRF_TOKEN_MISSING,
          CSRF_TOKEN_MISMATCH,
          CSRF_CROSS_SITE,
          CSRF_ORIGIN_MISMATCH,
          CSRF_ORIGIN_MISSING ->
          SecurityEventType.AUTHZ_FAIL;
      case LOGIN_THROTTLED -> SecurityEventType.EXCESS_RATE_LIMIT_EXCEEDED;
      default -> SecurityEventType.INPUT_VALIDATION_FAIL;
    };
  }
}
