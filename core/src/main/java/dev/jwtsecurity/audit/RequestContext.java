package dev.jwtsecurity.audit;

import dev.jwtsecurity.internal.LogSafe;

/**
 * Where a request came from, as recorded in every security event: the resolved client address, the
 * user agent and a request id. All three are attacker-controlled, so they are cleaned of control
 * characters and capped in length here, once, before they can reach a log line.
 *
 * <pre>{@code
 * RequestContext ctx = RequestContext.of("203.0.113.7", request.getHeader("User-Agent"), requestId);
 * }</pre>
 *
 * @param clientAddress the client address after trusted-proxy resolution, or {@code null} when
 *     unknown
 * @param userAgent the user agent, sanitised and capped, or {@code null}
 * @param requestId an id correlating the events of one request, or {@code null}
 */
public record RequestContext(String clientAddress, String userAgent, String requestId) {

  /** A context for calls that do not come from a request (batch jobs, tests). */
  public static final RequestContext UNKNOWN = new RequestContext(null, null, null);

  /** The longest user agent kept. */
  static final int MAX_USER_AGENT = 256;

  /** Cleans every component; see the type's documentation. */
  public RequestContext {
    clientAddress = LogSafe.clean(clientAddress, 64);
    userAgent = LogSafe.clean(userAgent, MAX_USER_AGENT);
    requestId = LogSafe.clean(requestId, 64);
  }

  /**
   * Returns a context; every value may be {@code null}.
   *
   * @param clientAddress the resolved client address
   * @param userAgent the raw user agent, cleaned here
   * @param requestId a request id
   * @return a cleaned context
   */
  public static RequestContext of(String clientAddress, String userAgent, String requestId) {
    return new RequestContext(clientAddress, userAgent, requestId);
  }
}
