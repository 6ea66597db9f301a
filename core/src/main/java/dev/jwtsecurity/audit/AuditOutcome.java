package dev.jwtsecurity.audit;

/**
 * How a recorded user action or resource access attempt ended.
 *
 * <pre>{@code
 * trail.append(AuditRecord.builder(clock.instant(), user.userId(), "document.read", AuditOutcome.SUCCESS)
 *     .resource("document", documentId)
 *     .build());
 * }</pre>
 */
public enum AuditOutcome {
  /** The action was performed. */
  SUCCESS,
  /**
   * The action was refused: missing role or permission, or the resource belongs to someone else.
   */
  DENIED,
  /** The resource does not exist. */
  NOT_FOUND,
  /** The action was attempted and failed for another reason (invalid input, storage error). */
  FAILED
}
