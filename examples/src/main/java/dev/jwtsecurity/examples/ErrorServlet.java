package dev.jwtsecurity.examples;

import dev.jwtsecurity.StoreUnavailableException;
import dev.jwtsecurity.servlet.ProblemResponses;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientException;

/**
 * The error page for every status: the generic problem body of that status and nothing else (no
 * message, no stack trace, no SQL). A not-yours 404 from the filter and a genuine 404 both end
 * here, byte-identical. A shared store or database that cannot be reached answers 503 with {@code
 * Retry-After}: the request was refused (fail closed), and trying again shortly may work.
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
    if (outage(req.getAttribute(RequestDispatcher.ERROR_EXCEPTION))) {
      status = 503;
    }
    if (!resp.isCommitted()) {
      if (status == 503) {
        resp.setHeader("Retry-After", "1");
      }
      ProblemResponses.send(resp, status);
    }
  }

  /**
   * Whether a request failed because Redis or the database is unreachable, not because of a bug: a
   * store's {@link StoreUnavailableException}, or a connection-level SQL failure (class 08, or a
   * pool that timed out waiting for a connection).
   */
  private static boolean outage(Object thrown) {
    for (Throwable t = thrown instanceof Throwable x ? x : null; t != null; t = t.getCause()) {
      if (t instanceof StoreUnavailableException || t instanceof SQLTransientException) {
        return true;
      }
      if (t instanceof SQLException e
          && e.getSQLState() != null
          && e.getSQLState().startsWith("08")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
