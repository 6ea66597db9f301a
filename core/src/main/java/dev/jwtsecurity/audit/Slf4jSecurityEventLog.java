package dev.jwtsecurity.audit;

import dev.jwtsecurity.internal.LogSafe;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * The SLF4J security log of {@link SecurityEventListener#securityLog()}: one line per event, in the
 * format that method documents.
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

  @Override
  public void onEvent(SecurityEvent event) {
    switch (event.severity()) {
      case INFO -> {
        if (logger.isInfoEnabled(MARKER)) {
          logger.info(MARKER, "{}", format(event));
        }
      }
      case WARN -> {
        if (logger.isWarnEnabled(MARKER)) {
          logger.warn(MARKER, "{}", format(event));
        }
      }
      case CRITICAL -> {
        if (logger.isErrorEnabled(MARKER)) {
          logger.error(MARKER, "{}", format(event));
        }
      }
    }
  }

  static String format(SecurityEvent event) {
    StringBuilder out = new StringBuilder(192);
    out.append("event=").append(event.type().code());
    out.append(" severity=").append(event.severity().name());
    out.append(" time=").append(event.time());
    pair(out, "user_id", event.userId());
    pair(out, "client_ip", event.request().clientAddress());
    pair(out, "user_agent", event.request().userAgent());
    pair(out, "request_id", event.request().requestId());
    pair(out, "token_id", event.tokenId());
    pair(out, "reason", event.reason());
    for (Map.Entry<String, String> d : event.details().entrySet()) {
      pair(out, "detail." + detailKey(d.getKey()), d.getValue());
    }
    return out.toString();
  }

  private static void pair(StringBuilder out, String key, String value) {
    if (value == null) {
      return;
    }
    out.append(' ').append(key).append('=');
    appendValue(out, LogSafe.clean(value));
  }

  static void appendValue(StringBuilder out, String value) {
    if (!value.isEmpty() && isBare(value)) {
      out.append(value);
      return;
    }
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append('"');
  }

  private static boolean isBare(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == ':'
              || c == '/'
              || c == '@'
              || c == '+'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
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
