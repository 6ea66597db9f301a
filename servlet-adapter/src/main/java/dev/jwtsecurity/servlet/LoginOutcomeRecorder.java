package dev.jwtsecurity.servlet;

import dev.jwtsecurity.audit.RequestContext;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * The response of a login path, wrapped so the login throttle learns the outcome as soon as the
 * login path sets its status, before any byte of the answer can reach the client: recording after
 * the chain returned would let the next attempt arrive before this failure counts.
 *
 * <p>2xx is a success; 400, 401 and 403 are failures; other statuses (a 503 while busy, a 429 from
 * the application's own throttle) are not recorded.
 */
final class LoginOutcomeRecorder extends HttpServletResponseWrapper {

  private final LoginThrottleGate gate;
  private final RequestContext context;
  private boolean recorded;

  LoginOutcomeRecorder(
      HttpServletResponse response, LoginThrottleGate gate, RequestContext context) {
    super(response);
    this.gate = gate;
    this.context = context;
  }

  /** Records the outcome for {@code status} unless one was recorded already. */
  void recordOnce(int status) {
    if (recorded) {
      return;
    }
    if (status >= 200 && status < 300) {
      recorded = true;
      gate.record(context, true);
    } else if (status == 400 || status == 401 || status == 403) {
      recorded = true;
      gate.record(context, false);
    }
  }

  @Override
  public void setStatus(int sc) {
    // Failures count at once; a success is recorded when the chain returns (a later status may
    // still replace it).
    if (sc >= 400) {
      recordOnce(sc);
    }
    super.setStatus(sc);
  }

  @Override
  public void sendError(int sc, String msg) throws IOException {
    recordOnce(sc);
    super.sendError(sc, msg);
  }

  @Override
  public void sendError(int sc) throws IOException {
    recordOnce(sc);
    super.sendError(sc);
  }

  @Override
  public void flushBuffer() throws IOException {
    recordOnce(getStatus());
    super.flushBuffer();
  }
}
