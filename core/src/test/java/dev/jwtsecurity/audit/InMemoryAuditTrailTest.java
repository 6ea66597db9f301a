package dev.jwtsecurity.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsecurity.testing.AuditTrailContract;
import org.junit.jupiter.api.Test;

class InMemoryAuditTrailTest extends AuditTrailContract {

  @Override
  protected AuditTrail newTrail() {
    return InMemoryAuditTrail.builder().build();
  }

  @Test
  void append_beyondCapacity_evictsOldestAppendedAndCountsIt() {
    InMemoryAuditTrail trail = InMemoryAuditTrail.builder().maxRecords(3).build();
    for (int i = 0; i < 5; i++) {
      trail.append(record("alice", T0.plusSeconds(i), "a" + i));
    }

    assertThat(trail.size()).isEqualTo(3);
    assertThat(trail.evictedCount()).isEqualTo(2);
    assertThat(trail.query("alice", T0, T0.plusSeconds(60), 10))
        .extracting(AuditRecord::action)
        .containsExactly("a2", "a3", "a4");
  }

  @Test
  void append_floodOfRecords_neverHoldsMoreThanCapacity() {
    InMemoryAuditTrail trail = InMemoryAuditTrail.builder().maxRecords(100).build();
    for (int i = 0; i < 10_000; i++) {
      trail.append(record("u" + i, T0.plusMillis(i), "a"));
      assertThat(trail.size()).isLessThanOrEqualTo(100);
    }
    assertThat(trail.evictedCount()).isEqualTo(9_900);
  }
}
