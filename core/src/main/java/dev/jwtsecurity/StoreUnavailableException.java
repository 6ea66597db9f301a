package dev.jwtsecurity;

/**
 * A store (refresh tokens, throttle counters, the access-token denylist, the audit trail) could not
 * reach its database or server, or it failed, and the operation did not happen. Every store of this
 * library, in-memory, JDBC or Redis, reports an outage this one way. Unchecked: it is an
 * operational failure, not an outcome of the request. It extends {@link IllegalStateException}
 * because the {@link dev.jwtsecurity.access.AccessTokenDenylist} contract reports an entry that
 * cannot be stored that way.
 *
 * <pre>{@code
 * try {
 *   TokenPair next = tokens.refresh(presented, ctx);
 * } catch (StoreUnavailableException e) {
 *   // the database is down: answer 503, never treat the request as authenticated
 * }
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <p>The stores fail closed: a denylist check, a refresh or a throttle update that cannot reach the
 * database throws this exception and never answers "not revoked", "rotated" or "not throttled". The
 * message names the store and the failure (for example a SQLState), never a value from the request;
 * the cause is the driver's exception, which can quote key values (ids, not secrets: the stores
 * hold no secrets). A store writing audit records must not put record contents into the message.
 */
public class StoreUnavailableException extends IllegalStateException {

  /**
   * Creates an exception.
   *
   * @param message what failed, without request values
   * @param cause the underlying failure
   */
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
