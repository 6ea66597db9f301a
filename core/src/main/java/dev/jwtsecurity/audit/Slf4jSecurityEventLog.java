package dev.jwtsecurity.audit;

import dev.jwtsecurity.internal.LogSafe;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventAware;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The SLF4J security log of {@link SecurityEventListener#securityLog()}: one line per event, in the
 * format that method documents, and the same fields as SLF4J 2 key-value pairs for backends that
 * take them as data.
 */
final class Slf4jSecurityEventLog implements SecurityEventListener {

  /** The logger name security events are written under. */
  static final String LOGGER_NAME = SecurityEventListener.SECURITY_LOGGER;

  /** The slf4j marker every line carries. */
  static final String MARKER_NAME = "SECURITY";

  private static final Marker MARKER = MarkerFactory.getMarker(MARKER_NAME);

  private final Logger logger;

  private Slf4jSecurityEventLog(Logger logger) {
    this.logger = logger;
  }

  static Slf4jSecurityEventLog create() {
    return new Slf4jSecurityEventLog(LoggerFactory.getLogger(LOGGER_NAME));
  }

  static Slf4jSecurityEventLog create(String loggerName) {
    Objects.requireNonNull(loggerName, "loggerName");
    if (loggerName.isBlank()) {
      throw new IllegalArgumentException(
          "loggerName must not be blank; the default is " + LOGGER_NAME);
    }
    return new Slf4jSecurityEventLog(LoggerFactory.getLogger(loggerName));
  }

  /** For tests: a log writing to this logger (such as a Logback logger with a JSON encoder). */
  static Slf4jSecurityEventLog forLogger(Logger logger) {
    return new Slf4jSecurityEventLog(Objects.requireNonNull(logger, "logger"));
  }

  @Override
  public void onEvent(SecurityEvent event) {
    switch (event.severity()) {
      case INFO -> {
        if (logger.isInfoEnabled(MARKER)) {
          write(Level.INFO, event);
        }
      }
      case WARN -> {
        if (logger.isWarnEnabled(MARKER)) {
          write(Level.WARN, event);
        }
      }
      case CRITICAL -> {
        if (logger.isErrorEnabled(MARKER)) {
          write(Level.ERROR, event);
        }
      }
    }
  }

  private void write(Level level, SecurityEvent event) {
    Map<String, String> fields = fields(event);
    String line = format(fields);
    if (logger instanceof LoggingEventAware) {
      // The line is the message itself (no arguments, so a "{}" in a value is never a
      // placeholder): JSON encoders write the raw message, not a pattern and its arguments.
      LoggingEventBuilder b =
          logger.makeLoggingEventBuilder(level).addMarker(MARKER).setMessage(line);
      for (Map.Entry<String, String> f : fields.entrySet()) {
        b = b.addKeyValue(f.getKey(), f.getValue());
      }
      b.log();
      return;
    }
    switch (level) {
      case INFO -> logger.info(MARKER, "{}", line);
      case WARN -> logger.warn(MARKER, "{}", line);
      default -> logger.error(MARKER, "{}", line);
    }
  }

  /** The line written for {@code event}, as {@link SecurityEventListener#securityLog()} shows. */
  static String format(SecurityEvent event) {
    return format(fields(event));
  }

  private static String format(Map<String, String> fields) {
    StringBuilder out = new StringBuilder(192);
    for (Map.Entry<String, String> f : fields.entrySet()) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(f.getKey()).append('=');
      appendValue(out, f.getValue());
    }
    return out.toString();
  }

  /**
   * The event's keys and cleaned values, in line order, absent ones left out: the fields of the
   * line and the key-value pairs.
   */
  static Map<String, String> fields(SecurityEvent event) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("event", event.type().code());
    out.put("severity", event.severity().name());
    out.put("time", event.time().toString());
    put(out, "user_id", event.userId());
    put(out, "client_ip", event.request().clientAddress());
    put(out, "user_agent", event.request().userAgent());
    put(out, "request_id", event.request().requestId());
    put(out, "token_id", event.tokenId());
    put(out, "reason", event.reason());
    for (Map.Entry<String, String> d : event.details().entrySet()) {
      put(out, "detail." + detailKey(d.getKey()), d.getValue());
    }
    return out;
  }

  private static void put(Map<String, String> out, String key, String value) {
    if (value == null) {
      return;
    }
    // Two details may clean to the same key ("a b", "a-b"): number the later ones, lose none.
    String unique = key;
    for (int n = 2; out.containsKey(unique); n++) {
      unique = key + "_" + n;
    }
    out.put(unique, LogSafe.clean(value));
  }

  static void appendValue(StringBuilder out, String value) {
    // One escaping for every log line the library and its users write.
    LogSafe.appendField(out, value);
  }

  static String detailKey(String key) {
    StringBuilder k = new StringBuilder(key.length());
    for (int i = 0; i < key.length() && i < 32; i++) {
      char c = Character.toLowerCase(key.charAt(i));
      k.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ? c : '_');
    }
    return k.length() == 0 ? "_" : k.toString();
  }

  @Override
  public String toString() {
    return "Slf4jSecurityEventLog[" + logger.getName() + "]";
  }
}
