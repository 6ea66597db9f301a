package dev.jwtsecurity.spring;

import dev.jwtsecurity.audit.SecurityEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;

/**
 * A security event as Actuator's {@link AuditEvent}: principal the user id (or {@code anonymous}),
 * type the OWASP event name, data the severity, reason, token id, request and details. Loaded only
 * when Actuator is on the class path.
 */
final class ActuatorAudit {

  private ActuatorAudit() {}

  /**
   * The event to publish. Declared as {@code Object} so that the bridge calling it never links
   * Actuator's types: without Actuator this class is not loaded at all.
   */
  static Object of(SecurityEvent e) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("severity", e.severity().name());
    put(data, "reason", e.reason());
    put(data, "token_id", e.tokenId());
    put(data, "client_ip", e.request().clientAddress());
    put(data, "user_agent", e.request().userAgent());
    put(data, "request_id", e.request().requestId());
    data.putAll(e.details());
    return new AuditApplicationEvent(
        new AuditEvent(
            e.time(), e.userId() == null ? "anonymous" : e.userId(), e.type().code(), data));
  }

  private static void put(Map<String, Object> data, String name, String value) {
    if (value != null) {
      data.put(name, value);
    }
  }
}
