package dev.jwtsecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.access.AccessTokenDenylist;
import dev.jwtsecurity.access.AuthenticatedUser;
import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.access.ResourceNotFoundException;
import dev.jwtsecurity.audit.AuditTrail;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.login.LoginResult;
import dev.jwtsecurity.metrics.SecurityMetrics;
import dev.jwtsecurity.metrics.SecurityMetrics.Gauge;
import dev.jwtsecurity.metrics.SecurityMetrics.HashOutcome;
import dev.jwtsecurity.metrics.SecurityMetrics.StoreOperation;
import dev.jwtsecurity.refresh.InvalidRefreshTokenException;
import dev.jwtsecurity.refresh.TokenPair;
import dev.jwtsecurity.testing.ManualClock;
import dev.jwtsecurity.testing.RecordingMetrics;
import dev.jwtsecurity.testing.TestSecurity;
import dev.jwtsecurity.throttle.ThrottleKey;
import dev.jwtsecurity.throttle.ThrottlePolicy;
import dev.jwtsecurity.throttle.ThrottleState;
import dev.jwtsecurity.throttle.ThrottleStore;
import dev.jwtsecurity.token.InvalidTokenException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.LongSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the front door reports to {@link SecurityMetrics}, and what it does without any. */
class JwtSecurityMetricsTest {

  private static final RequestContext CTX = RequestContext.of("203.0.113.7", "JUnit", "r-1");

  private final ManualClock clock = ManualClock.at("2026-11-27T12:00:00Z");
  private final RecordingMetrics metrics = new RecordingMetrics();

  private JwtSecurity security() {
    return TestSecurity.builder("alice", "bob")
        .clock(clock)
        .metrics(metrics)
        .auditTrail(AuditTrail.inMemory(), Duration.ofDays(30))
        .build();
  }

  @Test
  void authenticate_acceptedAndRefused_eachTimedWithItsOutcome() throws Exception {
    JwtSecurity security = security();
    TokenPair pair = TestSecurity.login(security, "alice");
    metrics.validations.clear();

    security.authenticate(pair.accessToken().value(), CTX);
    assertThatThrownBy(() -> security.authenticate("not.a.token", CTX))
        .isInstanceOf(InvalidTokenException.class);

    assertThat(metrics.validations)
        .containsExactly(
            new RecordingMetrics.Validation(true, 0), new RecordingMetrics.Validation(false, 0));
  }

  @Test
  void authenticate_durationIsTheAuthenticatorsOwnTime_fromTheMetricsClock() throws Exception {
    // A denylist that takes 7 ms of the metrics clock per look-up: the validation timer sees both
    // look-ups (the token's id and its session), and each denylist check is timed on its own.
    AccessTokenDenylist slow =
        new AccessTokenDenylist() {
          private final AccessTokenDenylist d = AccessTokenDenylist.inMemory();

          @Override
          public void deny(String issuer, String tokenId, Instant expiresAt) {
            d.deny(issuer, tokenId, expiresAt);
          }

          @Override
          public boolean isDenied(String issuer, String tokenId, Instant now) {
            metrics.advance(7_000_000);
            return d.isDenied(issuer, tokenId, now);
          }

          @Override
          public int purgeExpired(Instant now) {
            return d.purgeExpired(now);
          }
        };
    JwtSecurity security =
        TestSecurity.builder("alice").clock(clock).metrics(metrics).denylist(slow).build();
    TokenPair pair = TestSecurity.login(security, "alice");
    metrics.validations.clear();
    metrics.storeCalls.clear();

    security.authenticate(pair.accessToken().value(), CTX);

    assertThat(metrics.validations)
        .containsExactly(new RecordingMetrics.Validation(true, 14_000_000));
    assertThat(metrics.storeCalls)
        .containsExactly(
            new RecordingMetrics.StoreCall(StoreOperation.DENYLIST_CHECK, true, 7_000_000),
            new RecordingMetrics.StoreCall(StoreOperation.DENYLIST_CHECK, true, 7_000_000));
  }

