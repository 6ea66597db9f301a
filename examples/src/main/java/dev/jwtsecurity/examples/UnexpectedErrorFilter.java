package dev.jwtsecurity.examples;

import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.internal.LogSafe;
import dev.jwtsecurity.servlet.JwtRequests;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outermost filter: an exception nothing else handled becomes the generic 500 problem and one
 * log line, instead of the container's stack trace. A shared store or database that cannot be
 * reached is no bug: it answers 503 with {@code Retry-After} (the request was refused, fail closed)
 * and logs a {@code store_unavailable} line the same way.
 *
 * <p>The line names the exception classes of the cause chain and the demo's frame that threw, and
 * nothing the client sent: no exception message (a database error quotes the statement and its
 * values), no URI, no header. At most {@value #LINES_PER_MINUTE} lines a minute are written; the
 * next one counts those dropped, so a client provoking errors on purpose cannot fill the disk.
 */
final class UnexpectedErrorFilter implements Filter {

  static final int LINES_PER_MINUTE = 10;

  private static final Logger LOG = LoggerFactory.getLogger("demo.errors");

  private final RateLimitedLog limit =
      new RateLimitedLog(LINES_PER_MINUTE, Duration.ofMinutes(1), System::nanoTime);

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    try {
      chain.doFilter(req, res);
    } catch (RuntimeException | ServletException e) {
      int status = report(req, e);
      if (res instanceof HttpServletResponse response && !response.isCommitted()) {
        ErrorServlet.send(response, status);
      }
    } catch (IOException e) {
      if (res.isCommitted()) {
        throw e; // the client went away mid-answer: the container closes quietly
      }
      ErrorServlet.send((HttpServletResponse) res, report(req, e));
    }
  }

  /** Logs the failure (rate-limited) and returns the status to answer: 503 for an outage. */
  private int report(ServletRequest req, Throwable e) {
    boolean outage = ErrorServlet.outage(e);
    long suppressed = limit.tryAcquire();
    if (suppressed >= 0) {
      log(req, e, outage ? "store_unavailable" : "unexpected_failure", suppressed);
    }
    return outage ? 503 : 500;
  }

  private static void log(ServletRequest req, Throwable e, String what, long suppressed) {
    String requestId =
        req instanceof HttpServletRequest http
            ? JwtRequests.requestContext(http).map(RequestContext::requestId).orElse(null)
            : null;
    LOG.error(
        "{} exception={} at={} request={} suppressed={}",
        what,
        LogSafe.field(causeChain(e)),
        LogSafe.field(origin(e)),
        LogSafe.field(requestId),
        suppressed);
  }

  /** The class names of the cause chain, outermost first: {@code A<-B<-C}. */
  static String causeChain(Throwable e) {
    StringBuilder out = new StringBuilder();
    int depth = 0;
    for (Throwable t = e; t != null && depth < 8; t = t.getCause(), depth++) {
      if (depth > 0) {
        out.append("<-");
      }
      out.append(t.getClass().getName());
    }
    return out.toString();
  }

  /**
   * The demo's own frame nearest to the failure ({@code Class.method:line}), else the top frame.
   */
  static String origin(Throwable e) {
    String first = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      for (StackTraceElement f : t.getStackTrace()) {
        String at = f.getClassName() + "." + f.getMethodName() + ":" + f.getLineNumber();
        if (first == null) {
          first = at;
        }
        // This filter's own frame says nothing: it only called the chain.
        if (f.getClassName().startsWith("dev.jwtsecurity.examples.")
            && !f.getClassName().equals(UnexpectedErrorFilter.class.getName())) {
          return at;
        }
      }
    }
    return first == null ? "-" : first;
  }
}
