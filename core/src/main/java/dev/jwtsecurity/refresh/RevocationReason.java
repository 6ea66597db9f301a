package dev.jwtsecurity.refresh;

/**
 * Why a refresh-token family was revoked. Stored with the family and reported in security events;
 * safe to log.
 *
 * <pre>{@code
 * store.revokeFamily(familyId, RevocationReason.LOGOUT, clock.instant());
 * }</pre>
 */
public enum RevocationReason {
  /** The user logged out of this session. */
  LOGOUT,
  /** The user ended every session ("log out everywhere"). */
  LOGOUT_EVERYWHERE,
  /** A spent refresh token of the family was presented again (RFC 9700 §4.14.2). */
  REUSE_DETECTED,
  /** The user no longer exists or is not active. */
  USER_INACTIVE,
  /** The family was started before the user's credentials were last changed. */
  CREDENTIALS_CHANGED,
  /** An administrator or the application revoked it. */
  ADMINISTRATIVE
}
