package dev.jwtsecurity.access;

import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.internal.SetOnce;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Role and permission checks for the service layer: application services call it with the
 * authenticated user, so the rule holds whichever entry point (web, queue, scheduler) reaches the
 * service.
 *
 * <pre>{@code
 * AccessGuard guard = AccessGuard.builder()
 *     .events(securityEvents)
 *     .grant("editor", "document:write")
 *     .grant("admin", "document:write", "document:delete", "user:disable")
 *     .build();
 *
 * void deleteDocument(AuthenticatedUser user, String id, RequestContext ctx) {
 *   guard.requirePermission(user, "document:delete", ctx);   // throws AccessDeniedException
 *   ...
 * }
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <p>Deny by default: a permission no role grants is refused; role and permission names match
 * exactly. Every refusal emits {@code authz_fail} with the reason and the missing role or
 * permission, then throws {@link AccessDeniedException} with a generic message. This guard answers
 * "may this user do this kind of thing"; whether a given resource is the user's is {@link
 * Ownership}'s question, and must be asked too.
 */
public final class AccessGuard {

  private final SecurityEventListener events;
  private final Clock clock;
  private final Map<String, Set<String>> permissionsByRole;

  private AccessGuard(Builder b) {
    this.events = b.events;
    this.clock = b.clock;
    Map<String, Set<String>> copy = new HashMap<>();
    b.permissionsByRole.forEach((role, perms) -> copy.put(role, Set.copyOf(perms)));
    this.permissionsByRole = Map.copyOf(copy);
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
   * Returns normally when {@code user} has {@code role}; otherwise reports and refuses.
   *
   * @param user the authenticated user
   * @param role the role required
   * @param request where the request came from, for the security log
   * @throws AccessDeniedException with reason {@code MISSING_ROLE} if the user lacks the role
   * @throws NullPointerException if an argument is {@code null}
   */
  public void requireRole(AuthenticatedUser user, String role, RequestContext request) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(request, "request");
    if (!user.hasRole(role)) {
      deny(user, AccessDeniedException.Reason.MISSING_ROLE, "required_role", role, request);
    }
  }

  /**
   * Returns normally when a role of {@code user} grants {@code permission}; otherwise reports and
   * refuses.
   *
   * @param user the authenticated user
   * @param permission the permission required
   * @param request where the request came from, for the security log
   * @throws AccessDeniedException with reason {@code MISSING_PERMISSION} if no role of the user
   *     grants it
   * @throws NullPointerException if an argument is {@code null}
   */
  public void requirePermission(AuthenticatedUser user, String permission, RequestContext request) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(permission, "permission");
    Objects.requireNonNull(request, "request");
    if (!hasPermission(user, permission)) {
      deny(
          user,
          AccessDeniedException.Reason.MISSING_PERMISSION,
          "required_permission",
          permission,
          request);
    }
  }

  /**
   * Returns whether a role of {@code user} grants {@code permission}, without reporting anything
   * (for showing or hiding a button; enforce with {@link #requirePermission}).
   *
   * @param user the authenticated user
   * @param permission the permission
   * @return {@code true} if granted
   * @throws NullPointerException if an argument is {@code null}
   */
  public boolean hasPermission(AuthenticatedUser user, String permission) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(permission, "permission");
    for (String role : user.roles()) {
      Set<String> granted = permissionsByRole.get(role);
      if (granted != null && granted.contains(permission)) {
        return true;
      }
    }
    return false;
  }

  private void deny(
      AuthenticatedUser user,
      AccessDeniedException.Reason reason,
      String key,
      String what,
      RequestContext request) {
    SecurityEventListener.deliver(
        events,
        SecurityEvent.builder(SecurityEventType.AUTHZ_FAIL, clock.instant())
            .userId(user.userId())
            .request(request)
            .reason(reason)
            .detail(key, what)
            .build());
    throw new AccessDeniedException(reason);
  }

  /** Builds an {@link AccessGuard}. Not thread-safe. */
  public static final class Builder {
    private final SetOnce once = new SetOnce();
    private SecurityEventListener events;
    private Clock clock = Clock.systemUTC();
    private final Map<String, Set<String>> permissionsByRole = new HashMap<>();

    private Builder() {}

    /**
     * Sets where {@code authz_fail} events go; required.
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
     * Sets the clock for event times; default the system UTC clock.
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
     * Grants {@code permissions} to every user with {@code role}; may be called several times per
     * role (grants add up).
     *
     * @param role the role
     * @param permissions the permissions it grants, at least one
     * @return this builder
     * @throws NullPointerException if an argument or a permission is {@code null}
     * @throws IllegalArgumentException if the role or a permission is blank, or no permission is
     *     given
     */
    public Builder grant(String role, String... permissions) {
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(permissions, "permissions");
      if (role.isBlank()) {
        throw new IllegalArgumentException("role must not be blank");
      }
      if (permissions.length == 0) {
        throw new IllegalArgumentException("grant at least one permission to role " + role);
      }
      Set<String> perms = permissionsByRole.computeIfAbsent(role, r -> new HashSet<>());
      for (String p : permissions) {
        Objects.requireNonNull(p, "permission");
        if (p.isBlank()) {
          throw new IllegalArgumentException("permissions must not be blank");
        }
        perms.add(p);
      }
      return this;
    }

    /**
     * Returns the guard.
     *
     * @return an immutable, thread-safe guard
     * @throws IllegalStateException if no event listener was set; pass {@code
     *     SecurityEventListener.none()} to drop the events deliberately
     */
    public AccessGuard build() {
      if (events == null) {
        throw new IllegalStateException(
            "events is required: authorisation failures must reach the security log (pass"
                + " SecurityEventListener.none() to drop them deliberately)");
      }
      return new AccessGuard(this);
    }
  }
}
