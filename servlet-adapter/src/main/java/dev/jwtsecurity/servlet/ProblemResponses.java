package dev.jwtsecurity.servlet;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Writes the one generic RFC 9457 {@code application/problem+json} answer per status that the
 * filters write, for application code that refuses a request itself (per-account login throttling,
 * a role check) and must look exactly like the filters.
 *
 * <pre>{@code
 * if (result instanceof LoginResult.Failure f && f.reason() == LoginResult.Reason.THROTTLED) {
 *   ProblemResponses.tooManyRequests(response, f.retryAfter());
 *   return;
 * }
 * }</pre>
 *
 * <p>The body depends on the status only: {@code {"type":"about:blank","title":"Too Many
 * Requests","status":429}}.
 *
 * <h2>Security considerations</h2>
 *
 * <p>Two refusals of one status are byte-identical whatever their reason (OWASP Error Handling:
 * never tell the client why); report the reason as a security event instead.
 */
public final class ProblemResponses {

  /** The media type of every problem body, {@value}. */
  public static final String CONTENT_TYPE = "application/problem+json";

  private ProblemResponses() {}

  /**
   * Replaces whatever was buffered with the generic problem for {@code status}, with {@code
   * Cache-Control: no-store}. Headers set before stay.
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
    byte[] body = body(status);
    response.setStatus(status);
    response.setHeader("Cache-Control", "no-store");
    response.setContentType(CONTENT_TYPE);
    response.setContentLength(body.length);
    OutputStream out = response.getOutputStream();
    out.write(body);
    out.flush();
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

  /**
   * Returns the generic body of {@code status}, for answers written outside a servlet: the
   * container's own error answers (a request refused before any filter ran) must look exactly like
   * the filters' ones.
   *
   * <pre>{@code
   * byte[] body = ProblemResponses.body(431);
   * // {"type":"about:blank","title":"Request Header Fields Too Large","status":431}
   * }</pre>
   *
   * @param status an HTTP status, 400..599
   * @return a new array with the UTF-8 JSON body; its media type is {@link #CONTENT_TYPE}
   * @throws IllegalArgumentException if {@code status} is not an error status
   */
  public static byte[] body(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be 400..599, was " + status);
    }
    return ("{\"type\":\"about:blank\",\"title\":\""
            + title(status)
            + "\",\"status\":"
            + status
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Returns the reason phrase of {@code status} (RFC 9110 and the registered extensions), the
   * {@code title} of its problem body.
   *
   * @param status an HTTP status
   * @return the status name, or {@code "Client Error"}/{@code "Server Error"} for an unregistered
   *     4xx/5xx, or {@code "Error"} otherwise
   */
  public static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 402 -> "Payment Required";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 406 -> "Not Acceptable";
      case 407 -> "Proxy Authentication Required";
      case 408 -> "Request Timeout";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 411 -> "Length Required";
      case 412 -> "Precondition Failed";
      case 413 -> "Content Too Large";
      case 414 -> "URI Too Long";
      case 415 -> "Unsupported Media Type";
      case 416 -> "Range Not Satisfiable";
      case 417 -> "Expectation Failed";
      case 421 -> "Misdirected Request";
      case 422 -> "Unprocessable Content";
      case 423 -> "Locked";
      case 424 -> "Failed Dependency";
      case 425 -> "Too Early";
      case 426 -> "Upgrade Required";
      case 428 -> "Precondition Required";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 451 -> "Unavailable For Legal Reasons";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      case 505 -> "HTTP Version Not Supported";
      case 507 -> "Insufficient Storage";
      case 508 -> "Loop Detected";
      case 511 -> "Network Authentication Required";
      default ->
          status >= 400 && status <= 499
              ? "Client Error"
              : status >= 500 && status <= 599 ? "Server Error" : "Error";
    };
  }

  static long retryAfterSeconds(Duration d) {
    long s = d.toSeconds();
    if (d.compareTo(Duration.ofSeconds(s)) > 0) {
      s++;
    }
    return Math.max(1, s);
  }
}
