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
 * The behaviour every {@link AuditTrail} implementation must show: the in-memory trail and the JDBC
 * trails (H2, PostgreSQL) pass it. Extend it in a class named {@code ...Test} and return a fresh,
 * empty trail from {@link #newTrail()}:
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

  @Test
  void append_fullAndBareRecords_queryReturnsEveryComponentVerbatim() {
    AuditTrail trail = newTrail();
    AuditRecord full =
        AuditRecord.builder(
                T0.plusNanos(1_234_567), "alice", "document.delete", AuditOutcome.DENIED)
            .resource("document", "d-42")
            .request(RequestContext.of("2001:db8::1", "Mozilla/5.0 (X11)", "req-7"))
            .build();
    AuditRecord bare =
        AuditRecord.builder(T0.plusSeconds(1), "alice", "login", AuditOutcome.SUCCESS).build();
    trail.append(full);
    trail.append(bare);
    assertThat(trail.query("alice", T0, T0.plusSeconds(2), 10)).containsExactly(full, bare);
  }

  @Test
  void query_interleavedUsers_ordersByTimeThenAppendAndAppliesLimitAndExactUser() {
    AuditTrail trail = newTrail();
    AuditRecord late = record("alice", T0.plusSeconds(5), "a.late");
    AuditRecord tie1 = record("alice", T0.plusSeconds(1), "a.tie1");
    AuditRecord tie2 = record("alice", T0.plusSeconds(1), "a.tie2");
    AuditRecord early = record("alice", T0, "a.early");
    trail.append(late);
    trail.append(tie1);
    trail.append(record("bob", T0, "b"));
    trail.append(tie2);
    trail.append(early);
    assertThat(trail.query("alice", T0, T0.plusSeconds(10), 100))
        .containsExactly(early, tie1, tie2, late);
    assertThat(trail.query("alice", T0, T0.plusSeconds(10), 2)).containsExactly(early, tie1);
    assertThat(trail.query("ALICE", T0, T0.plusSeconds(10), 100)).isEmpty();
  }

  @Test
  void query_boundsOneNanosecondApart_areHalfOpen() {
    AuditTrail trail = newTrail();
    AuditRecord atFrom = record("alice", T0, "from");
    AuditRecord atTo = record("alice", T0.plusSeconds(1), "to");
    trail.append(atFrom);
    trail.append(atTo);
    assertThat(trail.query(new AuditQuery("alice", T0, T0.plusSeconds(1), 10)))
        .containsExactly(atFrom);
    assertThat(
            trail.query(
                new AuditQuery("alice", T0.plusNanos(1), T0.plusSeconds(1).plusNanos(1), 10)))
        .containsExactly(atTo);
  }

  @Test
  void purgeOlderThan_severalUsers_deletesStrictlyOlderAndCounts() {
    AuditTrail trail = newTrail();
    trail.append(record("alice", T0, "old1"));
    trail.append(record("bob", T0.plusSeconds(1), "old2"));
    AuditRecord atCutoff = record("alice", T0.plusSeconds(2), "kept");
    trail.append(atCutoff);
    assertThat(trail.purgeOlderThan(T0.plusSeconds(2))).isEqualTo(2);
    assertThat(trail.purgeOlderThan(T0.plusSeconds(2))).isZero();
    assertThat(trail.query("alice", T0, T0.plus(Duration.ofDays(1)), 10)).containsExactly(atCutoff);
  }

  @Test
  void hostileText_storedAndReadBackVerbatim() {
    AuditTrail trail = newTrail();
    String hostile = "o'brien\"); DROP TABLE audit; -- \\ %_ \u00e9\u4e2d";
    AuditRecord r =
        AuditRecord.builder(T0, hostile, "x'; --", AuditOutcome.FAILED)
            .resource("' OR '1'='1", hostile)
            .request(RequestContext.of("'; --", hostile, "\"req\""))
            .build();
    trail.append(r);
    assertThat(trail.query(hostile, T0, T0.plusSeconds(1), 10)).containsExactly(r);
    assertThat(trail.query("' OR '1'='1", T0, T0.plusSeconds(1), 10)).isEmpty();
    assertThat(trail.query(hostile + "%", T0, T0.plusSeconds(1), 10)).isEmpty();
  }
}
