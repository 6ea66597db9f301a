package dev.jwtsecurity.spring;

import dev.jwtsecurity.audit.SecurityEvent;
import java.util.Objects;
import org.springframework.context.ApplicationEvent;

/**
 * A security event of the library (OWASP Logging Vocabulary) published as a Spring {@link
 * ApplicationEvent}, so {@code @EventListener} methods see every login, refusal and alert.
 *
 * <pre>{@code
 * @EventListener
 * void onSecurityEvent(JwtSecurityApplicationEvent e) {
 *   if (e.securityEvent().type() == SecurityEventType.SECURITY_ALERT) {
 *     pager.page(e.securityEvent().reason());
 *   }
 * }
 * }</pre>
 *
 * <p>Listeners run on the thread that caused the event (a request thread): keep them quick, or make
 * them {@code @Async}. The event carries no token, password or secret; its user agent and other
 * request values are as the client sent them, so clean them before logging them yourself.
 */
public final class JwtSecurityApplicationEvent extends ApplicationEvent {

  private static final long serialVersionUID = 1L;

  private final transient SecurityEvent securityEvent;

  /**
   * Wraps a security event.
   *
   * @param source the front door that reported it
   * @param securityEvent the event
   */
  public JwtSecurityApplicationEvent(Object source, SecurityEvent securityEvent) {
    super(source);
    this.securityEvent = Objects.requireNonNull(securityEvent, "securityEvent");
  }

  /**
   * Returns the library's event.
   *
   * @return the event
   */
  public SecurityEvent securityEvent() {
    return securityEvent;
  }

  @Override
  public String toString() {
    return "JwtSecurityApplicationEvent[" + securityEvent.type().code() + "]";
  }
}
