package dev.jwtsecurity.access;

import dev.jwtsecurity.audit.AuditOutcome;
import dev.jwtsecurity.audit.AuditRecord;
import dev.jwtsecurity.audit.AuditTrail;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.internal.SetOnce;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks that a resource loaded by id belongs to the authenticated user, answering "not found" when
 * it does not, so a probe cannot tell "exists but not yours" from "does not exist".
 *
 * <pre>{@code
 * Ownership ownership = Ownership.builder().events(securityEvents).build();
 *
 * // A resource loaded by id: the check is the only way to get the resource out.
 * Document doc = ownership.requireOwned(
 *     user, "document", id, documents.findById(id), Document::ownerId, ctx);
 *
 * // Better still, a query filtered by the owner: "not yours" and "missing" are already the same empty result.
 * //   SELECT id, owner_id, title FROM document WHERE id = ? AND owner_id = ?
 * Document doc2 = Ownership.requireFound(documents.findByIdAndOwner(id, user.userId()));
 * }</pre>
 *
 * <h2>The pattern</h2>
 *
 * <ol>
 *   <li>Filter every query by the authenticated user id, with parameterised statements: {@code
 *       SELECT ... FROM document WHERE id = ? AND owner_id = ?}, binding {@code user.userId()}
 *       (never concatenate it into SQL). Lists are {@code WHERE owner_id = ?}. Then a foreign id
 *       simply finds nothing: {@link #requireFound(Optional)}.
 *   <li>Where a resource must be loaded by id alone (shared tables, caches, other services), pass
 *       it through {@link #requireOwned}: the method returns the resource only when it is the
 *       caller's, so forgetting the check means not having the resource at all.
 *   <li>Throw {@link ResourceNotFoundException} for genuine not-found cases too, and let the web
 *       adapter turn it into the one 404 answer.
 * </ol>
 *
 * <h2>Security considerations</h2>
 *
 * <p>"Missing" and "not yours" throw the same exception with the same message and no stack trace.
 * Only "not yours" emits {@code malicious_direct_reference} (with the user, resource type and id,
 * and request origin; all cleaned for the log): a missing resource is not evidence of an attack. A
 * resource whose owner id is {@code null} is nobody's and is refused (fail closed). The owner id is
 * compared with {@link AuthenticatedUser#userId()} through {@code String.valueOf}, so numeric and
 * UUID owner ids work; the comparison is exact (case-sensitive). When an {@link AuditTrail} is set,
 * every check is recorded as action {@value #AUDIT_ACTION} with outcome {@code SUCCESS}, {@code
 * DENIED} or {@code NOT_FOUND}. Timing may still differ between the two cases (a found row costs
 * more than no row); the owner-filtered query of step 1 has no such difference.
 */
public final class Ownership {

  /** The audit-trail action recorded for each check. */
  public static final String AUDIT_ACTION = "access";

  private final SecurityEventListener events;
  private final Clock clock;
  private final AuditTrail auditTrail;

  private Ownership(Builder b) {
    this.events = b.events;
    this.clock = b.clock;
    this.auditTrail = b.auditTrail;
  }

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the resource when it exists and belongs to {@code user}; otherwise throws {@link
   * ResourceNotFoundException}, the same for both cases.
   *
   * @param <T> the resource type
   * @param user the authenticated caller
   * @param resourceType the kind of resource, for the security log, such as {@code document}
   * @param resourceId the id the caller asked for, for the security log
   * @param resource the resource loaded by that id, or empty when there is none
   * @param ownerId extracts the owner's user id from the resource
   * @param request where the request came from, for the security log
   * @return the resource, which belongs to {@code user}
   * @throws ResourceNotFoundException if the resource is missing or belongs to someone else
   * @throws NullPointerException if an argument is {@code null}
   */
  public <T> T requireOwned(
      AuthenticatedUser user,
      String resourceType,
      Object resourceId,
      Optional<T> resource,
      Function<? super T, ?> ownerId,
      RequestContext request) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(resourceType, "resourceType");
    Objects.requireNonNull(resourceId, "resourceId");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(ownerId, "ownerId");
    Objects.requireNonNull(request, "request");
    String id = String.valueOf(resourceId);
    if (resource.isEmpty()) {
      audit(user, resourceType, id, AuditOutcome.NOT_FOUND, request, clock.instant());
      throw new ResourceNotFoundException();
    }
    T found = resource.get();
    Object owner = ownerId.apply(found);
    if (owner == null || !String.valueOf(owner).equals(user.userId())) {
      Instant now = clock.instant();
      SecurityEventListener.deliver(
          events,
          SecurityEvent.builder(SecurityEventType.MALICIOUS_DIRECT_REFERENCE, now)
              .userId(user.userId())
              .request(request)
              .detail("resource_type", resourceType)
              .detail("resource_id", id)
              .build());
      audit(user, resourceType, id, AuditOutcome.DENIED, request, now);
      throw new ResourceNotFoundException();
    }
    audit(user, resourceType, id, AuditOutcome.SUCCESS, request, clock.instant());
    return found;
  }

  /**
   * Returns the resource of a query already filtered by the caller's user id, or throws {@link
   * ResourceNotFoundException} when it found nothing.
   *
   * @param <T> the resource type
   * @param resource the result of {@code WHERE id = ? AND owner_id = ?}
   * @return the resource
   * @throws ResourceNotFoundException if {@code resource} is empty
   * @throws NullPointerException if {@code resource} is {@code null}
   */
  public static <T> T requireFound(Optional<T> resource) {
    return Objects.requireNonNull(resource, "resource").orElseThrow(ResourceNotFoundException::new);
  }

  private void audit(
      AuthenticatedUser user,
      String resourceType,
      String resourceId,
      AuditOutcome outcome,
      RequestContext request,
      Instant now) {
    if (auditTrail == null) {
      return;
    }
    auditTrail.append(
        AuditRecord.builder(now, user.userId(), AUDIT_ACTION, outcome)
            .resource(resourceType, resourceId)
            .request(request)
            .build());
  }

  /** Builds an {@link Ownership}. Not thread-safe. */
  public static final class Builder {
    private final SetOnce once = new SetOnce();
    private SecurityEventListener events;
    private Clock clock = Clock.systemUTC();
    private AuditTrail auditTrail;

    private Builder() {}

    /**
     * Sets where {@code malicious_direct_reference} events go; required (a cross-user probe must be
     * seen).
     *
     * @param events the listener
     * @return this builder
     * @throws NullPointerException if {@code events} is {@code null}
     */
    public Builder events(SecurityEventListener events) {
      Objects.requireNonNull(events, "events");
      once.mark("events");
      this.events = events;
      return this;
    }

    /**
     * Sets the clock for event and record times; default the system UTC clock.
     *
     * @param clock the clock
     * @return this builder
     * @throws NullPointerException if {@code clock} is {@code null}
     */
    public Builder clock(Clock clock) {
      Objects.requireNonNull(clock, "clock");
      once.mark("clock");
      this.clock = clock;
      return this;
    }

    /**
     * Records every check in {@code auditTrail}; default none. A failing trail throws its {@link
     * dev.jwtsecurity.StoreUnavailableException} to the caller (no access without its record).
     *
     * @param auditTrail the trail
     * @return this builder
     * @throws NullPointerException if {@code auditTrail} is {@code null}
     */
    public Builder auditTrail(AuditTrail auditTrail) {
      Objects.requireNonNull(auditTrail, "auditTrail");
      once.mark("auditTrail");
      this.auditTrail = auditTrail;
      return this;
    }

    /**
     * Returns the checker.
     *
     * @return an immutable, thread-safe checker
     * @throws IllegalStateException if no event listener was set; pass {@code
     *     SecurityEventListener.none()} to deliberately drop the events
     */
    public Ownership build() {
      if (events == null) {
        throw new IllegalStateException(
            "events is required: cross-user probes must reach the security log (pass SecurityEventListener.none() to"
                + " drop them deliberately)");
      }
      return new Ownership(this);
    }
  }
}