  @Test
  void facade_everyFlow_reportsEveryEventWithItsReason() throws Exception {
    JwtSecurity security = security();
    assertThat(security.login("alice", "wrong password", CTX))
        .isInstanceOf(LoginResult.Failure.class);
    LoginResult ok = security.login("alice", TestSecurity.PASSWORD, CTX);
    TokenPair pair = ((LoginResult.Success) ok).tokens();
    assertThatThrownBy(() -> security.authenticate("x.y.z", CTX))
        .isInstanceOf(InvalidTokenException.class);
    TokenPair next = security.refresh(pair.refreshToken().orElseThrow().value(), CTX);
    Authentication auth = security.authenticate(next.accessToken().value(), CTX);
    security.logout(auth, next.refreshToken().orElseThrow().value(), CTX);

    assertThat(metrics.events)
        .extracting(SecurityEvent::type)
        .contains(
            SecurityEventType.AUTHN_LOGIN_FAIL,
            SecurityEventType.AUTHN_LOGIN_SUCCESS,
            SecurityEventType.AUTHN_TOKEN_CREATED,
            SecurityEventType.AUTHN_TOKEN_INVALID,
            SecurityEventType.AUTHN_TOKEN_REFRESHED,
            SecurityEventType.AUTHN_TOKEN_REVOKED);
    assertThat(metrics.events)
        .filteredOn(e -> e.type() == SecurityEventType.AUTHN_TOKEN_INVALID)
        .extracting(SecurityEvent::reason)
        .containsExactly(InvalidTokenException.Reason.MALFORMED.name());
  }

  @Test
  void facade_everyStoreOperation_isTimedUnderItsName() throws Exception {
    JwtSecurity security = security();
    security.login("alice", "wrong password", CTX); // throttle get + record_failure
    TokenPair pair = TestSecurity.login(security, "alice"); // get, reset, refresh create
    TokenPair next = security.refresh(pair.refreshToken().orElseThrow().value(), CTX);
    Authentication auth = security.authenticate(next.accessToken().value(), CTX);
    assertThatThrownBy(
            () ->
                security
                    .ownership()
                    .requireOwned(auth.user(), "doc", 1, Optional.of("bob"), owner -> owner, CTX))
        .isInstanceOf(ResourceNotFoundException.class);
    security.logout(auth, next.refreshToken().orElseThrow().value(), CTX);
    TokenPair other = TestSecurity.login(security, "alice");
    security.logoutEverywhere(security.authenticate(other.accessToken().value(), CTX), CTX);
    security.purgeExpired();

    assertThat(metrics.operations())
        .contains(
            StoreOperation.THROTTLE_GET,
            StoreOperation.THROTTLE_RECORD_FAILURE,
            StoreOperation.THROTTLE_RESET,
            StoreOperation.THROTTLE_PURGE,
            StoreOperation.REFRESH_CREATE,
            StoreOperation.REFRESH_FIND,
            StoreOperation.REFRESH_ROTATE,
            StoreOperation.REFRESH_REVOKE_FAMILY,
            StoreOperation.REFRESH_REVOKE_USER,
            StoreOperation.REFRESH_PURGE,
            StoreOperation.DENYLIST_CHECK,
            StoreOperation.DENYLIST_DENY,
            StoreOperation.DENYLIST_PURGE,
            StoreOperation.AUDIT_APPEND,
            StoreOperation.AUDIT_PURGE);
    assertThat(metrics.storeCalls).allMatch(RecordingMetrics.StoreCall::succeeded);
  }

  @Test
  void storeOperation_storeDown_reportedAsFailedAndTheOutageStillPropagates() {
    ThrottleStore down =
        new ThrottleStore() {
          @Override
          public Optional<ThrottleState> get(ThrottleKey key, Instant now) {
            throw new StoreUnavailableException("throttle store down", null);
          }

          @Override
          public ThrottleState recordFailure(ThrottleKey key, ThrottlePolicy policy, Instant now) {
            throw new StoreUnavailableException("throttle store down", null);
          }

          @Override
          public void reset(ThrottleKey key) {
            throw new StoreUnavailableException("throttle store down", null);
          }

          @Override
          public int purgeExpired(Instant now) {
            throw new StoreUnavailableException("throttle store down", null);
          }
        };
    JwtSecurity security =
        TestSecurity.builder("alice").clock(clock).metrics(metrics).throttleStore(down).build();

    assertThatThrownBy(() -> security.login("alice", TestSecurity.PASSWORD, CTX))
        .isInstanceOf(StoreUnavailableException.class);

    assertThat(metrics.storeCalls)
        .first()
        .isEqualTo(new RecordingMetrics.StoreCall(StoreOperation.THROTTLE_GET, false, 0));
  }

  @Test
  void login_passwordHashing_reportedCompletedForRightWrongAndUnknownUser() {
    JwtSecurity security = security();
    security.login("alice", TestSecurity.PASSWORD, CTX);
    security.login("alice", "wrong password", CTX);
    security.login("nobody", "any password", CTX); // the dummy computation

    assertThat(metrics.hashings)
        .extracting(RecordingMetrics.Hashing::outcome)
        .containsExactly(HashOutcome.COMPLETED, HashOutcome.COMPLETED, HashOutcome.COMPLETED);
  }

