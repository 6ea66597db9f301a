package dev.jwtsecurity.testing;

import java.io.PrintStream;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * A logger that captures into a {@link LogCapture}: every level for our own loggers, INFO and above
 * for third-party ones (a container's DEBUG output is huge and is not our code's to police); prints
 * from the configured level.
 */
final class CapturingLogger extends LegacyAbstractLogger {

  private final transient LogCapture capture;
  private final int printLevel;
  private final boolean allLevels;

  CapturingLogger(String name, LogCapture capture, Level printLevel, boolean allLevels) {
    this.name = name;
    this.capture = capture;
    this.printLevel = printLevel.toInt();
    this.allLevels = allLevels;
  }

  // Our code's DEBUG and TRACE lines are enabled, so code guarded by isDebugEnabled() is checked
  // too.
  @Override
  public boolean isTraceEnabled() {
    return allLevels;
  }

  @Override
  public boolean isDebugEnabled() {
    return allLevels;
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
    if (!allLevels && level.toInt() < Level.INFO.toInt()) {
      return;
    }
    String message = MessageFormatter.basicArrayFormat(messagePattern, arguments);
    StringBuilder line =
        new StringBuilder().append(level).append(' ').append(name).append(" - ").append(message);
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
