package dev.jwtsecurity.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.audit.AuditOutcome;
import dev.jwtsecurity.audit.AuditQuery;
import dev.jwtsecurity.audit.AuditRecord;
import dev.jwtsecurity.audit.AuditTrail;
import dev.jwtsecurity.audit.RequestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link AuditTrail} implementation must show. Extend it in a class named
 * {@code ...Test} and return a fresh, empty trail from {@link #newTrail()}:
 *
 * <pre>{@code
 * class JdbcAuditTrailTest extends AuditTrailContract {
 *   @Override protected AuditTrail newTrail() { return JdbcAuditTrail.builder().dataSource(freshDb()).build(); }
 * }
 * }</pre>
 */
public abstract class AuditTrailContract {

  /** A fixed base instant for the records. */
  protected static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

  /**
   * Returns a new, empty trail.
   *
   * @return the trail under test
   */
  protected abstract AuditTrail newTrail();

  /**
   * Returns a record of {@code user} at {@code time}.
   *
   * @param user the user id
   * @param time the time
   * @param action the action
   * @return the record
   */
  protected static AuditRecord record(String user, Instant time, String action) {
    return AuditRecord.builder(time, user, action, AuditOutcome.SUCCESS)
        .resource("document", "d-1")
        .request(RequestContext.of("203.0.113.7", "Mozilla/5.0 (X11; Linux)", "req-1"))
        .build();
  }

  @Test
  void append_thenQuery_roundTripsEveryComponent() {
    AuditTrail trail = newTrail();
    AuditRecord r =
        AuditRecord.builder(
                T0.plusNanos(123_456_789), "alice", "document.delete", AuditOutcome.DENIED)
            .resource("document", "42")
            .request(RequestContext.of("2001:db8::1", "curl/8.5", "r-9"))
            .build();
    trail.append(r);

    assertThat(trail.query("alice", T0, T0.plusSeconds(1), 10)).containsExactly(r);
  }

  @Test
  void query_otherUsersRecords_areNeverReturned() {
    AuditTrail trail = newTrail();
    trail.append(record("alice", T0, "a"));
    trail.append(record("bob", T0, "b"));

    assertThat(trail.query("alice", T0, T0.plusSeconds(1), 10))
        .extracting(AuditRecord::userId)
        .containsOnly("alice");
  }

  @Test
  void query_range_isHalfOpenFromInclusiveToExclusive() {
    AuditTrail trail = newTrail();
    trail.append(record("alice", T0.minusNanos(1000), "before"));
    trail.append(record("alice", T0, "at-from"));
    trail.append(record("alice", T0.plusSeconds(10).minusNanos(1000), "last-inside"));
    trail.append(record("alice", T0.plusSeconds(10), "at-to"));

    assertThat(trail.query("alice", T0, T0.plusSeconds(10), 10))
        .extracting(AuditRecord::action)
        .containsExactly("at-from", "last-inside");
  }

  @Test
  void query_recordsAppendedOutOfOrder_comeBackOldestFirstWithTiesInAppendOrder() {
    AuditTrail trail = newTrail();
    trail.append(record("alice", T0.plusSeconds(3), "third"));
    trail.append(record("alice", T0.plusSeconds(1), "first-a"));
    trail.append(record("alice", T0.plusSeconds(1), "first-b"));
    trail.append(record("alice", T0.plusSeconds(2), "second"));

    assertThat(trail.query("alice", T0, T0.plusSeconds(60), 10))
        .extracting(AuditRecord::action)
        .containsExactly("first-a", "first-b", "second", "third");
  }

  @Test
  void query_limit_returnsTheOldestRecordsFirst() {
    AuditTrail trail = newTrail();
    for (int i = 0; i < 20; i++) {
      trail.append(record("alice", T0.plusSeconds(i), "a" + i));
    }

    assertThat(trail.query(new AuditQuery("alice", T0, T0.plusSeconds(60), 3)))
        .extracting(AuditRecord::action)
        .containsExactly("a0", "a1", "a2");
  }

  @Test
  void purgeOlderThan_recordAtTheCutoff_isKeptAndOlderOnesDeleted() {
    AuditTrail trail = newTrail();
    trail.append(record("alice", T0.minusNanos(1000), "older"));
    trail.append(record("alice", T0, "at-cutoff"));
    trail.append(record("alice", T0.plusSeconds(1), "newer"));

    assertThat(trail.purgeOlderThan(T0)).isEqualTo(1);
    assertThat(trail.query("alice", T0.minusSeconds(60), T0.plusSeconds(60), 10))
        .extracting(AuditRecord::action)
        .containsExactly("at-cutoff", "newer");
    assertThat(trail.purgeOlderThan(T0)).isZero();
  }

  @Test
  void purgeOlderThan_generatedRecords_deletesExactlyThoseBeforeTheCutoff() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    System.out.println("purgeOlderThan property seed=" + seed);
    AuditTrail trail = newTrail();
    List<AuditRecord> all = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      AuditRecord r =
          record("u" + random.nextInt(3), T0.plusMillis(random.nextInt(100_000)), "a" + i);
      all.add(r);
      trail.append(r);
    }
    Instant cutoff = T0.plusMillis(random.nextInt(100_000));

    long expected = all.stream().filter(r -> r.time().isBefore(cutoff)).count();
    assertThat(trail.purgeOlderThan(cutoff)).as("seed %s", seed).isEqualTo(expected);
    for (String user : List.of("u0", "u1", "u2")) {
      List<AuditRecord> left =
          trail.query(user, T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(1)), 1000);
      assertThat(left).as("seed %s", seed).allMatch(r -> !r.time().isBefore(cutoff));
      assertThat(left)
          .as("seed %s", seed)
          .hasSize(
              (int)
                  all.stream()
                      .filter(r -> r.userId().equals(user) && !r.time().isBefore(cutoff))
                      .count());
    }
  }

  @Test
  void append_null_throws() {
    AuditTrail trail = newTrail();
    assertThatThrownBy(() -> trail.append(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> trail.purgeOlderThan(null)).isInstanceOf(NullPointerException.class);
  }
}
