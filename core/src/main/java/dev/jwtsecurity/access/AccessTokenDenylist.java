package dev.jwtsecurity.access;

import dev.jwtsecurity.internal.SettingRules;
import dev.jwtsecurity.token.VerifiedAccessToken;
import java.time.Duration;
import java.time.Instant;

/**
 * Access tokens revoked one by one before they expire, keyed by ({@code iss}, {@code jti}), never
 * by the token itself. The authenticator of {@link dev.jwtsecurity.JwtSecurity} refuses a listed
 * token with {@code InvalidTokenException.Reason.REVOKED}; {@code JwtSecurity.logout} adds the
 * caller's token. Ending a session (logout, reuse detection) lists the whole session under its
 * {@code sid} ({@code s.<family id>}, at most 64 characters), which no {@code jti} of the library's
 * tokens can equal (those are base64url, without {@code '.'}); the authenticator refuses every
 * token naming that session.
 *
 * <pre>{@code
 * AccessTokenDenylist denylist = AccessTokenDenylist.inMemory();   // or a shared one on several instances
 * JwtSecurity security = JwtSecurity.builder(settings).denylist(denylist).build();
 * // when an administrator kills one session:
 * denylist.deny(auth.token());
 * }</pre>
 *
 * <h2>Contract for implementations</h2>
 *
 * <ul>
 *   <li>An entry is kept at least until its {@code expiresAt} plus {@link #RETENTION_AFTER_EXPIRY}
 *       (the validator's largest clock skew: a token is still accepted that long after its {@code
 *       exp}); after that it may be deleted, since the validator refuses the token as expired
 *       anyway. This keeps the list as small as the set of revoked, unexpired tokens.
 *   <li>A token without {@code iss} is keyed with the empty string as issuer.
 *   <li>After {@link #deny} returns, {@link #isDenied} answers {@code true} in every JVM sharing
 *       the list. {@link #deny} never silently drops an entry: if it cannot store one it throws, so
 *       the caller knows the revocation failed.
 *   <li>Thread-safe. Infrastructure failures are thrown unchecked; the authenticator then refuses
 *       the request.
 * </ul>
 *
 * <h2>Security considerations</h2>
 *
 * <p>A denylist makes one token die at once; to end every token of a user, record a credential
 * change in the {@link UserDirectory} instead (it needs no list). The in-memory list is per JVM: on
 * several instances use a shared one.
 */
public interface AccessTokenDenylist {

  /**
   * How long after a token's {@code exp} an entry must still be kept: the validator's maximum clock
   * skew.
   */
  Duration RETENTION_AFTER_EXPIRY = SettingRules.MAX_CLOCK_SKEW;

  /**
   * Revokes one access token until it expires.
   *
   * @param issuer the token's {@code iss}, or the empty string if it has none
   * @param tokenId the token's {@code jti}
   * @param expiresAt the token's {@code exp}
   * @throws IllegalStateException if the entry cannot be stored (for example the in-memory list is
   *     full)
   */
  void deny(String issuer, String tokenId, Instant expiresAt);

  /**
   * Revokes one verified access token until it expires.
   *
   * @param token the token
   * @throws IllegalStateException if the entry cannot be stored
   */
  default void deny(VerifiedAccessToken token) {
    deny(token.issuer().orElse(""), token.tokenId(), token.expiresAt());
  }

  /**
   * Tells whether a token is revoked.
   *
   * @param issuer the token's {@code iss}, or the empty string
   * @param tokenId the token's {@code jti}
   * @param now the current time, to ignore entries past their retention
   * @return {@code true} if revoked
   */
  boolean isDenied(String issuer, String tokenId, Instant now);

  /**
   * Deletes entries past their retention; the in-memory list also does it itself.
   *
   * @param now the current time
   * @return how many entries were deleted
   */
  int purgeExpired(Instant now);

  /**
   * Returns a thread-safe in-memory list for one JVM holding at most 100,000 unexpired entries.
   *
   * @return a new, empty list
   */
  static AccessTokenDenylist inMemory() {
    return new InMemoryAccessTokenDenylist(InMemoryAccessTokenDenylist.DEFAULT_MAX_ENTRIES);
  }

  /**
   * Returns a thread-safe in-memory list for one JVM holding at most {@code maxEntries} unexpired
   * entries; when it is full of unexpired entries, {@link #deny} throws {@link
   * IllegalStateException} rather than forget a revocation. Entries past their retention are purged
   * when the list fills up, judged by the latest time the list was asked about.
   *
   * @param maxEntries the capacity, 1 to 10,000,000
   * @return a new, empty list
   * @throws IllegalArgumentException if {@code maxEntries} is out of range
   */
  static AccessTokenDenylist inMemory(int maxEntries) {
    return new InMemoryAccessTokenDenylist(maxEntries);
  }
}
