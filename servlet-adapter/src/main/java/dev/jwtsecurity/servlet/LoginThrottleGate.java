package dev.jwtsecurity.servlet;

import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.throttle.LoginThrottle;
import dev.jwtsecurity.throttle.LoginThrottle.ThrottleDecision;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link JwtAuthenticationFilter} asks before a request reaches a login path, and tells after
 * it answered. Adapt the core login throttle to it; the filter does the HTTP part (429, {@code
 * Retry-After}, the generic body, the event).
 *
 * <pre>{@code
 * // JwtSecurityFilters does this for its login paths:
 * LoginThrottleGate gate = LoginThrottleGate.checking(security.loginThrottle());
 * JwtAuthenticationSettings.builder().loginPaths("/api/auth/login").loginThrottle(gate) ...
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <p>The filter sees the client address but not the account (that is in the request body, which it
 * does not read), so this gate throttles per address. Per-account throttling belongs to {@code
 * JwtSecurity.login}, which knows the account; when it refuses, answer with {@link
 * ProblemResponses#tooManyRequests} so both refusals look the same. The filter treats a 2xx answer
 * of the login path as a success and 400, 401 and 403 as a failure; other statuses are not
 * recorded.
 */
public interface LoginThrottleGate {

  /**
   * Returns how long the client must wait before it may try to log in, or empty if it may try now.
   *
   * @param request the resolved request origin
   * @return the wait, rounded up to whole seconds in {@code Retry-After}
   */
  Optional<Duration> retryAfter(RequestContext request);

  /**
   * Records the outcome of a login attempt that was let through.
   *
   * @param request the resolved request origin
   * @param success whether the login path answered 2xx
   */
  void record(RequestContext request, boolean success);

  /**
   * Returns a gate over core's {@link LoginThrottle} that checks the client address before the
   * login path runs and records nothing: {@code JwtSecurity.login}, which knows the account,
   * records each outcome in the same throttle, so nothing is counted twice.
   *
   * @param throttle the front door's throttle, {@code security.loginThrottle()}
   * @return a gate that refuses while the address is locked out
   */
  static LoginThrottleGate checking(LoginThrottle throttle) {
    Objects.requireNonNull(throttle, "throttle");
    return new LoginThrottleGate() {
      @Override
      public Optional<Duration> retryAfter(RequestContext request) {
        ThrottleDecision d = throttle.check(request.clientAddress(), null);
        return d.allowed() ? Optional.empty() : Optional.of(d.retryAfter());
      }

      @Override
      public void record(RequestContext request, boolean success) {
        // JwtSecurity.login records each outcome with the account; counting here would count twice.
      }
    };
  }
}
