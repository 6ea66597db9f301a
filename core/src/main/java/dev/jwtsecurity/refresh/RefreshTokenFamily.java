package dev.jwtsecurity.refresh;

import java.time.Instant;
import java.util.Objects;

/**
 * The immutable facts of one refresh-token family: one login session on one device. A family starts
 * at login and every refresh adds a token to it; revoking the family ends the session. What changes
 * over time (revocation) is reported by {@link StoredRefreshToken}, not here.
 *
 * <pre>{@code
 * RefreshTokenFamily family = new RefreshTokenFamily(familyId, "alice", now, now.plus(Duration.ofDays(30)));
 * }</pre>
 *
 * @param familyId random identifier of the family; not a secret, it appears in security events
 * @param userId the user the session belongs to
 * @param createdAt when the family was started (the login)
 * @param expiresAt the absolute end of the family: no token of it is accepted at or after this
 *     instant, however recently it was refreshed
 */
public record RefreshTokenFamily(
    String familyId, String userId, Instant createdAt, Instant expiresAt) {

  /**
   * Checks the components.
   *
   * @throws NullPointerException if a component is {@code null}
   * @throws IllegalArgumentException if an id is empty, or {@code expiresAt} is not after {@code
   *     createdAt}
   */
  public RefreshTokenFamily {
    Objects.requireNonNull(familyId, "familyId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (familyId.isEmpty() || userId.isEmpty()) {
      throw new IllegalArgumentException("familyId and userId must not be empty");
    }
    if (!expiresAt.isAfter(createdAt)) {
      throw new IllegalArgumentException("expiresAt must be after createdAt");
    }
  }
}
