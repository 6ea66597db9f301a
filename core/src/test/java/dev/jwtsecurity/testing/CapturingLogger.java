package dev.jwtsecurity.testing;

import java.io.PrintStream;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger that captures every call at every level into a {@link LogCapture}, and prints INFO and above. */
final class CapturingLogger extends LegacyAbstractLogger {

  private final transient LogCapture capture;
  private final int printLevel;

  CapturingLogger(String name, LogCapture capture, Level printLevel) {
    this.name = name;
    this.capture = capture;
    this.printLevel = printLevel.toInt();
  }

  // Every level is enabled: code guarded by isDebugEnabled() must be checked too.
  @Override
  public boolean isTraceEnabled() {
    return true;
  }

  @Override
  public boolean isDebugEnabled() {
    return true;
  }

  @Override
  public boolean isInfoEnabled() {
    return true;
  }

  @Override
  public boolean isWarnEnabled() {
    return true;
  }

  @Override
  public boolean isErrorEnabled() {
    return true;
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String messagePattern, Object[] arguments, Throwable throwable) {
    String message = MessageFormatter.basicArrayFormat(messagePattern, arguments);
    StringBuilder line = new StringBuilder().append(level).append(' ').append(name).append(" - ").append(message);
    for (Throwable t = throwable; t != null; t = t.getCause()) {
      line.append(" | ").append(t);
      if (t.getCause() == t) {
        break;
      }
    }
    String text = line.toString();
    capture.add(text);
    if (level.toInt() >= printLevel) {
      PrintStream err = System.err;
      err.println("[" + Thread.currentThread().getName() + "] " + text);
    }
  }
}
