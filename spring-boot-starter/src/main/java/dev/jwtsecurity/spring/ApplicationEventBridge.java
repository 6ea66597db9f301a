package dev.jwtsecurity.spring;

import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventListener;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes every security event as a {@link JwtSecurityApplicationEvent}, and, when Spring Boot
 * Actuator is present, as an {@code AuditApplicationEvent} for its audit event repository.
 */
final class ApplicationEventBridge implements SecurityEventListener {

  private static final boolean ACTUATOR =
      isPresent("org.springframework.boot.actuate.audit.listener.AuditApplicationEvent");

  private final ApplicationEventPublisher publisher;

  ApplicationEventBridge(ApplicationEventPublisher publisher) {
    this.publisher = publisher;
  }

  @Override
  public void onEvent(SecurityEvent event) {
    publisher.publishEvent(new JwtSecurityApplicationEvent(this, event));
    if (ACTUATOR) {
      publisher.publishEvent(ActuatorAudit.of(event));
    }
  }

  private static boolean isPresent(String className) {
    try {
      Class.forName(className, false, ApplicationEventBridge.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
