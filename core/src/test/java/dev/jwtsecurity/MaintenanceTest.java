package dev.jwtsecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.jwtsecurity.access.AccessTokenDenylist;
import dev.jwtsecurity.audit.AuditOutcome;
import dev.jwtsecurity.audit.AuditQuery;
import dev.jwtsecurity.audit.AuditRecord;
import dev.jwtsecurity.audit.AuditTrail;
import dev.jwtsecurity.refresh.RefreshTokenStore;
import dev.jwtsecurity.testing.ManualClock;
import dev.jwtsecurity.throttle.LoginThrottle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit retention applied by {@link JwtSecurity#purgeExpired()}. */
class MaintenanceTest {

  private final ManualClock clock = ManualClock.at("2026-11-27T12:00:00Z");

  private static AuditRecord at(Instant time) {
    return AuditRecord.builder(time, "alice", "document.read", AuditOutcome.SUCCESS).build();
  }

  private Maintenance maintenance(AuditTrail trail, Duration retention) {
    return new Maintenance(
        clock,
        RefreshTokenStore.inMemory(),
        LoginThrottle.builder().clock(clock).build(),
        AccessTokenDenylist.inMemory(10),
        trail,
        retention);
  }

  private static int size(AuditTrail trail, Instant now) {
    return trail.query("alice", Instant.EPOCH, now.plusSeconds(1), AuditQuery.MAX_LIMIT).size();
  }

  @Test
  void purgeExpired_recordExactlyRetentionOld_isKeptAndOneMicrosecondOlderIsPurged() {
    AuditTrail trail = AuditTrail.inMemory();
    Instant cutoff = clock.instant().minus(Duration.ofDays(90));
    trail.append(at(cutoff.minusNanos(1000)));
    trail.append(at(cutoff));
    trail.append(at(cutoff.plusNanos(1000)));

    assertThat(maintenance(trail, Duration.ofDays(90)).purgeExpired()).isEqualTo(1);
    assertThat(size(trail, clock.instant())).isEqualTo(2);
  }

  @Test
  void purgeExpired_afterClockAdvances_purgesWhatHasAgedOut() {
    AuditTrail trail = AuditTrail.inMemory();
    trail.append(at(clock.instant()));
    Maintenance m = maintenance(trail, Duration.ofDays(7));

    assertThat(m.purgeExpired()).isZero();
    clock.advance(Duration.ofDays(7));
    assertThat(m.purgeExpired()).isZero();
    clock.advance(Duration.ofNanos(1000));
    assertThat(m.purgeExpired()).isEqualTo(1);
  }

  @Test
  void purgeExpired_generatedAges_purgesExactlyThoseOlderThanTheRetention() {
    qt().forAll(
            lists().of(integers().between(0, 200 * 24)).ofSizeBetween(0, 60),
            integers().between(1, 120))
        .checkAssert(
            (ageHours, retentionDays) -> {
              AuditTrail trail = AuditTrail.inMemory();
              for (int h : ageHours) {
                trail.append(at(clock.instant().minus(Duration.ofHours(h))));
              }
              long older = ageHours.stream().filter(h -> h > retentionDays * 24).count();

              assertThat(maintenance(trail, Duration.ofDays(retentionDays)).purgeExpired())
                  .isEqualTo(older);
              List<AuditRecord> left =
                  trail.query(
                      "alice", Instant.EPOCH, clock.instant().plusSeconds(1), AuditQuery.MAX_LIMIT);
              assertThat(left).hasSize(ageHours.size() - (int) older);
            });
  }

  @Test
  void purgeExpired_withoutTrail_purgesTheOtherStoresOnly() {
    assertThat(maintenance(null, null).purgeExpired()).isZero();
  }
}
