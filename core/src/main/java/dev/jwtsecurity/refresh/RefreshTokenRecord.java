package dev.jwtsecurity.refresh;

import java.time.Instant;
import java.util.Objects;

/**
 * The immutable facts of one refresh token, as a {@link RefreshTokenStore} keeps them. The token's
 * secret is never stored: only {@link #secretHash()}, the unpadded base64url SHA-256 of the
 * secret's 32 random bytes (43 characters). A fast hash is enough because the secret has 256 bits
 * of entropy: nothing can be guessed or precomputed.
 *
 * <pre>{@code
 * RefreshTokenRecord record = new RefreshTokenRecord(lookupId, familyId, secretHash, now, idleExpiry);
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <p>{@link #toString()} hides the hash. Compare hashes in constant time ({@code
 * MessageDigest.isEqual}); the store looks tokens up by {@link #lookupId()} only, never by hash.
 *
 * @param lookupId random public identifier of the token, the store's key (22 base64url characters)
 * @param familyId the family the token belongs to
 * @param secretHash unpadded base64url SHA-256 of the token's secret
 * @param issuedAt when the token was issued
 * @param expiresAt when the token stops being accepted unless rotated before: the idle timeout,
 *     capped by the family's absolute expiry
 */
public record RefreshTokenRecord(
    String lookupId, String familyId, String secretHash, Instant issuedAt, Instant expiresAt) {

  /**
   * Checks the components.
   *
   * @throws NullPointerException if a component is {@code null}
   * @throws IllegalArgumentException if an id or the hash is empty, or {@code expiresAt} is not
   *     after {@code issuedAt}
   */
  public RefreshTokenRecord {
    Objects.requireNonNull(lookupId, "lookupId");
    Objects.requireNonNull(familyId, "familyId");
    Objects.requireNonNull(secretHash, "secretHash");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (lookupId.isEmpty() || familyId.isEmpty() || secretHash.isEmpty()) {
      throw new IllegalArgumentException("lookupId, familyId and secretHash must not be empty");
    }
    if (!expiresAt.isAfter(issuedAt)) {
      throw new IllegalArgumentException("expiresAt must be after issuedAt");
    }
  }

  @Override
  public String toString() {
    return "RefreshTokenRecord[lookupId="
        + lookupId
        + ", familyId="
        + familyId
        + ", secretHash=redacted, issuedAt="
        + issuedAt
        + ", expiresAt="
        + expiresAt
        + "]";
  }
}
