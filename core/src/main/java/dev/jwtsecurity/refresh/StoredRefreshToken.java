package dev.jwtsecurity.refresh;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one stored refresh token and its family, as {@link
 * RefreshTokenStore#findByLookupId} returns it: the immutable facts plus the two things that
 * change, whether the token has been spent (rotated) and whether its family has been revoked.
 *
 * <pre>{@code
 * Optional<StoredRefreshToken> found = store.findByLookupId(lookupId);
 * if (found.isPresent() && found.get().spentAt().isPresent()) { ... }
 * }</pre>
 *
 * @param token the token's immutable facts
 * @param family the family's immutable facts
 * @param spentAtOrNull when the token was rotated, or {@code null} while it is the family's live
 *     token
 * @param successorLookupIdOrNull the lookup id of the token that replaced it, or {@code null} while
 *     it is live
 * @param revokedAtOrNull when the family was revoked, or {@code null} if it is not
 * @param revocationReasonOrNull why the family was revoked (the first revocation's reason), or
 *     {@code null}
 */
public record StoredRefreshToken(
    RefreshTokenRecord token,
    RefreshTokenFamily family,
    Instant spentAtOrNull,
    String successorLookupIdOrNull,
    Instant revokedAtOrNull,
    RevocationReason revocationReasonOrNull) {

  /**
   * Checks the components.
   *
   * @throws NullPointerException if {@code token} or {@code family} is {@code null}
   * @throws IllegalArgumentException if the token is not of the family, if exactly one of spent-at
   *     and successor is given, or exactly one of revoked-at and reason
   */
  public StoredRefreshToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(family, "family");
    if (!token.familyId().equals(family.familyId())) {
      throw new IllegalArgumentException("token is not of this family");
    }
    if ((spentAtOrNull == null) != (successorLookupIdOrNull == null)) {
      throw new IllegalArgumentException("spentAt and successorLookupId go together");
    }
    if ((revokedAtOrNull == null) != (revocationReasonOrNull == null)) {
      throw new IllegalArgumentException("revokedAt and revocationReason go together");
    }
  }

  /**
   * Returns when the token was rotated.
   *
   * @return the spend time, empty while the token is live
   */
  public Optional<Instant> spentAt() {
    return Optional.ofNullable(spentAtOrNull);
  }

  /**
   * Returns the lookup id of the token that replaced this one.
   *
   * @return the successor's lookup id, empty while the token is live
   */
  public Optional<String> successorLookupId() {
    return Optional.ofNullable(successorLookupIdOrNull);
  }

  /**
   * Returns why the family was revoked.
   *
   * @return the reason, empty if the family is not revoked
   */
  public Optional<RevocationReason> revocationReason() {
    return Optional.ofNullable(revocationReasonOrNull);
  }

  /**
   * Returns whether this token can still be rotated: not spent and family not revoked (expiry is
   * checked separately).
   *
   * @return {@code true} if live
   */
  public boolean isLive() {
    return spentAtOrNull == null && revokedAtOrNull == null;
  }
}
