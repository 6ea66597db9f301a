package dev.jwtsecurity.servlet;

import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventListener;
import java.time.Clock;

/** Reports the filters' refusals as security events, with the resolved origin of the request. */
final class EventReporter {

  private final SecurityEventListener events;
  private final Clock clock;

  EventReporter(SecurityEventListener events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  void refused(RequestResolver.Resolved origin, RefusalReason reason) {
    refused(origin, reason, null);
  }

  /** Reports a refusal; {@code auth} names the user and token when the request had a valid one. */
  void refused(RequestResolver.Resolved origin, RefusalReason reason, Authentication auth) {
    SecurityEvent.Builder event =
        SecurityEvent.builder(reason.eventType(), clock.instant())
            .request(origin.context())
            .reason(reason);
    if (auth != null) {
      event.userId(auth.user().userId()).tokenId(auth.token().tokenId());
    }
    SecurityEventListener.deliver(events, event.build());
  }
}
