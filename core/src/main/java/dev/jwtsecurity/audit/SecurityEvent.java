package dev.jwtsecurity.audit;

import dev.jwtsecurity.audit.SecurityEventType.Severity;
import dev.jwtsecurity.internal.LogSafe;
import dev.jwtsecurity.internal.SetOnce;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One security-relevant fact: what happened, how serious it is, when, to whom, from where, and why.
 * Immutable.
 *
 * <pre>{@code
 * SecurityEvent event = SecurityEvent.builder(SecurityEventType.AUTHN_LOGIN_FAIL, clock.instant())
 *     .userId("alice")
 *     .request(ctx)
 *     .reason(LoginFailure.WRONG_PASSWORD)
 *     .build();
 * listener.onEvent(event);
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <p>An event never holds a token, password, secret or raw {@code Authorization}/{@code Cookie}
 * header: the token is identified by its {@code jti} only. Every text component is cleaned of
 * control characters and capped in length when the event is built, so listeners may write it to a
 * log as it is.
 *
 * @param type what happened
 * @param severity how serious it is
 * @param time when it happened
 * @param userId the user concerned when known, or {@code null}
 * @param request where the request came from; {@link RequestContext#UNKNOWN} when not from a
 *     request
 * @param tokenId the {@code jti} of the token concerned, or the refresh-token family id, or {@code
 *     null}
 * @param reason the name of the reason enum constant that explains the outcome, or {@code null}
 * @param details further stable key/value facts (cleaned, at most 16 entries)
 */
public record SecurityEvent(
    SecurityEventType type,
    Severity severity,
    Instant time,
    String userId,
    RequestContext request,
    String tokenId,
    String reason,
    Map<String, String> details) {

  private static final int MAX_DETAILS = 16;

  /**
   * Validates and cleans the components.
   *
   * @throws NullPointerException if {@code type}, {@code severity}, {@code time}, {@code request}
   *     or {@code details} is {@code null}
   */
  public SecurityEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(details, "details");
    userId = LogSafe.clean(userId, 128);
    tokenId = LogSafe.clean(tokenId, 128);
    reason = LogSafe.clean(reason, 64);
    Map<String, String> copy = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : details.entrySet()) {
      if (copy.size() == MAX_DETAILS) {
        break;
      }
      copy.put(LogSafe.clean(e.getKey(), 32), LogSafe.clean(e.getValue()));
    }
    details = Collections.unmodifiableMap(copy);
  }

  /**
   * Starts an event of {@code type} at {@code time}, with the type's default severity.
   *
   * @param type what happened
   * @param time when, from the caller's injected {@link java.time.Clock}
   * @return a builder
   */
  public static Builder builder(SecurityEventType type, Instant time) {
    return new Builder(type, time);
  }

  /** Builds a {@link SecurityEvent}; not thread-safe, use once. */
  public static final class Builder {
    private final SecurityEventType type;
    private final Instant time;
    private Severity severity;
    private String userId;
    private RequestContext request = RequestContext.UNKNOWN;
    private String tokenId;
    private String reason;
    private final Map<String, String> details = new LinkedHashMap<>();
    private final SetOnce once = new SetOnce();

    private Builder(SecurityEventType type, Instant time) {
      this.type = Objects.requireNonNull(type, "type");
      this.time = Objects.requireNonNull(time, "time");
      this.severity = type.defaultSeverity();
    }

    /**
     * Overrides the type's default severity.
     *
     * @param severity the severity
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder severity(Severity severity) {
      once.mark("severity");
      this.severity = Objects.requireNonNull(severity, "severity");
      return this;
    }

    /**
     * Sets the user concerned.
     *
     * @param userId the user id, or {@code null} when unknown
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder userId(String userId) {
      once.mark("userId");
      this.userId = userId;
      return this;
    }

    /**
     * Sets where the request came from.
     *
     * @param request the request context; {@code null} means {@link RequestContext#UNKNOWN}
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder request(RequestContext request) {
      once.mark("request");
      this.request = request == null ? RequestContext.UNKNOWN : request;
      return this;
    }

    /**
     * Sets the token id ({@code jti}, or a refresh-token family id). Never pass the token itself.
     *
     * @param tokenId the id, or {@code null}
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder tokenId(String tokenId) {
      once.mark("tokenId");
      this.tokenId = tokenId;
      return this;
    }

    /**
     * Sets the reason, from the enum that explains the outcome.
     *
     * @param reason the reason, or {@code null}
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder reason(Enum<?> reason) {
      once.mark("reason");
      this.reason = reason == null ? null : reason.name();
      return this;
    }

    /**
     * Sets the reason as text, for reasons that are not enum constants (the name of a custom claim
     * rule); cleaned and capped like every component.
     *
     * @param reason the reason, or {@code null}
     * @return this builder
     */
    public Builder reason(String reason) {
      this.reason = reason;
      return this;
    }

    /**
     * Adds a fact; keys should be short, stable, lower-case words.
     *
     * @param key the key
     * @param value the value; cleaned and capped
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder detail(String key, String value) {
      Objects.requireNonNull(key, "key");
      if (details.containsKey(key)) {
        throw new IllegalStateException("detail " + key + " was already set");
      }
      details.put(key, String.valueOf(value));
      return this;
    }

    /**
     * Returns the event.
     *
     * @return an immutable event
     */
    public SecurityEvent build() {
      return new SecurityEvent(type, severity, time, userId, request, tokenId, reason, details);
    }
  }
}
