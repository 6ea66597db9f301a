package dev.jwtsecurity.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * A question to an {@link AuditTrail}: the records of one user in the half-open time range {@code
 * [from, to)}, oldest first, at most {@code limit} of them. Validated on construction, so
 * implementations receive only sane queries.
 *
 * <pre>{@code
 * List<AuditRecord> lastDay = trail.query(new AuditQuery("alice", now.minus(Duration.ofDays(1)), now, 500));
 * }</pre>
 *
 * <p>The SQL shape is {@code SELECT ... WHERE user_id = ? AND event_time >= ? AND event_time < ?
 * ORDER BY event_time, seq FETCH FIRST ? ROWS ONLY}, where {@code seq} is the insertion order.
 *
 * @param userId the user whose records are wanted; not blank
 * @param from the earliest record time, inclusive
 * @param to the latest record time, exclusive; not before {@code from}
 * @param limit the most records returned, 1 to {@link #MAX_LIMIT}
 */
public record AuditQuery(String userId, Instant from, Instant to, int limit) {

  /**
   * The most records one query may return. Page through larger ranges by advancing {@code from}.
   */
  public static final int MAX_LIMIT = 10_000;

  /**
   * Validates the components.
   *
   * @throws NullPointerException if {@code userId}, {@code from} or {@code to} is {@code null}
   * @throws IllegalArgumentException if {@code userId} is blank, {@code to} is before {@code from},
   *     or {@code limit} is not between 1 and {@link #MAX_LIMIT}
   */
  public AuditQuery {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (userId.isBlank()) {
      throw new IllegalArgumentException("userId must not be blank");
    }
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to must not be before from (the range is [from, to))");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be between 1 and "
              + MAX_LIMIT
              + ", was "
              + limit
              + "; page through larger ranges");
    }
  }

  /**
   * Returns whether {@code record} answers this query.
   *
   * @param record a record
   * @return {@code true} if the record is this user's and its time is in {@code [from, to)}
   */
  public boolean matches(AuditRecord record) {
    return record.userId().equals(userId)
        && !record.time().isBefore(from)
        && record.time().isBefore(to);
  }
}
