package dev.jwtsecurity.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.jwtsecurity.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditRetentionTest {

  private final ManualClock clock = ManualClock.at("2026-11-27T12:00:00Z");

  private static AuditRecord at(Instant time) {
    return AuditRecord.builder(time, "alice", "document.read", AuditOutcome.SUCCESS).build();
  }

  @Test
  void defaults_keepNinetyDays() {
    assertThat(AuditRetention.defaults().maxAge()).isEqualTo(Duration.ofDays(90));
  }

  @Test
  void purge_recordExactlyMaxAgeOld_isKeptAndOneMicrosecondOlderIsPurged() {
    AuditRetention retention = AuditRetention.builder().clock(clock).build();
    InMemoryAuditTrail trail = InMemoryAuditTrail.builder().build();
    Instant cutoff = clock.instant().minus(Duration.ofDays(90));
    trail.append(at(cutoff.minusNanos(1000)));
    trail.append(at(cutoff));
    trail.append(at(cutoff.plusNanos(1000)));

    assertThat(retention.cutoff()).isEqualTo(cutoff);
    assertThat(retention.purge(trail)).isEqualTo(1);
    assertThat(trail.size()).isEqualTo(2);
  }

  @Test
  void purge_afterClockAdvances_purgesWhatHasAgedOut() {
    AuditRetention retention =
        AuditRetention.builder().maxAge(Duration.ofDays(7)).clock(clock).build();
    InMemoryAuditTrail trail = InMemoryAuditTrail.builder().build();
    trail.append(at(clock.instant()));

    assertThat(retention.purge(trail)).isZero();
    clock.advance(Duration.ofDays(7));
    assertThat(retention.purge(trail)).isZero();
    clock.advance(Duration.ofNanos(1000));
    assertThat(retention.purge(trail)).isEqualTo(1);
  }

  @Test
  void purge_generatedAges_purgesExactlyThoseOlderThanMaxAge() {
    qt().forAll(
            lists().of(integers().between(0, 200 * 24)).ofSizeBetween(0, 60),
            integers().between(1, 120))
        .checkAssert(
            (ageHours, maxAgeDays) -> {
              AuditRetention retention =
                  AuditRetention.builder().maxAge(Duration.ofDays(maxAgeDays)).clock(clock).build();
              InMemoryAuditTrail trail = InMemoryAuditTrail.builder().build();
              for (int h : ageHours) {
                trail.append(at(clock.instant().minus(Duration.ofHours(h))));
              }
              long older = ageHours.stream().filter(h -> h > maxAgeDays * 24).count();

              assertThat(retention.purge(trail)).isEqualTo(older);
              List<AuditRecord> left =
                  trail.query(
                      "alice", Instant.EPOCH, clock.instant().plusSeconds(1), AuditQuery.MAX_LIMIT);
              assertThat(left).hasSize(ageHours.size() - (int) older);
            });
  }
}
