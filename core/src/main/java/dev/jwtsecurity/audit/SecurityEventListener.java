package dev.jwtsecurity.audit;

import java.util.List;
import java.util.Objects;

/**
 * Receives every security event the library emits. Implementations must be thread-safe, fast, and
 * must not throw: a listener that fails must never turn a refused token into an accepted one, so
 * callers catch and drop what a listener throws.
 *
 * <pre>{@code
 * SecurityEventListener metrics = event -> counter(event.type().code()).increment();
 * SecurityEventListener siem = SecurityEventListener.async(event -> siemClient.send(event), 10_000);
 * JwtSecurity security = JwtSecurity.builder(settings).events(metrics).events(siem).build();
 * }</pre>
 *
 * <p>{@link dev.jwtsecurity.JwtSecurity} always writes every event to the {@link #securityLog()
 * security log} too; {@link #close()} is for listeners that hold a thread or a connection.
 */
@FunctionalInterface
public interface SecurityEventListener extends AutoCloseable {

  /** The SLF4J logger name security events are written under. */
  String SECURITY_LOGGER = "dev.jwtsecurity.security";

  /**
   * Handles one event.
   *
   * @param event the event; never {@code null}
   */
  void onEvent(SecurityEvent event);

  /**
   * Releases what the listener holds (a worker thread, a connection); the default does nothing.
   * Never throws.
   */
  @Override
  default void close() {}

  /**
   * Returns the SLF4J security log: one line per event under the logger {@value #SECURITY_LOGGER}
   * (marker {@code SECURITY}), so operators route security events to their own appender, file or
   * SIEM. {@link dev.jwtsecurity.JwtSecurity} always writes to it.
   *
   * <pre>{@code
   * // logback.xml: <logger name="dev.jwtsecurity.security" additivity="false"><appender-ref ref="SECURITY"/></logger>
   * }</pre>
   *
   * <p>A line is a sequence of {@code key=value} pairs in a fixed key order; a key whose value is
   * absent is left out:
   *
   * <pre>
   * event=authn_login_fail severity=WARN time=2026-11-27T12:00:00Z user_id=alice client_ip=203.0.113.7
   *   user_agent="Mozilla/5.0 (X11; Linux x86_64)" request_id=r-91 reason=WRONG_PASSWORD detail.attempts=3
   * </pre>
   *
   * (one line in the log; wrapped here). The keys, in order: {@code event} (the OWASP vocabulary
   * code), {@code severity}, {@code time} (ISO-8601 UTC), {@code user_id}, {@code client_ip},
   * {@code user_agent}, {@code request_id}, {@code token_id} (a {@code jti} or refresh-token family
   * id, never a token), {@code reason} (an enum constant name), then the event's details as {@code
   * detail.<key>}. The level follows the severity: {@code INFO} as info, {@code WARN} as warn,
   * {@code CRITICAL} as error.
   *
   * <p><b>Structured logging.</b> Each of these keys also reaches the backend as an SLF4J 2
   * key-value pair ({@code addKeyValue}), with the same cleaned value, so a JSON encoder writes one
   * field per key while a plain pattern keeps the line above as the message. With Logback:
   *
   * <pre>{@code
   * <appender name="SECURITY" class="ch.qos.logback.core.ConsoleAppender">
   *   <encoder class="ch.qos.logback.classic.encoder.JsonEncoder"/>   <!-- "kvpList":[{"event":"authn_login_fail"},...] -->
   * </appender>
   * }</pre>
   *
   * Key-value pairs are passed only to backends that take them as data (those implementing SLF4J's
   * {@code LoggingEventAware}, such as Logback); to any other, SLF4J would paste them into the
   * message unquoted, so they get the line alone.
   *
   * <h4>Security considerations</h4>
   *
   * <p>Every value is cleaned again (control characters, CR/LF, ANSI escapes and Unicode line
   * separators become {@code _}; length capped), so one event is always exactly one line. A value
   * made only of {@code [A-Za-z0-9._:/@+-]} is written bare; any other value is quoted, with {@code
   * "} and {@code \} escaped, so a value can never forge another key or end the line. Detail keys
   * are reduced to {@code [a-z0-9_]} and prefixed with {@code detail.}, so they cannot pose as a
   * fixed key.
   *
   * @return the security log
   */
  static SecurityEventListener securityLog() {
    return Slf4jSecurityEventLog.create();
  }

  /**
   * Returns a listener that hands events to a slow {@code delegate} (a database sink, a remote
   * SIEM) on one background daemon thread through a bounded queue, so a request never waits for it.
   * {@link #close()} stops accepting events and delivers those queued for at most 5 seconds.
   *
   * <pre>{@code
   * SecurityEventListener siem = SecurityEventListener.async(event -> siemClient.send(event), 10_000);
   * }</pre>
   *
   * <h4>Security considerations</h4>
   *
   * <p>When the queue is full an event is <strong>dropped</strong>, never blocking the caller; the
   * number dropped is logged (at most once a minute) under the logger {@code
   * dev.jwtsecurity.audit}. Under a flood, events beyond the capacity are lost to the slow sink:
   * the security log and the failure monitor of {@link dev.jwtsecurity.JwtSecurity} still see every
   * event, synchronously.
   *
   * @param delegate the slow listener
   * @param capacity the most queued events, 1 to 1,000,000
   * @return a running, thread-safe listener
   * @throws NullPointerException if {@code delegate} is {@code null}
   * @throws IllegalArgumentException if {@code capacity} is out of range
   */
  static SecurityEventListener async(SecurityEventListener delegate, int capacity) {
    return AsyncSecurityEventListener.builder(delegate).capacity(capacity).build();
  }

  /**
   * Returns a listener that ignores every event.
   *
   * @return a no-op listener
   */
  static SecurityEventListener none() {
    return event -> {};
  }

  /**
   * Delivers {@code event} to {@code listener}, swallowing anything the listener throws so that a
   * broken listener can never change a security decision.
   *
   * @param listener the listener
   * @param event the event
   */
  static void deliver(SecurityEventListener listener, SecurityEvent event) {
    try {
      listener.onEvent(event);
    } catch (RuntimeException ignored) {
      // A listener must not be able to turn a refusal into an acceptance, or crash the request.
    }
  }

  /**
   * Returns a listener that hands every event to each of {@code listeners}, in order, and closes
   * them all on {@link #close()}. Each delivery is isolated: a listener that throws neither stops
   * the others nor reaches the caller.
   *
   * @param listeners the listeners
   * @return a fan-out listener
   * @throws NullPointerException if {@code listeners} or one of them is {@code null}
   */
  static SecurityEventListener all(SecurityEventListener... listeners) {
    List<SecurityEventListener> copy = List.of(Objects.requireNonNull(listeners, "listeners"));
    return new SecurityEventListener() {
      @Override
      public void onEvent(SecurityEvent event) {
        for (SecurityEventListener l : copy) {
          deliver(l, event);
        }
      }

      @Override
      public void close() {
        for (SecurityEventListener l : copy) {
          try {
            l.close();
          } catch (RuntimeException ignored) {
            // One listener failing to close must not keep the others open.
          }
        }
      }
    };
  }
}
