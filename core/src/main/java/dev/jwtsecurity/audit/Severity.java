package dev.jwtsecurity.audit;

/** How urgently a {@link SecurityEvent} deserves a human's attention. */
public enum Severity {
  /** Normal operation worth recording: a successful login, a token issued. */
  INFO,
  /** Expected failures that matter in numbers: a wrong password, an expired token. */
  WARN,
  /** Likely attack or compromise: refresh-token reuse, a forged token, credential stuffing. */
  CRITICAL
}