  @Test
  void gauges_inMemoryStores_countTheirEntries() throws Exception {
    JwtSecurity security = security();
    assertThat(metrics.gauges.keySet())
        .containsExactlyInAnyOrder(
            Gauge.HASHES_ACTIVE,
            Gauge.HASHES_QUEUED,
            Gauge.THROTTLE_ENTRIES,
            Gauge.DENYLIST_ENTRIES);
    assertThat(metrics.read(Gauge.THROTTLE_ENTRIES)).isZero();
    assertThat(metrics.read(Gauge.DENYLIST_ENTRIES)).isZero();
    assertThat(metrics.read(Gauge.HASHES_ACTIVE)).isZero();
    assertThat(metrics.read(Gauge.HASHES_QUEUED)).isZero();

    security.login("alice", "wrong password", CTX); // one address and one account counter
    TokenPair pair = TestSecurity.login(security, "alice"); // resets the account
    security.logout(security.authenticate(pair.accessToken().value(), CTX), CTX);

    assertThat(metrics.read(Gauge.THROTTLE_ENTRIES)).isEqualTo(1);
    // Logout denies the access token's id and its session: two entries.
    assertThat(metrics.read(Gauge.DENYLIST_ENTRIES)).isEqualTo(2);
  }

  @Test
  void build_twiceFromOneBuilder_gaugesFollowTheLatestFrontDoor() throws Exception {
    JwtSecurity.Builder b = TestSecurity.builder("alice").clock(clock).metrics(metrics);
    JwtSecurity first = b.build();
    JwtSecurity second = b.build();

    TokenPair pair = TestSecurity.login(first, "alice");
    first.logout(first.authenticate(pair.accessToken().value(), CTX), CTX);

    assertThat(metrics.gaugeRegistrations.get()).isEqualTo(8);
    assertThat(metrics.read(Gauge.DENYLIST_ENTRIES))
        .as("the second front door's own denylist")
        .isZero();
    TokenPair other = TestSecurity.login(second, "alice");
    second.logout(second.authenticate(other.accessToken().value(), CTX), CTX);
    assertThat(metrics.read(Gauge.DENYLIST_ENTRIES)).isEqualTo(2); // the token's id and session
  }

  @Test
  void gauges_sharedStores_noSizeGauge() {
    RecordingMetrics m = new RecordingMetrics();
    ThrottleStore shared = forwarding(ThrottleStore.inMemory());
    TestSecurity.builder("alice")
        .metrics(m)
        .throttleStore(shared)
        .denylist(forwarding(AccessTokenDenylist.inMemory()))
        .build();

    assertThat(m.gauges.keySet())
        .containsExactlyInAnyOrder(Gauge.HASHES_ACTIVE, Gauge.HASHES_QUEUED);
  }

  @Test
  void build_withoutMetrics_authenticatorIsNotWrapped() {
    JwtSecurity security = TestSecurity.builder("alice").build();

    assertThat(security.authenticator()).isInstanceOf(AccessTokenAuthenticator.class);
  }

  @Test
  void build_metricsNone_sameAsWithout() {
    JwtSecurity security = TestSecurity.builder("alice").metrics(SecurityMetrics.none()).build();

    assertThat(security.authenticator()).isInstanceOf(AccessTokenAuthenticator.class);
  }

