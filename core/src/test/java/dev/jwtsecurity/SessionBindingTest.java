package dev.jwtsecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.access.AccessTokenDenylist;
import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.access.UserDirectory;
import dev.jwtsecurity.access.UserDirectory.UserStatus;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.refresh.InvalidRefreshTokenException;
import dev.jwtsecurity.refresh.TokenPair;
import dev.jwtsecurity.token.InvalidTokenException;
import dev.jwtsecurity.token.InvalidTokenException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sessions end at once: every access token names its session ({@code sid}), and ending the session
 * (logout, reuse detection, logout everywhere) refuses all of that session's access tokens through
 * the denylist; a token issued after "log out everywhere" is accepted and one issued before
 * refused, whatever the timing (the {@code cvs} claim).
 */
class SessionBindingTest {

  private static final RequestContext CTX = RequestContext.of("203.0.113.5", "JUnit", "r-1");
  private static final long BASE_SEED = System.nanoTime();

  private final Fixture f = new Fixture();
  private final AccessTokenDenylist denylist = AccessTokenDenylist.inMemory(10_000);

  /** A directory keeping credentials-valid-since instants, truncated to {@code precision}. */
  private static final class Directory implements UserDirectory {
    final Map<String, Instant> validSince = new ConcurrentHashMap<>();
    final Duration precision;

    Directory(Duration precision) {
      this.precision = precision;
    }

    @Override
    public UserStatus status(String userId) {
      return UserStatus.active(validSince.getOrDefault(userId, Instant.MIN));
    }

    @Override
    public boolean invalidateCredentialsBefore(String userId, Instant instant) {
      Instant stored = truncate(instant);
      validSince.merge(userId, stored, (a, b) -> a.isAfter(b) ? a : b);
      return true;
    }

    private Instant truncate(Instant i) {
      long unit = precision.toNanos();
      long nanos = i.getNano() - Math.floorMod(i.getNano(), unit);
      return Instant.ofEpochSecond(i.getEpochSecond(), nanos);
    }
  }

  private AccessTokenAuthenticator authenticator(UserDirectory directory, Duration cacheTtl) {
    return authenticator(
        directory == null ? null : new UserStatusCache(directory, cacheTtl, 100, f.clock));
  }

  private AccessTokenAuthenticator authenticator(UserStatusCache cache) {
    return new AccessTokenAuthenticator(f.validator, null, f.listener, f.clock, denylist, cache);
  }

  private TokenPairService service(UserDirectory directory, UserStatusCache cache) {
    return f.service().userDirectory(directory).denylist(denylist).statusCache(cache).build();
  }

  private static String refresh(TokenPair pair) {
    return pair.refreshToken().orElseThrow().value();
  }

  private static Reason refusal(AccessTokenAuthenticator a, TokenPair pair) {
    try {
      a.authenticate(pair.accessToken().value(), CTX);
      return null;
    } catch (InvalidTokenException e) {
      return e.reason();
    }
  }

