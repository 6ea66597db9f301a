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

  /** The wait a 503 asks for: a store client reconnects within about that long. */
  private static final String RETRY_AFTER_SECONDS = "1";

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    int status =
        req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer i ? i : 404;
    if (status < 400 || status > 599) {
      status = 500;
    }
    if (req.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable t && outage(t)) {
      status = 503;
    }
    if (!resp.isCommitted()) {
      send(resp, status);
    }
  }

  /** The generic problem of {@code status}; a 503 also says when to try again. */
  static void send(HttpServletResponse resp, int status) throws IOException {
    if (status == 503) {
      resp.setHeader("Retry-After", RETRY_AFTER_SECONDS);
    }
    ProblemResponses.send(resp, status);
  }

  /**
   * Whether a request failed because Redis or the database is unreachable, not because of a bug: a
   * store's {@link StoreUnavailableException}, or a connection-level SQL failure (class 08, or a
   * pool that timed out waiting for a connection).
   */
  static boolean outage(Throwable thrown) {
    int depth = 0;
    for (Throwable t = thrown; t != null && depth < 16; t = t.getCause(), depth++) {
      if (t instanceof StoreUnavailableException || t instanceof SQLTransientException) {
        return true;
      }
      if (t instanceof SQLException e
          && e.getSQLState() != null
          && e.getSQLState().startsWith("08")) {
        return true;
      }
    }
    return false;
  }
}
