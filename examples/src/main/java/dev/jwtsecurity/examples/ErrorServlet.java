package dev.jwtsecurity.examples;

import dev.jwtsecurity.servlet.ProblemResponses;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The error page for every status: the generic problem body of that status and nothing else (no
 * message, no stack trace, no SQL). A not-yours 404 from the filter and a genuine 404 both end
 * here, byte-identical.
 */
final class ErrorServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    int status =
        req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer i ? i : 404;
    if (status < 400 || status > 599) {
      status = 500;
    }
    if (!resp.isCommitted()) {
      ProblemResponses.send(resp, status);
    }
  }
}
