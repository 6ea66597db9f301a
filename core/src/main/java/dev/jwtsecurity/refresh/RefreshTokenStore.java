package dev.jwtsecurity.refresh;

import java.time.Instant;
import java.util.Optional;

/**
 * Where refresh-token families live. {@link dev.jwtsecurity.JwtSecurity} decides (hash check,
 * expiry, grace window, reuse); the store only records, and makes the one decision that must be
 * atomic: which of several concurrent rotations of one token wins.
 *
 * <pre>{@code
 * RefreshTokenStore store = RefreshTokenStore.inMemory();   // one JVM
 * // several JVMs: a shared store on your database, e.g. the jwt-security-jdbc module
 * JwtSecurity security = JwtSecurity.builder(settings).refreshTokenStore(store).build();
 * }</pre>
 *
 * <h2>Contract for implementations</h2>
 *
 * <ul>
 *   <li><b>Atomicity.</b> {@link #rotate} is a compare-and-set: among any number of concurrent
 *       calls for the same lookup id, in this JVM or in any other sharing the store, at most one
 *       returns {@link RotationResult.Outcome#ROTATED}, and only if the token was live (not spent,
 *       family not revoked) when it ran. Spending the token and storing the successor happen
 *       together or not at all. On SQL: in one transaction, {@code UPDATE refresh_token SET
 *       spent_at = ?, successor = ? WHERE lookup_id = ? AND spent_at IS NULL AND family not
 *       revoked}, and insert the successor only when exactly one row changed; otherwise read the
 *       row to report why.
 *   <li><b>Revocation wins.</b> A rotation that runs after {@link #revokeFamily} or {@link
 *       #revokeAllForUser} has returned must report {@link RotationResult.Outcome#REVOKED}.
 *       Revocation is permanent and idempotent; the first reason is kept.
 *   <li><b>Secrets.</b> Only {@link RefreshTokenRecord#secretHash()} is stored; a store never sees
 *       a token.
 *   <li><b>Read-your-writes.</b> After a method returns, {@link #findByLookupId} in any JVM sees
 *       its effect.
 *   <li><b>Retention.</b> A store keeps spent tokens until their family is purged, so a replayed
 *       old token is still recognised as reuse; a store that must forget earlier (the in-memory
 *       store under its caps) documents it, and a forgotten token is then refused as unknown
 *       without revoking its family.
 *   <li><b>Errors.</b> Infrastructure failures are thrown as unchecked exceptions and must leave
 *       the store unchanged; the service then refuses the request (fails closed).
 *   <li>Implementations are thread-safe. Ids and user ids are compared exactly (case-sensitive).
 * </ul>
 */
public interface RefreshTokenStore {

  /**
   * Stores a new family with its first token (a login).
   *
   * @param family the new family
   * @param first its first token; {@code first.familyId()} equals {@code family.familyId()}
   * @throws IllegalArgumentException if the ids do not match, or the family or lookup id already
   *     exists
   */
  void create(RefreshTokenFamily family, RefreshTokenRecord first);

  /**
   * Finds a token by its lookup id.
   *
   * @param lookupId the lookup id from a presented token
   * @return a snapshot of the token and its family, or empty if unknown (never issued, or purged)
   */
  Optional<StoredRefreshToken> findByLookupId(String lookupId);

  /**
   * Atomically spends the live token {@code lookupId} and stores {@code successor} in the same
   * family; see the class contract. Does not check expiry: the caller has.
   *
   * @param lookupId the token being presented
   * @param successor the token that replaces it; same family, new lookup id
   * @param now the time of the rotation, recorded as the spend time
   * @return {@link RotationResult.Outcome#ROTATED} for the single winner; {@code ALREADY_SPENT}
   *     (with the winner's spend time and successor) if the token was spent before; {@code REVOKED}
   *     if its family is revoked; {@code NOT_FOUND} if unknown
   * @throws IllegalArgumentException if {@code successor} belongs to another family than the token
   */
  RotationResult rotate(String lookupId, RefreshTokenRecord successor, Instant now);

  /**
   * Revokes one family: none of its tokens can be rotated any more.
   *
   * @param familyId the family
   * @param reason why; kept only if this call is the first revocation
   * @param now when
   * @return {@code true} if this call revoked it; {@code false} if unknown or already revoked
   */
  boolean revokeFamily(String familyId, RevocationReason reason, Instant now);

  /**
   * Revokes every family of a user ("log out everywhere").
   *
   * @param userId the user
   * @param reason why
   * @param now when
   * @return how many families this call revoked
   */
  int revokeAllForUser(String userId, RevocationReason reason, Instant now);

  /**
   * Deletes, with all their tokens, every family that can no longer be used: its absolute {@link
   * RefreshTokenFamily#expiresAt()} is not after {@code now}, or none of its tokens has an {@link
   * RefreshTokenRecord#expiresAt()} after {@code now}. Call it periodically; the in-memory store
   * also calls it itself.
   *
   * @param now the current time
   * @return how many families were deleted
   */
  int purgeExpired(Instant now);

  /**
   * Returns a store in this JVM's memory with the default caps: 100,000 families in total, 100 per
   * user, 8 tokens per family. Right for a single instance only; on several instances a refresh on
   * another instance would be refused as unknown.
   *
   * @return a new, empty, thread-safe store
   */
  static RefreshTokenStore inMemory() {
    return InMemoryRefreshTokenStore.builder().build();
  }

  /**
   * Returns a store in this JVM's memory with the given caps; it purges unusable families by itself
   * at most once a minute.
   *
   * <pre>{@code
   * RefreshTokenStore store = RefreshTokenStore.inMemory(200_000, 20, 8);
   * }</pre>
   *
   * <h4>Security considerations</h4>
   *
   * <ul>
   *   <li>A login beyond {@code maxFamiliesPerUser} logs out that user's oldest session; a login
   *       beyond {@code maxFamilies} first purges unusable families, then logs out the oldest
   *       session of anyone: size it above your number of live sessions.
   *   <li>Each family keeps its newest {@code maxTokensPerFamily} tokens: a replay of an older,
   *       forgotten token is refused as unknown but no longer revokes its family, so reuse is
   *       detected for the last {@code maxTokensPerFamily - 1} rotations of a session.
   * </ul>
   *
   * @param maxFamilies sessions in total, 1 to 10,000,000
   * @param maxFamiliesPerUser sessions (devices) per user, 1 to 10,000, at most {@code maxFamilies}
   * @param maxTokensPerFamily tokens kept per session, 2 to 1,000
   * @return a new, empty, thread-safe store
   * @throws IllegalArgumentException if a cap is out of range
   */
  static RefreshTokenStore inMemory(
      int maxFamilies, int maxFamiliesPerUser, int maxTokensPerFamily) {
    InMemoryRefreshTokenStore.Builder b =
        InMemoryRefreshTokenStore.builder()
            .maxFamilies(maxFamilies)
            .maxFamiliesPerUser(maxFamiliesPerUser)
            .maxTokensPerFamily(maxTokensPerFamily);
    if (maxFamiliesPerUser > maxFamilies) {
      throw new IllegalArgumentException(
          "maxFamiliesPerUser ("
              + maxFamiliesPerUser
              + ") must not exceed maxFamilies ("
              + maxFamilies
              + ")");
    }
    return b.build();
  }
}
