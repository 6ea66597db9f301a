package dev.jwtsecurity.testing;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The slf4j 2 backend of every test run that has core's test-jar on its classpath (registered in
 * {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider}): captures every line into {@link
 * LogCapture#global()} and prints lines at {@code INFO} and above to standard error (set the system
 * property {@code jwtsecurity.test.log.level} to {@code DEBUG} or {@code WARN} to print more or
 * less). Loggers under the prefixes of the system property {@code jwtsecurity.test.log.allLevels}
 * (comma-separated; default {@code dev.jwtsecurity}) are captured at every level, including {@code
 * TRACE}; other loggers (containers, drivers) from {@code INFO} up.
 *
 * <pre>{@code
 * // nothing to call: slf4j finds this provider through ServiceLoader
 * }</pre>
 *
 * <p>Do not put another slf4j provider (slf4j-simple, logback) on a test classpath that has this
 * one: slf4j would pick one of them and lines written to the other would escape the check.
 */
public final class CapturingServiceProvider implements SLF4JServiceProvider {

  private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
  private final ILoggerFactory loggerFactory =
      name ->
          loggers.computeIfAbsent(
              name,
              n -> new CapturingLogger(n, LogCapture.global(), printLevel(), capturesAllLevels(n)));
  private final IMarkerFactory markerFactory = new BasicMarkerFactory();
  private final MDCAdapter mdcAdapter = new BasicMDCAdapter();

  /** Called by slf4j's ServiceLoader. */
  public CapturingServiceProvider() {}

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggerFactory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markerFactory;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdcAdapter;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {}

  private static boolean capturesAllLevels(String loggerName) {
    String prefixes = System.getProperty("jwtsecurity.test.log.allLevels", "dev.jwtsecurity");
    int start = 0;
    while (start <= prefixes.length()) {
      int comma = prefixes.indexOf(',', start);
      int end = comma < 0 ? prefixes.length() : comma;
      String prefix = prefixes.substring(start, end).trim();
      if (!prefix.isEmpty() && loggerName.startsWith(prefix)) {
        return true;
      }
      start = end + 1;
    }
    return false;
  }

  private static Level printLevel() {
    String configured = System.getProperty("jwtsecurity.test.log.level", "INFO");
    try {
      return Level.valueOf(configured.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Level.INFO;
    }
  }
}
