package dev.jwtsecurity.access;

import java.util.Objects;

/**
 * An authenticated user lacks the role or permission an operation requires. Thrown by {@link
 * AccessGuard}, and by {@code JwtSecurity.logout} given another user's refresh token, after an
 * {@code authz_fail} event has been reported; the servlet adapter answers it with a generic 403.
 *
 * <pre>{@code
 * try {
 *   guard.requireRole(user, "admin", ctx);
 * } catch (AccessDeniedException e) {
 *   e.reason();   // MISSING_ROLE
 * }
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <p>The message is always {@value #MESSAGE}: it names neither the user nor the missing role, so it
 * can be shown to a client. For resources owned by a user, use {@link Ownership}, which answers
 * "not found", not "denied". Unchecked, so it crosses service layers to the web adapter.
 */
public final class AccessDeniedException extends RuntimeException {

  /** The one message every instance carries. */
  public static final String MESSAGE = "Access denied";

  /** Why access was denied. */
  public enum Reason {
    /** The user lacks the required role. */
    MISSING_ROLE,
    /** No role of the user grants the required permission. */
    MISSING_PERMISSION,
    /**
     * The refresh token presented to end a session belongs to another user: only the caller's own
     * sessions can be ended, and nothing was revoked.
     */
    FOREIGN_REFRESH_TOKEN
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason why access was denied
   * @throws NullPointerException if {@code reason} is {@code null}
   */
  public AccessDeniedException(Reason reason) {
    super(MESSAGE, null, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Returns why access was denied, for logs and tests; never show it to the client.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
