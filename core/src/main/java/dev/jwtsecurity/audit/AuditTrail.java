package dev.jwtsecurity.audit;

import dev.jwtsecurity.StoreUnavailableException;
import java.time.Instant;
import java.util.List;

/**
 * Where user actions and resource access attempts are recorded (who, what, from which address and
 * user agent), and queried by user and time range.
 *
 * <pre>{@code
 * AuditTrail trail = AuditTrail.inMemory();                         // or the jdbc module's implementation
 * trail.append(AuditRecord.builder(clock.instant(), user.userId(), "document.delete", AuditOutcome.SUCCESS)
 *     .resource("document", id)
 *     .request(ctx)
 *     .build());
 * List<AuditRecord> records = trail.query(new AuditQuery(user.userId(), from, to, 100));
 * long purged = trail.purgeOlderThan(clock.instant().minus(Duration.ofDays(90)));   // scheduled
 * }</pre>
 *
 * <h2>Contract for implementations</h2>
 *
 * <ul>
 *   <li>{@link #append} stores the record as given (it is already cleaned and its time truncated to
 *       microseconds, so a SQL {@code TIMESTAMP} column round-trips it exactly) and keeps the
 *       insertion order.
 *   <li>{@link #query} returns the matching records ordered by time, then by insertion order: a
 *       stable order.
 *   <li>{@link #purgeOlderThan} deletes exactly the records whose time is strictly before the
 *       cutoff ({@code time < cutoff}); a record at the cutoff instant is kept. It returns how many
 *       were deleted.
 *   <li>All methods are thread-safe. Storage failures throw {@link StoreUnavailableException}.
 * </ul>
 *
 * <h2>Security considerations</h2>
 *
 * <p>Records hold who did what from where, never a token, password or raw header; every text
 * component is cleaned of control characters and capped by {@link AuditRecord}, so a record can be
 * written to a log as it is. Store queries with parameterised statements only.
 */
public interface AuditTrail {

  /**
   * Records one action or access attempt.
   *
   * @param record the record
   * @throws NullPointerException if {@code record} is {@code null}
   * @throws StoreUnavailableException if the record could not be stored
   */
  void append(AuditRecord record);

  /**
   * Returns the records that answer {@code query}, oldest first (ties in insertion order), at most
   * {@code query.limit()}.
   *
   * @param query the user, time range and limit
   * @return an immutable list
   * @throws NullPointerException if {@code query} is {@code null}
   * @throws StoreUnavailableException if the records could not be read
   */
  List<AuditRecord> query(AuditQuery query);

  /**
   * Returns the records of {@code userId} in {@code [from, to)}, oldest first, at most {@code
   * limit}.
   *
   * @param userId the user
   * @param from the earliest time, inclusive
   * @param to the latest time, exclusive
   * @param limit the most records returned, 1 to {@link AuditQuery#MAX_LIMIT}
   * @return an immutable list
   * @throws IllegalArgumentException if the query is invalid (see {@link AuditQuery})
   * @throws StoreUnavailableException if the records could not be read
   */
  default List<AuditRecord> query(String userId, Instant from, Instant to, int limit) {
    return query(new AuditQuery(userId, from, to, limit));
  }

  /**
   * Deletes every record whose time is strictly before {@code cutoff}. {@link
   * dev.jwtsecurity.JwtSecurity#purgeExpired()} calls it with the configured retention.
   *
   * @param cutoff records older than this instant are deleted; a record at exactly {@code cutoff}
   *     is kept
   * @return how many records were deleted
   * @throws NullPointerException if {@code cutoff} is {@code null}
   * @throws StoreUnavailableException if the records could not be deleted
   */
  long purgeOlderThan(Instant cutoff);

  /**
   * Returns a trail in this JVM's memory holding at most 100,000 records; when full it evicts the
   * oldest. Records are lost on restart and can be pushed out by a flood: use a database trail (the
   * {@code jwt-security-jdbc} module) when the trail is evidence.
   *
   * @return a new, empty, thread-safe trail
   */
  static AuditTrail inMemory() {
    return InMemoryAuditTrail.builder().build();
  }

  /**
   * Returns a trail in this JVM's memory holding at most {@code maxRecords} records; when full it
   * evicts the oldest appended record.
   *
   * @param maxRecords the most records kept, 1 to 10,000,000
   * @return a new, empty, thread-safe trail
   * @throws IllegalArgumentException if {@code maxRecords} is out of range
   */
  static AuditTrail inMemory(int maxRecords) {
    return InMemoryAuditTrail.builder().maxRecords(maxRecords).build();
  }
}
