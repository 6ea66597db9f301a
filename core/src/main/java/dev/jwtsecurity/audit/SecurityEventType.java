package dev.jwtsecurity.audit;

/**
 * What happened, named by the <a
 * href="https://cheatsheetseries.owasp.org/cheatsheets/Logging_Vocabulary_Cheat_Sheet.html">OWASP
 * Logging Vocabulary</a>, with the severity it carries by default.
 *
 * <pre>{@code
 * SecurityEventType.AUTHN_LOGIN_FAIL.code();   // "authn_login_fail"
 * }</pre>
 */
public enum SecurityEventType {
  /** A login succeeded. */
  AUTHN_LOGIN_SUCCESS("authn_login_success", Severity.INFO),
  /**
   * A login failed (wrong password, unknown or disabled user: the reason tells which, the client
   * never does).
   */
  AUTHN_LOGIN_FAIL("authn_login_fail", Severity.WARN),
  /** An account or address reached its failure budget. */
  AUTHN_LOGIN_FAIL_MAX("authn_login_fail_max", Severity.WARN),
  /** An account or address is locked out for a while. */
  AUTHN_LOGIN_LOCK("authn_login_lock", Severity.WARN),
  /** An access or refresh token was issued. */
  AUTHN_TOKEN_CREATED("authn_token_created", Severity.INFO),
  /** A refresh token was rotated: spent, and a successor issued in its family. */
  AUTHN_TOKEN_REFRESHED("authn_token_refreshed", Severity.INFO),
  /**
   * A token was presented and refused; the reason says why (expired, bad signature, ...). A use
   * after expiry is this type with reason {@code EXPIRED}: together with {@link
   * #AUTHN_TOKEN_CREATED} and {@link #AUTHN_TOKEN_REVOKED} it tracks a token's life by its {@code
   * jti}.
   */
  AUTHN_TOKEN_INVALID("authn_token_invalid", Severity.WARN),
  /**
   * A token, a token family or all of a user's tokens were revoked (logout, logout everywhere,
   * administration).
   */
  AUTHN_TOKEN_REVOKED("authn_token_revoked", Severity.INFO),
  /** A spent refresh token was presented again: its family is revoked (RFC 9700 §4.14.2). */
  AUTHN_TOKEN_REUSE("authn_token_reuse", Severity.CRITICAL),
  /**
   * An authorisation check refused a user: a missing role or permission, or a CSRF check that
   * failed. The OWASP vocabulary has no CSRF name, so a CSRF refusal is this type with a reason
   * naming the check (such as {@code CSRF_TOKEN_MISMATCH} or {@code CSRF_ORIGIN_MISMATCH}); the
   * reason tells them apart.
   */
  AUTHZ_FAIL("authz_fail", Severity.WARN),
  /**
   * A user asked for a resource that belongs to someone else (the client was answered "not found").
   */
  MALICIOUS_DIRECT_REFERENCE("malicious_direct_reference", Severity.CRITICAL),
  /** A request was refused by a rate limit. */
  EXCESS_RATE_LIMIT_EXCEEDED("excess_rate_limit_exceeded", Severity.WARN),
  /**
   * Input failed validation in a way that suggests probing (oversized or malformed security
   * headers).
   */
  INPUT_VALIDATION_FAIL("input_validation_fail", Severity.WARN),
  /**
   * The failure monitor saw a suspicious pattern (credential stuffing, bursts of invalid tokens,
   * ...).
   */
  SECURITY_ALERT("security_alert", Severity.CRITICAL),
  /** A user changed their password. */
  AUTHN_PASSWORD_CHANGE("authn_password_change", Severity.INFO),
  /**
   * A password change was refused (wrong current password, or a new password that fails the
   * policy).
   */
  AUTHN_PASSWORD_CHANGE_FAIL("authn_password_change_fail", Severity.WARN),
  /**
   * The library started with the configuration the event's details describe (environment, key
   * fingerprint).
   */
  SYS_STARTUP("sys_startup", Severity.INFO),
  /** The application is shutting down. */
  SYS_SHUTDOWN("sys_shutdown", Severity.INFO),
  /**
   * Fetching an identity provider's keys (its discovery document or JWK Set) failed: unreachable,
   * too slow, too large, a refused redirect, an unexpected answer. The reason says which; cached
   * keys keep serving while they last. Not in the OWASP vocabulary, named in its style.
   */
  KEY_SOURCE_FAIL("sys_key_source_fail", Severity.WARN),
  /**
   * A key in an identity provider's JWK Set was refused (private material, too weak, no single
   * allowed algorithm, a duplicate {@code kid}, ...); the rest of the set is used. A published
   * private key is {@link Severity#CRITICAL}. Not in the OWASP vocabulary, named in its style.
   */
  KEY_REFUSED("sys_key_refused", Severity.WARN);

  /** How urgently an event deserves a human's attention; the log level follows it. */
  public enum Severity {
    /** Normal operation worth recording: a successful login, a token issued. */
    INFO,
    /** Expected failures that matter in numbers: a wrong password, an expired token. */
    WARN,
    /** Likely attack or compromise: refresh-token reuse, a forged token, credential stuffing. */
    CRITICAL
  }

  private final String code;
  private final Severity defaultSeverity;

  SecurityEventType(String code, Severity defaultSeverity) {
    this.code = code;
    this.defaultSeverity = defaultSeverity;
  }

  /**
   * Returns the vocabulary name written to logs, such as {@code authn_login_fail}.
   *
   * @return the stable lower-case event code
   */
  public String code() {
    return code;
  }

  /**
   * Returns the severity an event of this type carries unless its creator says otherwise.
   *
   * @return the default severity
   */
  public Severity defaultSeverity() {
    return defaultSeverity;
  }
}
