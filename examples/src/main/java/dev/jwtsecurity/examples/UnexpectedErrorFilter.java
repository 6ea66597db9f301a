package dev.jwtsecurity.examples;

import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.internal.LogSafe;
import dev.jwtsecurity.servlet.JwtRequests;
import dev.jwtsecurity.servlet.ProblemResponses;
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
 * log line, instead of the container's stack trace.
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
      report(req, e);
      if (res instanceof HttpServletResponse response && !response.isCommitted()) {
        ProblemResponses.send(response, 500);
      }
    } catch (IOException e) {
      if (res.isCommitted()) {
        throw e; // the client went away mid-answer: the container closes quietly
      }
      report(req, e);
      ProblemResponses.send((HttpServletResponse) res, 500);
    }
  }

  private void report(ServletRequest req, Throwable e) {
    long suppressed = limit.tryAcquire();
    if (suppressed < 0) {
      return;
    }
    String requestId =
        req instanceof HttpServletRequest http
            ? JwtRequests.requestContext(http).map(RequestContext::requestId).orElse(null)
            : null;
    LOG.error(
        "unexpected_failure exception={} at={} request={} suppressed={}",
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
        if (f.getClassName().startsWith("dev.jwtsecurity.examples.")) {
          return at;
        }
      }
    }
    return first == null ? "-" : first;
  }
}
