package dev.jwtsecurity.audit;

import dev.jwtsecurity.internal.LogSafe;
import dev.jwtsecurity.internal.SetOnce;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One entry of the {@link AuditTrail}: who did what to which resource, how it ended, from where,
 * and when. Immutable.
 *
 * <pre>{@code
 * AuditRecord record = AuditRecord.builder(clock.instant(), user.userId(), "document.read", AuditOutcome.SUCCESS)
 *     .resource("document", documentId)
 *     .request(RequestContext.of(ip, userAgent, requestId))
 *     .build();
 * }</pre>
 *
 * <p>Every text component is cleaned of control characters and capped (see {@link
 * dev.jwtsecurity.internal.LogSafe}): after cleaning a component holds at most its {@code MAX_...}
 * length plus 8 characters (the {@code ...[cut]} marker), which is how wide a SQL column must be.
 * The time is truncated to microseconds so that SQL {@code TIMESTAMP} columns store it exactly.
 *
 * <h2>Security considerations</h2>
 *
 * <p>A record never holds a token, password, secret or raw header: pass identifiers, not
 * credentials. The resource id is recorded as given: do not use secret values (reset tokens,
 * invitation codes) as resource ids.
 *
 * @param time when it happened, truncated to microseconds
 * @param userId who acted (the authenticated user id); not blank
 * @param action what was done, a short stable name such as {@code document.read}; not blank
 * @param resourceType the kind of resource, such as {@code document}, or {@code null}
 * @param resourceId the resource's id, or {@code null}
 * @param outcome how it ended
 * @param request where the request came from (client address, user agent, request id)
 */
public record AuditRecord(
    Instant time,
    String userId,
    String action,
    String resourceType,
    String resourceId,
    AuditOutcome outcome,
    RequestContext request) {

  /** The longest user id kept, before the cut marker. */
  public static final int MAX_USER_ID = 128;

  /** The longest action kept, before the cut marker. */
  public static final int MAX_ACTION = 64;

  /** The longest resource type kept, before the cut marker. */
  public static final int MAX_RESOURCE_TYPE = 64;

  /** The longest resource id kept, before the cut marker. */
  public static final int MAX_RESOURCE_ID = 128;

  /**
   * Validates, cleans and truncates the components.
   *
   * @throws NullPointerException if {@code time}, {@code userId}, {@code action}, {@code outcome}
   *     or {@code request} is {@code null}
   * @throws IllegalArgumentException if {@code userId} or {@code action} is blank
   */
  public AuditRecord {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(request, "request");
    if (userId.isBlank()) {
      throw new IllegalArgumentException("userId must not be blank: record who acted");
    }
    if (action.isBlank()) {
      throw new IllegalArgumentException(
          "action must not be blank: name what was done, e.g. document.read");
    }
    time = time.truncatedTo(ChronoUnit.MICROS);
    userId = LogSafe.clean(userId, MAX_USER_ID);
    action = LogSafe.clean(action, MAX_ACTION);
    resourceType = LogSafe.clean(resourceType, MAX_RESOURCE_TYPE);
    resourceId = LogSafe.clean(resourceId, MAX_RESOURCE_ID);
  }

  /**
   * Starts a record.
   *
   * @param time when it happened, from the caller's injected {@link java.time.Clock}
   * @param userId who acted
   * @param action what was done, such as {@code document.read}
   * @param outcome how it ended
   * @return a builder
   * @throws NullPointerException if an argument is {@code null}
   */
  public static Builder builder(Instant time, String userId, String action, AuditOutcome outcome) {
    return new Builder(time, userId, action, outcome);
  }

  /** Builds an {@link AuditRecord}; not thread-safe, use once. */
  public static final class Builder {
    private final SetOnce once = new SetOnce();
    private final Instant time;
    private final String userId;
    private final String action;
    private final AuditOutcome outcome;
    private String resourceType;
    private String resourceId;
    private RequestContext request = RequestContext.UNKNOWN;

    private Builder(Instant time, String userId, String action, AuditOutcome outcome) {
      this.time = Objects.requireNonNull(time, "time");
      this.userId = Objects.requireNonNull(userId, "userId");
      this.action = Objects.requireNonNull(action, "action");
      this.outcome = Objects.requireNonNull(outcome, "outcome");
    }

    /**
     * Sets the resource the action concerned.
     *
     * @param type the kind of resource, such as {@code document}
     * @param id the resource id
     * @return this builder
     * @throws NullPointerException if {@code type} or {@code id} is {@code null}
     */
    public Builder resource(String type, String id) {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(id, "id");
      once.mark("resource");
      this.resourceType = type;
      this.resourceId = id;
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
     * Returns the record.
     *
     * @return an immutable record
     * @throws IllegalArgumentException if the user id or action is blank
     */
    public AuditRecord build() {
      return new AuditRecord(time, userId, action, resourceType, resourceId, outcome, request);
    }
  }
}
