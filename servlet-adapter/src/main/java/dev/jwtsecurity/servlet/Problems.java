package dev.jwtsecurity.servlet;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the one generic RFC 9457 problem body per status. The body depends on the status only, so
 * two refusals for different reasons are byte-identical (OWASP Error Handling: never tell the
 * client why).
 */
final class Problems {

  static final String CONTENT_TYPE = "application/problem+json";

  private Problems() {}

  static byte[] body(int status) {
    String title =
        switch (status) {
          case 400 -> "Bad Request";
          case 401 -> "Unauthorized";
          case 403 -> "Forbidden";
          case 404 -> "Not Found";
          case 429 -> "Too Many Requests";
          default -> "Error";
        };
    return ("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Resets the response and writes the generic problem for {@code status}; headers set before stay
   * only if re-set.
   */
  static void send(HttpServletResponse response, int status) throws IOException {
    byte[] body = body(status);
    response.setStatus(status);
    response.setHeader("Cache-Control", "no-store");
    response.setContentType(CONTENT_TYPE);
    response.setContentLength(body.length);
    OutputStream out = response.getOutputStream();
    out.write(body);
    out.flush();
  }
}
