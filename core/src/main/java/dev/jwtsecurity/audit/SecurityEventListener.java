package dev.jwtsecurity.audit;

import java.util.List;
import java.util.Objects;

/**
 * Receives every security event the library emits. Implementations must be thread-safe, fast, and
 * must not throw: a listener that fails must never turn a refused token into an accepted one, so
 * callers catch and drop what a listener throws.
 *
 * <pre>{@code
 * SecurityEventListener listener = event -> metrics.count(event.type().code());
 * SecurityEventListener all = SecurityEventListener.all(Slf4jSecurityEventLog.create(), monitor, listener);
 * }</pre>
 */
@FunctionalInterface
public interface SecurityEventListener {

  /**
   * Handles one event.
   *
   * @param event the event; never {@code null}
   */
  void onEvent(SecurityEvent event);

  /**
   * Returns the SLF4J security log: one line per event under the logger {@code
   * dev.jwtsecurity.security} (marker {@code SECURITY}), so operators route security events to
   * their own appender, file or SIEM. {@link dev.jwtsecurity.JwtSecurity} always writes to it.
   *
   * @return the security log
   */
  static SecurityEventListener securityLog() {
    return Slf4jSecurityEventLog.create();
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
   * Returns a listener that hands every event to each of {@code listeners}, in order. Each delivery
   * is isolated: a listener that throws neither stops the others nor reaches the caller.
   *
   * @param listeners the listeners
   * @return a fan-out listener
   * @throws NullPointerException if {@code listeners} or one of them is {@code null}
   */
  static SecurityEventListener all(SecurityEventListener... listeners) {
    List<SecurityEventListener> copy = List.of(Objects.requireNonNull(listeners, "listeners"));
    return event -> {
      for (SecurityEventListener l : copy) {
        deliver(l, event);
      }
    };
  }
}
