package dev.jwtsecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.audit.SecurityEventType.Severity;
import dev.jwtsecurity.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class FailureMonitorTest {

  private final ManualClock clock = ManualClock.at("2026-11-27T12:00:00Z");

  /** An alert as the {@code security_alert} event describes it. */
  record SecurityAlert(
      AlertPattern pattern, String key, int count, Duration window, SecurityEvent event) {
    static SecurityAlert of(SecurityEvent e) {
      return new SecurityAlert(
          AlertPattern.valueOf(e.reason()),
          e.details().get("pattern_key"),
          Integer.parseInt(e.details().get("count")),
          Duration.ofSeconds(Long.parseLong(e.details().get("window_seconds"))),
          e);
    }
  }

  private final List<SecurityAlert> alerts = new CopyOnWriteArrayList<>();
  private final List<SecurityEvent> alertEvents = new CopyOnWriteArrayList<>();

  private FailureMonitor.Builder monitor() {
    return FailureMonitor.builder()
        .clock(clock)
        .alertEvents(
            e -> {
              alertEvents.add(e);
              alerts.add(SecurityAlert.of(e));
            });
  }

  private SecurityEvent loginFail(String user, String address) {
    return SecurityEvent.builder(SecurityEventType.AUTHN_LOGIN_FAIL, clock.instant())
        .userId(user)
        .request(RequestContext.of(address, "ua", null))
        .build();
  }

  private SecurityEvent invalidToken(String address) {
    return SecurityEvent.builder(SecurityEventType.AUTHN_TOKEN_INVALID, clock.instant())
        .request(RequestContext.of(address, "ua", null))
        .build();
  }

  private SecurityEvent reuse(String family) {
    return SecurityEvent.builder(SecurityEventType.AUTHN_TOKEN_REUSE, clock.instant())
        .userId("alice")
        .tokenId(family)
        .build();
  }

  private List<AlertPattern> patterns() {
    return alerts.stream().map(SecurityAlert::pattern).toList();
  }

  @Test
  void repeatedAccountFailures_atThreshold_alertsOnceAndNotBelow() {
    FailureMonitor m = monitor().repeatedAccountFailures(3, Duration.ofMinutes(10)).build();

    m.onEvent(loginFail("alice", "203.0.113.1"));
    m.onEvent(loginFail("alice", "203.0.113.1"));
    assertThat(alerts).isEmpty();
    m.onEvent(loginFail("alice", "203.0.113.1"));

    assertThat(alerts)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.pattern()).isEqualTo(AlertPattern.REPEATED_ACCOUNT_FAILURES);
              assertThat(a.key()).isEqualTo("alice");
              assertThat(a.count()).isEqualTo(3);
            });
  }

  @Test
  void repeatedAccountFailures_oldestExactlyAWindowAgo_doesNotCount() {
    FailureMonitor m = monitor().repeatedAccountFailures(3, Duration.ofMinutes(10)).build();

    m.onEvent(loginFail("alice", null));
    clock.advance(Duration.ofMinutes(5));
    m.onEvent(loginFail("alice", null));
    clock.advance(Duration.ofMinutes(5));
    m.onEvent(loginFail("alice", null)); // first is exactly 10 min old: outside
    assertThat(alerts).isEmpty();

    clock.advance(Duration.ofMinutes(5).minusNanos(1));
    m.onEvent(loginFail("alice", null)); // the last three span 10 min minus 1 ns: inside
    assertThat(patterns()).containsExactly(AlertPattern.REPEATED_ACCOUNT_FAILURES);
  }

  @Test
  void repeatedAccountFailures_sustainedAttack_alertsOncePerWindow() {
    FailureMonitor m = monitor().repeatedAccountFailures(3, Duration.ofMinutes(10)).build();

    for (int i = 0; i < 100; i++) { // one failure every 30 s for 50 minutes
      m.onEvent(loginFail("alice", null));
      clock.advance(Duration.ofSeconds(30));
    }

    // alerts at 1:00, 11:00, 21:00, 31:00, 41:00 (one window after each)
    assertThat(alerts).hasSize(5);
  }

  @Test
  void repeatedAccountFailures_differentAccounts_areCountedApart() {
    FailureMonitor m = monitor().repeatedAccountFailures(3, Duration.ofMinutes(10)).build();

    for (int i = 0; i < 2; i++) {
      m.onEvent(loginFail("alice", null));
      m.onEvent(loginFail("bob", null));
      m.onEvent(loginFail("carol", null));
    }

    assertThat(alerts).isEmpty();
  }

  @Test
  void credentialStuffing_distinctAccountsFromOneAddress_alertsAtThreshold() {
    FailureMonitor m = monitor().credentialStuffing(3, Duration.ofMinutes(10)).build();

    for (int i = 0; i < 10; i++) { // the same two accounts again and again: not stuffing
      m.onEvent(loginFail("alice", "198.51.100.9"));
      m.onEvent(loginFail("bob", "198.51.100.9"));
    }
    assertThat(patterns()).doesNotContain(AlertPattern.CREDENTIAL_STUFFING);
    m.onEvent(loginFail("carol", "198.51.100.9"));

    assertThat(alerts)
        .filteredOn(a -> a.pattern() == AlertPattern.CREDENTIAL_STUFFING)
        .singleElement()
        .satisfies(a -> assertThat(a.key()).isEqualTo("198.51.100.9"));
  }

  @Test
  void distributedAccountAttack_distinctAddressesAgainstOneAccount_alertsAtThreshold() {
    FailureMonitor m =
        monitor()
            .repeatedAccountFailures(1000, Duration.ofMinutes(10))
            .distributedAccountAttack(3, Duration.ofHours(1))
            .build();

    m.onEvent(loginFail("alice", "192.0.2.1"));
    m.onEvent(loginFail("alice", "192.0.2.2"));
    m.onEvent(loginFail("alice", "192.0.2.1"));
    assertThat(alerts).isEmpty();
    m.onEvent(loginFail("alice", "192.0.2.3"));

    assertThat(alerts)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.pattern()).isEqualTo(AlertPattern.DISTRIBUTED_ACCOUNT_ATTACK);
              assertThat(a.key()).isEqualTo("alice");
            });
  }

  @Test
  void invalidTokenBurst_atThreshold_alertsAndNotBelow() {
    FailureMonitor m = monitor().invalidTokenBurst(5, Duration.ofMinutes(1)).build();

    for (int i = 0; i < 4; i++) {
      m.onEvent(invalidToken("203.0.113.50"));
    }
    m.onEvent(invalidToken("203.0.113.51"));
    assertThat(alerts).isEmpty();
    m.onEvent(invalidToken("203.0.113.50"));

    assertThat(patterns()).containsExactly(AlertPattern.INVALID_TOKEN_BURST);
    assertThat(alerts.get(0).key()).isEqualTo("203.0.113.50");
  }

  @Test
  void refreshTokenReuse_firstReuse_alertsAtOnceAndOncePerFamilyPerWindow() {
    FailureMonitor m = monitor().tokenReuseDeduplication(Duration.ofHours(1)).build();

    m.onEvent(reuse("family-1"));
    assertThat(patterns()).containsExactly(AlertPattern.REFRESH_TOKEN_REUSE);
    m.onEvent(reuse("family-1"));
    m.onEvent(reuse("family-2"));
    assertThat(alerts).extracting(SecurityAlert::key).containsExactly("family-1", "family-2");

    clock.advance(Duration.ofHours(1));
    m.onEvent(reuse("family-1"));
    assertThat(alerts).hasSize(3);
  }

  @Test
  void alert_emitsCriticalSecurityAlertEventWithPatternAsReason() {
    FailureMonitor m = monitor().repeatedAccountFailures(1, Duration.ofMinutes(1)).build();

    m.onEvent(loginFail("alice", "203.0.113.1"));

    assertThat(alertEvents)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(SecurityEventType.SECURITY_ALERT);
              assertThat(e.severity()).isEqualTo(Severity.CRITICAL);
              assertThat(e.reason()).isEqualTo("REPEATED_ACCOUNT_FAILURES");
              assertThat(e.userId()).isEqualTo("alice");
              assertThat(e.request().clientAddress()).isEqualTo("203.0.113.1");
              assertThat(e.details())
                  .containsEntry("pattern_key", "alice")
                  .containsEntry("count", "1");
              assertThat(e.details())
                  .containsEntry("window_seconds", "60")
                  .containsEntry("trigger", "authn_login_fail");
            });
    assertThat(alerts.get(0).event()).isEqualTo(alertEvents.get(0));
  }

  @Test
  void alertHook_throwing_neitherPropagatesNorStopsTheAlertEvent() {
    List<SecurityEvent> seen = new CopyOnWriteArrayList<>();
    JwtSecurity security =
        JwtSecurity.builder(dev.jwtsecurity.testing.TestSecurity.settings())
            .clock(clock)
            .events(seen::add)
            .alertOnInvalidTokenBurst(1, Duration.ofMinutes(1))
            .alertHook(
                a -> {
                  throw new IllegalStateException("pager down");
                })
            .build();

    assertThatCode(
            () -> {
              try {
                security.authenticate("x.y.z", RequestContext.of("203.0.113.5", null, null));
              } catch (dev.jwtsecurity.token.InvalidTokenException expected) {
                // the refusal is what triggers the alert
              }
            })
        .doesNotThrowAnyException();
    assertThat(seen)
        .extracting(SecurityEvent::type)
        .containsExactly(SecurityEventType.AUTHN_TOKEN_INVALID, SecurityEventType.SECURITY_ALERT);
  }

  @Test
  void alertHook_receivesOnlyAlerts() {
    List<SecurityEvent> paged = new CopyOnWriteArrayList<>();
    JwtSecurity security =
        JwtSecurity.builder(dev.jwtsecurity.testing.TestSecurity.settings())
            .clock(clock)
            .alertOnInvalidTokenBurst(2, Duration.ofMinutes(1))
            .alertHook(paged::add)
            .build();
    for (int i = 0; i < 3; i++) {
      try {
        security.authenticate("x.y.z", RequestContext.of("203.0.113.6", null, null));
      } catch (dev.jwtsecurity.token.InvalidTokenException expected) {
        // counted
      }
    }
    assertThat(paged)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(SecurityEventType.SECURITY_ALERT);
              assertThat(e.reason()).isEqualTo("INVALID_TOKEN_BURST");
            });
  }

  @Test
  void onEvent_alertFedBackThroughFanOut_isNotCountedAndDoesNotLoop() {
    List<SecurityEvent> all = new ArrayList<>();
    SecurityEventListener[] fanOut = new SecurityEventListener[1];
    FailureMonitor m =
        FailureMonitor.builder()
            .clock(clock)
            .alertEvents(e -> fanOut[0].onEvent(e))
            .repeatedAccountFailures(1, Duration.ofMinutes(1))
            .build();
    fanOut[0] = SecurityEventListener.all(all::add, m);

    fanOut[0].onEvent(loginFail("alice", null));

    assertThat(all)
        .extracting(SecurityEvent::type)
        .containsExactly(SecurityEventType.AUTHN_LOGIN_FAIL, SecurityEventType.SECURITY_ALERT);
  }

  @Test
  void onEvent_eventsWithoutKey_areNotCounted() {
    FailureMonitor m =
        monitor()
            .repeatedAccountFailures(1, Duration.ofMinutes(1))
            .credentialStuffing(1, Duration.ofMinutes(1))
            .invalidTokenBurst(1, Duration.ofMinutes(1))
            .build();

    m.onEvent(loginFail(null, null));
    m.onEvent(invalidToken(null));
    m.onEvent(
        SecurityEvent.builder(SecurityEventType.AUTHN_LOGIN_SUCCESS, clock.instant())
            .userId("a")
            .build());

    assertThat(alerts).isEmpty();
  }

  @Test
  void onEvent_floodOfDistinctKeys_staysWithinTheMemoryBound() {
    java.util.concurrent.atomic.AtomicInteger raised =
        new java.util.concurrent.atomic.AtomicInteger();
    FailureMonitor m =
        FailureMonitor.builder()
            .clock(clock)
            .alertEvents(a -> raised.incrementAndGet())
            .maxTrackedKeys(100)
            .repeatedAccountFailures(5, Duration.ofMinutes(10))
            .credentialStuffing(5, Duration.ofMinutes(10))
            .distributedAccountAttack(5, Duration.ofMinutes(10))
            .invalidTokenBurst(5, Duration.ofMinutes(10))
            .build();
    java.util.Random random = new java.util.Random(42);

    for (int i = 0; i < 50_000; i++) {
      String ip =
          "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
      m.onEvent(loginFail("user-" + random.nextInt(1_000_000), ip));
      m.onEvent(invalidToken(ip));
      m.onEvent(reuse("fam-" + i));
      assertThat(m.trackedKeys()).isLessThanOrEqualTo(5 * 100);
    }
    assertThat(m.trackedEntries()).isLessThanOrEqualTo(4 * 100 * 5 + 100);
    assertThat(raised.get()).isGreaterThanOrEqualTo(50_000); // every new family's reuse alerted
  }

  @Test
  void onEvent_concurrentCallers_countEveryEventAndAlertOnce() throws Exception {
    FailureMonitor m = monitor().repeatedAccountFailures(400, Duration.ofMinutes(10)).build();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 100; i++) {
                    m.onEvent(loginFail("alice", "203.0.113.1"));
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(alerts).hasSize(1);
  }

  // ---- properties: the monitor agrees with a brute-force model over generated event streams ----

  /** One generated event: seconds since the previous one, which account, which address. */
  private record Step(int gapSeconds, int user, int address) {}

  private static Gen<List<Step>> streams() {
    Gen<Step> step =
        integers()
            .between(0, 90)
            .zip(integers().between(0, 3), integers().between(0, 3), Step::new);
    return lists().of(step).ofSizeBetween(0, 150);
  }

  /**
   * The expected alerts, by brute force over the whole history: "at least n (distinct) in (now - w,
   * now]".
   */
  private static List<String> model(
      List<Step> steps, int threshold, Duration window, boolean distinct, boolean byUser) {
    List<String> expected = new ArrayList<>();
    List<Instant> times = new ArrayList<>();
    Map<String, Instant> lastAlert = new HashMap<>();
    Instant now = Instant.parse("2026-11-27T12:00:00Z");
    for (int i = 0; i < steps.size(); i++) {
      now = now.plusSeconds(steps.get(i).gapSeconds());
      times.add(now);
      Step s = steps.get(i);
      String key = byUser ? "u" + s.user() : "10.0.0." + s.address();
      Map<String, Boolean> seen = new LinkedHashMap<>();
      int count = 0;
      for (int j = 0; j <= i; j++) {
        Step o = steps.get(j);
        String oKey = byUser ? "u" + o.user() : "10.0.0." + o.address();
        boolean inWindow = Duration.between(times.get(j), now).compareTo(window) < 0;
        if (oKey.equals(key) && inWindow) {
          count++;
          seen.put(byUser ? "10.0.0." + o.address() : "u" + o.user(), true);
        }
      }
      int measure = distinct ? seen.size() : count;
      Instant last = lastAlert.get(key);
      if (measure >= threshold
          && (last == null || Duration.between(last, now).compareTo(window) >= 0)) {
        lastAlert.put(key, now);
        expected.add(i + ":" + key);
      }
    }
    return expected;
  }

  private List<String> run(List<Step> steps, FailureMonitor m, AlertPattern pattern) {
    List<String> actual = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      clock.advance(Duration.ofSeconds(s.gapSeconds()));
      int before = alerts.size();
      m.onEvent(loginFail("u" + s.user(), "10.0.0." + s.address()));
      for (SecurityAlert a : alerts.subList(before, alerts.size())) {
        if (a.pattern() == pattern) {
          actual.add(i + ":" + a.key());
        }
      }
    }
    return actual;
  }

  @Test
  void repeatedAccountFailures_generatedStreams_matchTheModel() {
    qt().withExamples(200)
        .forAll(streams(), integers().between(1, 6), integers().between(1, 10))
        .checkAssert(
            (steps, threshold, minutes) -> {
              clock.set(Instant.parse("2026-11-27T12:00:00Z"));
              alerts.clear();
              Duration window = Duration.ofMinutes(minutes);
              FailureMonitor m = monitor().repeatedAccountFailures(threshold, window).build();
              assertThat(run(steps, m, AlertPattern.REPEATED_ACCOUNT_FAILURES))
                  .isEqualTo(model(steps, threshold, window, false, true));
            });
  }

  @Test
  void credentialStuffing_generatedStreams_matchTheModel() {
    qt().withExamples(200)
        .forAll(streams(), integers().between(1, 4), integers().between(1, 10))
        .checkAssert(
            (steps, threshold, minutes) -> {
              clock.set(Instant.parse("2026-11-27T12:00:00Z"));
              alerts.clear();
              Duration window = Duration.ofMinutes(minutes);
              FailureMonitor m = monitor().credentialStuffing(threshold, window).build();
              assertThat(run(steps, m, AlertPattern.CREDENTIAL_STUFFING))
                  .isEqualTo(model(steps, threshold, window, true, false));
            });
  }

  @Test
  void distributedAccountAttack_generatedStreams_matchTheModel() {
    qt().withExamples(200)
        .forAll(streams(), integers().between(1, 4), integers().between(1, 10))
        .checkAssert(
            (steps, threshold, minutes) -> {
              clock.set(Instant.parse("2026-11-27T12:00:00Z"));
              alerts.clear();
              Duration window = Duration.ofMinutes(minutes);
              FailureMonitor m = monitor().distributedAccountAttack(threshold, window).build();
              assertThat(run(steps, m, AlertPattern.DISTRIBUTED_ACCOUNT_ATTACK))
                  .isEqualTo(model(steps, threshold, window, true, true));
            });
  }
}
