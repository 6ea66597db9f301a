package dev.jwtsecurity.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsecurity.audit.AuditOutcome;
import dev.jwtsecurity.audit.AuditQuery;
import dev.jwtsecurity.audit.AuditRecord;
import dev.jwtsecurity.audit.AuditTrail;
import dev.jwtsecurity.audit.RequestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link AuditTrail} contract, run against every implementation (in memory, H2, PostgreSQL):
 * core's generic suite ({@link dev.jwtsecurity.testing.AuditTrailContract}, from its test-jar) plus
 * ties, limits and hostile text.
 */
abstract class AuditTrailContract extends dev.jwtsecurity.testing.AuditTrailContract {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00.000001Z");

  AuditTrail trail;

  @BeforeEach
  void setUp() {
    trail = newTrail();
  }

  static AuditRecord record(Instant t, String user, String action) {
    return AuditRecord.builder(t, user, action, AuditOutcome.SUCCESS).build();
  }

  @Test
  void append_thenQuery_returnsEveryComponentVerbatim() {
    AuditRecord full =
        AuditRecord.builder(
                T0.plusNanos(1_234_567), "alice", "document.delete", AuditOutcome.DENIED)
            .resource("document", "d-42")
            .request(RequestContext.of("2001:db8::1", "Mozilla/5.0 (X11)", "req-7"))
            .build();
    AuditRecord bare = record(T0.plusSeconds(1), "alice", "login");
    trail.append(full);
    trail.append(bare);
    assertThat(trail.query("alice", T0, T0.plusSeconds(2), 10)).containsExactly(full, bare);
  }

  @Test
  void query_ordersByTimeThenInsertion_andAppliesLimitAndUser() {
    AuditRecord late = record(T0.plusSeconds(5), "alice", "a.late");
    AuditRecord tie1 = record(T0.plusSeconds(1), "alice", "a.tie1");
    AuditRecord tie2 = record(T0.plusSeconds(1), "alice", "a.tie2");
    AuditRecord early = record(T0, "alice", "a.early");
    trail.append(late);
    trail.append(tie1);
    trail.append(record(T0, "bob", "b"));
    trail.append(tie2);
    trail.append(early);
    assertThat(trail.query("alice", T0, T0.plusSeconds(10), 100))
        .containsExactly(early, tie1, tie2, late);
    assertThat(trail.query("alice", T0, T0.plusSeconds(10), 2)).containsExactly(early, tie1);
    assertThat(trail.query("ALICE", T0, T0.plusSeconds(10), 100)).isEmpty();
  }

  @Test
  void query_rangeIsHalfOpen() {
    AuditRecord atFrom = record(T0, "alice", "from");
    AuditRecord atTo = record(T0.plusSeconds(1), "alice", "to");
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
  void purgeOlderThan_deletesStrictlyOlderAndCounts() {
    trail.append(record(T0, "alice", "old1"));
    trail.append(record(T0.plusSeconds(1), "bob", "old2"));
    AuditRecord atCutoff = record(T0.plusSeconds(2), "alice", "kept");
    trail.append(atCutoff);
    assertThat(trail.purgeOlderThan(T0.plusSeconds(2))).isEqualTo(2);
    assertThat(trail.purgeOlderThan(T0.plusSeconds(2))).isZero();
    assertThat(trail.query("alice", T0, T0.plus(Duration.ofDays(1)), 10)).containsExactly(atCutoff);
  }

  @Test
  void hostileText_storedAndReadBackVerbatim() {
    String hostile = "o'brien\"); DROP TABLE audit; -- \\ %_ \u00e9\u4e2d";
    AuditRecord r =
        AuditRecord.builder(T0, hostile, "x'; --", AuditOutcome.FAILED)
            .resource("' OR '1'='1", hostile)
            .request(RequestContext.of("'; --", hostile, "\"req\""))
            .build();
    trail.append(r);
    assertThat(trail.query(hostile, T0, T0.plusSeconds(1), 10)).containsExactly(r);
    assertThat(trail.query("' OR '1'='1", T0, T0.plusSeconds(1), 10)).isEmpty();
    List<AuditRecord> all = trail.query(hostile + "%", T0, T0.plusSeconds(1), 10);
    assertThat(all).isEmpty();
  }
}
