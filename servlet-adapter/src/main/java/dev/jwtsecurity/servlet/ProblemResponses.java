package dev.jwtsecurity.servlet;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * Writes the same generic RFC 9457 {@code application/problem+json} answers the filters write, for
 * application code that refuses a request itself (per-account login throttling, a role check) and
 * wants to look exactly like the filters.
 *
 * <pre>{@code
 * if (outcome.isThrottled()) {
 *   ProblemResponses.tooManyRequests(response, outcome.retryAfter());
 *   return;
 * }
 * }</pre>
 *
 * <p>The body depends on the status only: {@code {"type":"about:blank","title":"Too Many
 * Requests","status":429}}.
 */
public final class ProblemResponses {

  private ProblemResponses() {}

  /**
   * Writes the generic problem for {@code status}, with {@code Cache-Control: no-store}.
   *
   * @param response an uncommitted response
   * @param status an HTTP status, 400..599
   * @throws IOException if writing fails
   * @throws IllegalArgumentException if {@code status} is not an error status
   * @throws IllegalStateException if the response is committed
   */
  public static void send(HttpServletResponse response, int status) throws IOException {
    Objects.requireNonNull(response, "response");
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be 400..599, was " + status);
    }
    if (response.isCommitted()) {
      throw new IllegalStateException(
          "the response is already committed; refuse before writing anything");
    }
    response.resetBuffer();
    Problems.send(response, status);
  }

  /**
   * Writes 429 with {@code Retry-After} in whole seconds (rounded up, at least 1) and the generic
   * body.
   *
   * @param response an uncommitted response
   * @param retryAfter how long the client must wait
   * @throws IOException if writing fails
   * @throws IllegalStateException if the response is committed
   */
  public static void tooManyRequests(HttpServletResponse response, Duration retryAfter)
      throws IOException {
    Objects.requireNonNull(retryAfter, "retryAfter");
    response.setHeader("Retry-After", Long.toString(retryAfterSeconds(retryAfter)));
    send(response, 429);
  }

  static long retryAfterSeconds(Duration d) {
    long s = d.toSeconds();
    if (d.compareTo(Duration.ofSeconds(s)) > 0) {
      s++;
    }
    return Math.max(1, s);
  }
}
