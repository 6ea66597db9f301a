package dev.jwtsecurity.audit;

import java.time.Duration;
import java.util.Objects;

/**
 * What the {@link FailureMonitor} hands to its {@link AlertHook}: which pattern, for which key, and
 * the {@code security_alert} event that was also emitted.
 *
 * <pre>{@code
 * AlertHook hook = alert -> pager.page(alert.pattern() + " on " + alert.key());
 * }</pre>
 *
 * @param pattern the pattern seen
 * @param key what the pattern was counted for: an account id, a client address, or a token family
 *     id (cleaned)
 * @param count how many events (or distinct accounts or addresses) were seen within the window; the
 *     threshold
 * @param window the sliding window the count was taken over
 * @param event the {@code security_alert} event describing the alert
 */
public record SecurityAlert(
    AlertPattern pattern, String key, int count, Duration window, SecurityEvent event) {

  /**
   * Checks the components.
   *
   * @throws NullPointerException if a component is {@code null}
   */
  public SecurityAlert {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(event, "event");
  }
}