  // ---- logout everywhere, then log in at the same instant ----

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-27T12:00:00Z",
        "2026-11-27T12:00:00.000000001Z",
        "2026-11-27T12:00:00.000999999Z",
        "2026-11-27T12:00:00.5Z",
        "2026-11-27T12:00:00.999Z",
        "2026-11-27T12:00:00.999999999Z"
      })
  void logoutEverywhere_thenLoginAtTheSameInstant_newTokensAcceptedOldRefused(String at)
      throws Exception {
    f.clock.set(Instant.parse(at));
    Directory directory = new Directory(Duration.ofNanos(1));
    UserStatusCache cache = new UserStatusCache(directory, Duration.ofSeconds(30), 100, f.clock);
    AccessTokenAuthenticator authenticator = authenticator(cache);
    TokenPairService service = service(directory, cache);
    TokenPair phone = service.login("alice", CTX);
    TokenPair laptop = service.login("alice", CTX);
    Authentication caller = authenticator.authenticate(laptop.accessToken().value(), CTX);
    assertThat(refusal(authenticator, phone)).as("cached status: valid before").isNull();

    service.logoutEverywhere(caller, CTX);
    TokenPair again = service.login("alice", CTX);
    TokenPair refreshed = service.refresh(refresh(again), CTX);

    assertThat(refusal(authenticator, again)).as("issued after, same instant").isNull();
    assertThat(refusal(authenticator, refreshed)).isNull();
    assertThat(refusal(authenticator, phone)).isEqualTo(Reason.CREDENTIALS_CHANGED);
    assertThat(refusal(authenticator, laptop)).isEqualTo(Reason.REVOKED);
  }

  @Test
  void logoutEverywhere_twiceAtOneInstant_cutsWhatWasIssuedInBetween() throws Exception {
    Directory directory = new Directory(Duration.ofMillis(1));
    AccessTokenAuthenticator authenticator = authenticator(directory, Duration.ZERO);
    TokenPairService service = service(directory, null);
    TokenPair first = service.login("alice", CTX);
    service.logoutEverywhere(authenticator.authenticate(first.accessToken().value(), CTX), CTX);
    TokenPair between = service.login("alice", CTX);
    TokenPair other = service.login("alice", CTX);

    service.logoutEverywhere(authenticator.authenticate(other.accessToken().value(), CTX), CTX);
    TokenPair after = service.login("alice", CTX);

    assertThat(refusal(authenticator, between)).isEqualTo(Reason.CREDENTIALS_CHANGED);
    assertThat(refusal(authenticator, after)).isNull();
    assertThat(service.refresh(refresh(after), CTX).refreshToken()).isPresent();
  }

  @Test
  void authenticate_tokenWithoutCvsClaim_comparedByWholeSecondIat() throws Exception {
    // Tokens issued by a bare issuer (no session claims) keep the whole-second rule: a token of
    // the second of the change is refused, one of the next second accepted.
    f.clock.set(Instant.parse("2026-11-27T12:00:00.400Z"));
    Directory directory = new Directory(Duration.ofNanos(1));
    AccessTokenAuthenticator authenticator = authenticator(directory, Duration.ZERO);
    directory.invalidateCredentialsBefore("alice", f.clock.instant());
    String sameSecond =
        f.issuer.issue(dev.jwtsecurity.token.AccessTokenClaims.forSubject("alice").build()).value();
    f.clock.advance(Duration.ofMillis(600));
    String nextSecond =
        f.issuer.issue(dev.jwtsecurity.token.AccessTokenClaims.forSubject("alice").build()).value();

    assertThatThrownBy(() -> authenticator.authenticate(sameSecond, CTX))
        .isInstanceOfSatisfying(
            InvalidTokenException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.CREDENTIALS_CHANGED));
    assertThat(authenticator.authenticate(nextSecond, CTX).user().userId()).isEqualTo("alice");
  }

  static LongStream seeds() {
    System.out.println("SessionBindingTest base seed: " + BASE_SEED);
    return LongStream.range(0, 40).map(i -> BASE_SEED + i);
  }

  /**
   * Any interleaving of logins, refreshes, logouts everywhere and clock steps (zero, one
   * nanosecond, one millisecond, up to 1.5 s), with a directory keeping whole milliseconds: a token
   * is accepted exactly when no logout everywhere came after it was issued.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void logoutEverywhere_anyTiming_acceptedExactlyWhenIssuedAfterTheLastOne(long seed)
      throws Exception {
    System.out.println("seed " + seed);
    Random random = new Random(seed);
    f.clock.set(Instant.parse("2026-11-27T12:00:00Z").plusNanos(random.nextInt(1_000_000_000)));
    Directory directory =
        new Directory(random.nextBoolean() ? Duration.ofMillis(1) : Duration.ofNanos(1000));
    AccessTokenAuthenticator authenticator =
        authenticator(directory, random.nextBoolean() ? Duration.ZERO : Duration.ofSeconds(30));
    TokenPairService service = service(directory, null);
    record Issued(TokenPair pair, int epoch) {}
    List<Issued> issued = new ArrayList<>();
    int epoch = 0;
    for (int step = 0; step < 25; step++) {
      switch (random.nextInt(4)) {
        case 0, 1 -> issued.add(new Issued(service.login("alice", CTX), epoch));
        case 2 -> {
          Issued live = null;
          for (Issued i : issued) {
            if (i.epoch() == epoch && i.pair().refreshToken().isPresent()) {
              live = i;
            }
          }
          if (live != null) {
            issued.remove(live);
            issued.add(new Issued(service.refresh(refresh(live.pair()), CTX), epoch));
          }
        }
        default -> {
          TokenPair fresh = service.login("alice", CTX);
          service.logoutEverywhere(
              authenticator.authenticate(fresh.accessToken().value(), CTX), CTX);
          issued.add(new Issued(fresh, epoch));
          epoch++;
        }
      }
      f.clock.advance(
          switch (random.nextInt(4)) {
            case 0 -> Duration.ZERO;
            case 1 -> Duration.ofNanos(1);
            case 2 -> Duration.ofMillis(1);
            default -> Duration.ofNanos(random.nextInt(1_500_000_000));
          });
    }
    for (Issued i : issued) {
      Reason r = refusal(authenticator(directory, Duration.ZERO), i.pair());
      if (i.epoch() == epoch) {
        assertThat(r).as("seed %d: issued after the last logout everywhere", seed).isNull();
      } else {
        assertThat(r)
            .as("seed %d: issued before a logout everywhere", seed)
            .isIn(Reason.CREDENTIALS_CHANGED, Reason.REVOKED);
      }
    }
  }

  // ---- ending a session refuses its access tokens at once ----

  @Test
  void reuseDetected_accessTokensOfTheFamilyRefusedAtOnce() throws Exception {
    AccessTokenAuthenticator authenticator = authenticator(null, Duration.ZERO);
    TokenPairService service = service(null, null);
    TokenPair first = service.login("alice", CTX);
    TokenPair second = service.refresh(refresh(first), CTX);
    TokenPair otherSession = service.login("alice", CTX);
    f.clock.advance(RefreshPolicy.DEFAULT_REUSE_GRACE.plusSeconds(1));

    assertThatThrownBy(() -> service.refresh(refresh(first), CTX))
        .isInstanceOfSatisfying(
            InvalidRefreshTokenException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidRefreshTokenException.Reason.REUSED));

    assertThat(refusal(authenticator, first)).isEqualTo(Reason.REVOKED);
    assertThat(refusal(authenticator, second)).isEqualTo(Reason.REVOKED);
    assertThat(refusal(authenticator, otherSession)).isNull();
  }

  @Test
  void logoutWithRefreshToken_everyAccessTokenOfThatSessionRefused() throws Exception {
    AccessTokenAuthenticator authenticator = authenticator(null, Duration.ZERO);
    TokenPairService service = service(null, null);
    TokenPair first = service.login("alice", CTX);
    TokenPair second = service.refresh(refresh(first), CTX);
    TokenPair otherSession = service.login("alice", CTX);

    assertThat(
            service.logout(
                authenticator.authenticate(otherSession.accessToken().value(), CTX),
                refresh(second),
                CTX))
        .isTrue();

    assertThat(refusal(authenticator, first)).isEqualTo(Reason.REVOKED);
    assertThat(refusal(authenticator, second)).isEqualTo(Reason.REVOKED);
    assertThat(refusal(authenticator, otherSession))
        .as("the caller's own session ends too")
        .isEqualTo(Reason.REVOKED);
  }

  @Test
  void logoutEverywhereWithoutDirectory_callersSessionStillRefusedAtOnce() throws Exception {
    AccessTokenAuthenticator authenticator = authenticator(null, Duration.ZERO);
    TokenPairService service = service(null, null);
    TokenPair first = service.login("alice", CTX);
    TokenPair second = service.refresh(refresh(first), CTX);

    service.logoutEverywhere(authenticator.authenticate(second.accessToken().value(), CTX), CTX);

    assertThat(refusal(authenticator, first)).isEqualTo(Reason.REVOKED);
    assertThat(refusal(authenticator, second)).isEqualTo(Reason.REVOKED);
  }

  @Test
  void denylist_sessionEntriesAndTokenIdsLiveInSeparateNamespaces() throws Exception {
    AccessTokenAuthenticator authenticator = authenticator(null, Duration.ZERO);
    TokenPairService service = service(null, null);
    TokenPair first = service.login("alice", CTX);
    TokenPair second = service.refresh(refresh(first), CTX);
    String sid =
        authenticator
            .authenticate(first.accessToken().value(), CTX)
            .token()
            .sessionId()
            .orElseThrow();

    // The family id listed as if it were a jti ends nothing; one jti ends one token only.
    denylist.deny(
        "https://issuer.test", sid.substring(2), f.clock.instant().plus(Duration.ofHours(1)));
    Authentication secondAuth = authenticator.authenticate(second.accessToken().value(), CTX);
    denylist.deny(secondAuth.token());

    assertThat(refusal(authenticator, first)).isNull();
    assertThat(refusal(authenticator, second)).isEqualTo(Reason.REVOKED);
    assertThat(sid).startsWith("s.");
    assertThat(secondAuth.token().tokenId()).matches("[A-Za-z0-9_-]+");
    // Any jti the issuer writes is base64url: it can never be a session id.
    for (int i = 0; i < 2000; i++) {
      assertThat(service.login("bob", CTX).accessToken().tokenId()).doesNotContain(".");
    }
  }

  @Test
  void sessionEntry_keptUntilTheSessionsLastAccessTokenHasExpired() throws Exception {
    AccessTokenAuthenticator authenticator = authenticator(null, Duration.ZERO);
    TokenPairService service = service(null, null);
    TokenPair pair = service.login("alice", CTX);
    Authentication caller = authenticator.authenticate(pair.accessToken().value(), CTX);
    service.logout(caller, refresh(pair), CTX);

    f.clock.advance(f.issuer.lifetime().plusSeconds(29));
    assertThat(denylist.purgeExpired(f.clock.instant())).isZero();
    assertThat(
            denylist.isDenied(
                "https://issuer.test", caller.token().sessionId().orElseThrow(), f.clock.instant()))
        .isTrue();
    f.clock.advance(AccessTokenDenylist.RETENTION_AFTER_EXPIRY.plusSeconds(2));
    assertThat(denylist.purgeExpired(f.clock.instant())).isEqualTo(2);
  }

  /**
   * Several sessions, each refreshed a few times, and a random subset ended in random ways (logout
   * with its refresh token, logout with its access token only, reuse of a spent refresh token): a
   * token is refused exactly when its session was ended.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void endSessions_anySubsetAnyWay_refusedExactlyTheirAccessTokens(long seed) throws Exception {
    System.out.println("seed " + seed);
    Random random = new Random(seed);
    AccessTokenAuthenticator authenticator = authenticator(null, Duration.ZERO);
    TokenPairService service = service(null, null);
    int sessions = 2 + random.nextInt(4);
    List<List<TokenPair>> chains = new ArrayList<>();
    for (int s = 0; s < sessions; s++) {
      List<TokenPair> chain = new ArrayList<>();
      chain.add(service.login(random.nextBoolean() ? "alice" : "bob", CTX));
      for (int r = random.nextInt(3); r > 0; r--) {
        chain.add(service.refresh(refresh(chain.get(chain.size() - 1)), CTX));
      }
      chains.add(chain);
    }
    f.clock.advance(RefreshPolicy.DEFAULT_REUSE_GRACE.plusSeconds(1));
    boolean[] ended = new boolean[sessions];
    for (int s = 0; s < sessions; s++) {
      if (!random.nextBoolean()) {
        continue;
      }
      ended[s] = true;
      List<TokenPair> chain = chains.get(s);
      TokenPair last = chain.get(chain.size() - 1);
      TokenPair any = chain.get(random.nextInt(chain.size()));
      switch (random.nextInt(3)) {
        case 0 ->
            service.logout(
                authenticator.authenticate(last.accessToken().value(), CTX), refresh(last), CTX);
        case 1 ->
            service.endCallerSession(
                authenticator.authenticate(any.accessToken().value(), CTX),
                dev.jwtsecurity.refresh.RevocationReason.LOGOUT,
                CTX);
        default -> {
          if (chain.size() > 1) {
            String spent = refresh(chain.get(0));
            assertThatThrownBy(() -> service.refresh(spent, CTX))
                .isInstanceOf(InvalidRefreshTokenException.class);
          } else {
            service.endCallerSession(
                authenticator.authenticate(last.accessToken().value(), CTX),
                dev.jwtsecurity.refresh.RevocationReason.LOGOUT,
                CTX);
          }
        }
      }
    }
    for (int s = 0; s < sessions; s++) {
      for (TokenPair pair : chains.get(s)) {
        assertThat(refusal(authenticator, pair))
            .as("seed %d session %d", seed, s)
            .isEqualTo(ended[s] ? Reason.REVOKED : null);
      }
    }
  }

  @Test
  void logoutEverywhere_reportsRevocationWithoutNamingAnotherUser() throws Exception {
    AccessTokenAuthenticator authenticator = authenticator(null, Duration.ZERO);
    TokenPairService service = service(null, null);
    TokenPair pair = service.login("alice", CTX);
    service.logoutEverywhere(authenticator.authenticate(pair.accessToken().value(), CTX), CTX);

    assertThat(f.events)
        .filteredOn(e -> e.type() == SecurityEventType.AUTHN_TOKEN_REVOKED)
        .extracting(SecurityEvent::userId)
        .containsOnly("alice");
  }
}
