package dev.jwtsecurity.audit;

/**
 * An {@link AuditTrail} could not store, read or purge records (for example a database error).
 * Unchecked: losing an audit record is an operational failure the application decides how to
 * handle, not an expected outcome.
 *
 * <pre>{@code
 * try {
 *   trail.append(record);
 * } catch (AuditTrailException e) {
 *   // fail the request, or count and alert: the application's choice
 * }
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <p>Implementations must not put record contents or connection secrets into the message.
 */
public class AuditTrailException extends RuntimeException {

  /**
   * Creates an exception.
   *
   * @param message what failed, without record contents or secrets
   * @param cause the underlying failure
   */
  public AuditTrailException(String message, Throwable cause) {
    super(message, cause);
  }
}