  @Test
  void metrics_setTwiceOrNull_failsFast() {
    JwtSecurity.Builder b = TestSecurity.builder("alice").metrics(metrics);

    assertThatThrownBy(() -> b.metrics(new RecordingMetrics()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("metrics was already set");
    assertThatThrownBy(() -> TestSecurity.builder("alice").metrics(null))
        .isInstanceOf(NullPointerException.class);
  }

  static LongStream seeds() {
    long base = new Random().nextLong();
    System.out.println("JwtSecurityMetricsTest seeds start at " + base);
    return LongStream.range(0, 8).map(i -> base + i);
  }

  /**
   * Whatever a broken metrics backend does, every answer of the front door is the one it gives
   * without metrics: a random mix of logins, valid, tampered and revoked tokens, refreshes and
   * replays, run once against each.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void anyFlow_throwingMetrics_outcomesEqualThoseWithoutMetrics(long seed) {
    List<String> plain = run(seed, null);
    List<String> broken = run(seed, new ThrowingMetrics());
    List<String> recorded = run(seed, new RecordingMetrics());

    assertThat(broken).as("seed %d", seed).isEqualTo(plain);
    assertThat(recorded).as("seed %d", seed).isEqualTo(plain);
  }

  private List<String> run(long seed, SecurityMetrics m) {
    Random random = new Random(seed);
    ManualClock c = ManualClock.at("2026-11-27T12:00:00Z");
    JwtSecurity.Builder b = TestSecurity.builder("alice", "bob").clock(c);
    if (m != null) {
      b.metrics(m);
    }
    JwtSecurity security = b.build();
    List<String> outcomes = new ArrayList<>();
    List<TokenPair> pairs = new ArrayList<>();
    for (int step = 0; step < 40; step++) {
      String user = random.nextBoolean() ? "alice" : "bob";
      switch (random.nextInt(6)) {
        case 0 -> {
          String pw = random.nextInt(3) == 0 ? "wrong" : TestSecurity.PASSWORD;
          LoginResult r = security.login(user, pw, CTX);
          if (r instanceof LoginResult.Success s) {
            pairs.add(s.tokens());
            outcomes.add("login ok " + s.user().userId());
          } else {
            outcomes.add("login " + ((LoginResult.Failure) r).reason());
          }
        }
        case 1, 2 -> {
          String token =
              pairs.isEmpty()
                  ? "a.b.c"
                  : pairs.get(random.nextInt(pairs.size())).accessToken().value();
          if (random.nextInt(4) == 0) {
            // The signature's first character carries six bits of it: any other one breaks it.
            int at = token.lastIndexOf('.') + 1;
            char other = token.charAt(at) == 'A' ? 'B' : 'A';
            token = token.substring(0, at) + other + token.substring(at + 1);
          }
          try {
            AuthenticatedUser u = security.authenticate(token, CTX).user();
            outcomes.add("auth ok " + u.userId());
          } catch (InvalidTokenException e) {
            outcomes.add("auth " + e.reason());
          }
        }
        case 3 -> {
          if (pairs.isEmpty()) {
            continue;
          }
          TokenPair p = pairs.get(random.nextInt(pairs.size()));
          String rt = p.refreshToken().map(t -> t.value()).orElse("none");
          try {
            TokenPair n = security.refresh(rt, CTX);
            pairs.add(n);
            outcomes.add("refresh ok");
          } catch (InvalidRefreshTokenException e) {
            outcomes.add("refresh " + e.reason());
          }
        }
        case 4 -> {
          if (pairs.isEmpty()) {
            continue;
          }
          try {
            Authentication a =
                security.authenticate(
                    pairs.get(random.nextInt(pairs.size())).accessToken().value(), CTX);
            security.logout(a, CTX);
            outcomes.add("logout");
          } catch (InvalidTokenException e) {
            outcomes.add("logout refused " + e.reason());
          }
        }
        default -> {
          c.advance(Duration.ofSeconds(random.nextInt(900)));
          outcomes.add("purged " + security.purgeExpired());
        }
      }
    }
    return outcomes;
  }

  /** Every method throws, including the clock. */
  private static final class ThrowingMetrics implements SecurityMetrics {
    @Override
    public long monotonicNanos() {
      throw new IllegalStateException("metrics clock broken");
    }

    @Override
    public void securityEvent(SecurityEvent event) {
      throw new IllegalStateException("metrics broken");
    }

    @Override
    public void tokenValidation(boolean accepted, long nanos) {
      throw new IllegalStateException("metrics broken");
    }

    @Override
    public void passwordHashing(HashOutcome outcome, long waitNanos, long computeNanos) {
      throw new IllegalStateException("metrics broken");
    }

    @Override
    public void storeOperation(StoreOperation operation, boolean succeeded, long nanos) {
      throw new IllegalStateException("metrics broken");
    }

    @Override
    public void gauge(Gauge gauge, LongSupplier value) {
      // Build time: a throwing gauge registration would stop start-up, which is the point there.
    }
  }

  private static ThrottleStore forwarding(ThrottleStore d) {
    return new ThrottleStore() {
      @Override
      public Optional<ThrottleState> get(ThrottleKey key, Instant now) {
        return d.get(key, now);
      }

      @Override
      public ThrottleState recordFailure(ThrottleKey key, ThrottlePolicy policy, Instant now) {
        return d.recordFailure(key, policy, now);
      }

      @Override
      public void reset(ThrottleKey key) {
        d.reset(key);
      }

      @Override
      public int purgeExpired(Instant now) {
        return d.purgeExpired(now);
      }
    };
  }

  private static AccessTokenDenylist forwarding(AccessTokenDenylist d) {
    return new AccessTokenDenylist() {
      @Override
      public void deny(String issuer, String tokenId, Instant expiresAt) {
        d.deny(issuer, tokenId, expiresAt);
      }

      @Override
      public boolean isDenied(String issuer, String tokenId, Instant now) {
        return d.isDenied(issuer, tokenId, now);
      }

      @Override
      public int purgeExpired(Instant now) {
        return d.purgeExpired(now);
      }
    };
  }
}
