package dev.jwtsecurity.servlet;

import dev.jwtsecurity.testing.CapturingServiceProvider;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.spi.LoggingEventBuilder;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Core's capturing slf4j provider (every line checked by the log-leak guard), except that the
 * embedded containers' own DEBUG and TRACE lines are dropped: Jetty's HTTP parser logs every raw
 * header at DEBUG, which says nothing about this library. Their INFO and above are still captured
 * and checked. Selected with the {@code slf4j.provider} system property in this module's Surefire
 * configuration.
 *
 * <p>Operators take the same lesson: never enable DEBUG for {@code org.eclipse.jetty.http} in
 * production.
 */
public final class ContainerQuietLogProvider implements SLF4JServiceProvider {

  private final CapturingServiceProvider delegate = new CapturingServiceProvider();

  /** Called by slf4j's service loading. */
  public ContainerQuietLogProvider() {}

  @Override
  public ILoggerFactory getLoggerFactory() {
    ILoggerFactory capturing = delegate.getLoggerFactory();
    return name ->
        name.startsWith("org.eclipse.jetty") || name.startsWith("org.apache")
            ? new InfoAndAbove(name, capturing.getLogger(name))
            : capturing.getLogger(name);
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return delegate.getMarkerFactory();
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return delegate.getMDCAdapter();
  }

  @Override
  public String getRequestedApiVersion() {
    return delegate.getRequestedApiVersion();
  }

  @Override
  public void initialize() {
    delegate.initialize();
  }

  /** Forwards INFO and above to the capturing logger. */
  private static final class InfoAndAbove extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    private final transient Logger target;

    InfoAndAbove(String name, Logger target) {
      this.name = name;
      this.target = target;
    }

    @Override
    public boolean isTraceEnabled() {
      return false;
    }

    @Override
    public boolean isDebugEnabled() {
      return false;
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
        Level level,
        Marker marker,
        String messagePattern,
        Object[] arguments,
        Throwable throwable) {
      if (level.toInt() < Level.INFO.toInt()) {
        return;
      }
      LoggingEventBuilder event = target.atLevel(level).setCause(throwable);
      if (arguments != null) {
        for (Object a : arguments) {
          event = event.addArgument(a);
        }
      }
      event.log(messagePattern);
    }
  }
}
