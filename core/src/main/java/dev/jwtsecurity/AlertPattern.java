package dev.jwtsecurity;

/**
 * The suspicious patterns the {@link FailureMonitor} recognises; the name is the reason of a {@code
 * security_alert} event.
 */
enum AlertPattern {
  /** Many failed logins for one account (password guessing against one user). */
  REPEATED_ACCOUNT_FAILURES,
  /**
   * Failed logins for many distinct accounts from one address (credential stuffing, password
   * spraying).
   */
  CREDENTIAL_STUFFING,
  /**
   * Failed logins against one account from many distinct addresses (a distributed attack on one
   * user).
   */
  DISTRIBUTED_ACCOUNT_ATTACK,
  /**
   * A spent refresh token was presented again: likely theft (RFC 9700 §4.14.2). Alerts on the first
   * occurrence.
   */
  REFRESH_TOKEN_REUSE,
  /**
   * Many refused access tokens from one address (forgery attempts, token scanning, a broken
   * client).
   */
  INVALID_TOKEN_BURST
}
