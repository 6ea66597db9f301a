package dev.jwtsecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.access.AccessDeniedException;
import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.access.UserDirectory;
import dev.jwtsecurity.access.UserDirectory.UserStatus;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.refresh.TokenPair;
import dev.jwtsecurity.testing.ManualClock;
import dev.jwtsecurity.testing.TestSecurity;
import dev.jwtsecurity.token.AccessTokenClaims;
import dev.jwtsecurity.token.AccessTokenIssuer;
import dev.jwtsecurity.token.InvalidTokenException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The session rules through the front door, as an application calls it. */
class JwtSecuritySessionTest {

  private static final RequestContext CTX = RequestContext.of("192.0.2.10", "JUnit", "r-9");

  private final ManualClock clock = ManualClock.at("2026-11-27T12:00:00Z");
  private final Map<String, Instant> validSince = new ConcurrentHashMap<>();
  private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
  private final JwtSecurity security =
      TestSecurity.builder("alice", "bob")
          .clock(clock)
          .userDirectory(
              new UserDirectory() {
                @Override
                public UserStatus status(String userId) {
                  return UserStatus.active(validSince.getOrDefault(userId, Instant.MIN));
                }

                @Override
                public boolean invalidateCredentialsBefore(String userId, Instant instant) {
                  validSince.merge(userId, instant, (a, b) -> a.isAfter(b) ? a : b);
                  return true;
                }
              })
          .events(events::add)
          .build();

  private InvalidTokenException.Reason refusal(TokenPair pair) {
    try {
      security.authenticate(pair.accessToken().value(), CTX);
      return null;
    } catch (InvalidTokenException e) {
      return e.reason();
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 999_999, 1_000_000, 999_999_999})
  void logoutEverywhere_thenLoginWithinTheSameSecond_newSessionWorksForItsWholeLife(long nanos)
      throws Exception {
    clock.set(Instant.parse("2026-11-27T12:00:00Z").plusNanos(nanos));
    TokenPair before = TestSecurity.login(security, "alice");
    TokenPair otherDevice = TestSecurity.login(security, "alice");
    security.logoutEverywhere(security.authenticate(before.accessToken().value(), CTX), CTX);

    TokenPair after = TestSecurity.login(security, "alice");

    assertThat(refusal(after)).isNull();
    assertThat(refusal(otherDevice)).isEqualTo(InvalidTokenException.Reason.CREDENTIALS_CHANGED);
    clock.advance(Duration.ofMinutes(29));
    assertThat(refusal(after)).as("for its whole life").isNull();
    TokenPair refreshed = security.refresh(after.refreshToken().orElseThrow().value(), CTX);
    assertThat(refusal(refreshed)).isNull();
  }

  @Test
  void logout_anotherUsersRefreshToken_refusedReportedNothingRevoked() throws Exception {
    TokenPair alice = TestSecurity.login(security, "alice");
    TokenPair bob = TestSecurity.login(security, "bob");
    Authentication caller = security.authenticate(alice.accessToken().value(), CTX);

    assertThatThrownBy(() -> security.logout(caller, bob.refreshToken().orElseThrow().value(), CTX))
        .isInstanceOf(AccessDeniedException.class);

    assertThat(refusal(alice)).isNull();
    assertThat(refusal(bob)).isNull();
    assertThat(security.refresh(bob.refreshToken().orElseThrow().value(), CTX).refreshToken())
        .isPresent();
    assertThat(events).filteredOn(e -> e.type() == SecurityEventType.AUTHN_TOKEN_REVOKED).isEmpty();
    assertThat(events)
        .filteredOn(e -> e.type() == SecurityEventType.AUTHZ_FAIL)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.userId()).isEqualTo("alice");
              assertThat(e.reason()).isEqualTo("FOREIGN_REFRESH_TOKEN");
            });
  }

  /** Any pair of users and any of their tokens: a foreign refresh token never ends anything. */
  @Test
  void logout_foreignRefreshTokenSeededRandom_neverRevokes() throws Exception {
    long seed = System.nanoTime();
    System.out.println("JwtSecuritySessionTest seed: " + seed);
    Random random = new Random(seed);
    for (int i = 0; i < 20; i++) {
      String me = random.nextBoolean() ? "alice" : "bob";
      String other = me.equals("alice") ? "bob" : "alice";
      TokenPair mine = TestSecurity.login(security, me);
      TokenPair theirs = TestSecurity.login(security, other);
      for (int r = random.nextInt(3); r > 0; r--) {
        theirs = security.refresh(theirs.refreshToken().orElseThrow().value(), CTX);
      }
      Authentication caller = security.authenticate(mine.accessToken().value(), CTX);
      String foreign = theirs.refreshToken().orElseThrow().value();
      assertThatThrownBy(() -> security.logout(caller, foreign, CTX))
          .as("seed %d", seed)
          .isInstanceOf(AccessDeniedException.class);
      assertThat(refusal(mine)).as("seed %d", seed).isNull();
      assertThat(refusal(theirs)).as("seed %d", seed).isNull();
    }
    assertThat(events).noneMatch(e -> e.type() == SecurityEventType.AUTHN_TOKEN_REVOKED);
  }

  @Test
  void authenticate_correctlySignedYearLongToken_refusedAsTooLongLived() {
    AccessTokenIssuer forger =
        AccessTokenIssuer.builder()
            .keyRing(security.keyRing())
            .issuer(TestSecurity.ISSUER)
            .clock(clock)
            .unsafeAccessTokenLifetime(Duration.ofDays(30))
            .build();
    String forged = forger.issue(AccessTokenClaims.forSubject("alice").build()).value();

    assertThatThrownBy(() -> security.authenticate(forged, CTX))
        .isInstanceOfSatisfying(
            InvalidTokenException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidTokenException.Reason.LIFETIME_TOO_LONG));
    assertThat(events).anySatisfy(e -> assertThat(e.reason()).isEqualTo("LIFETIME_TOO_LONG"));
  }

  @Test
  void reuseDetected_throughTheFrontDoor_accessTokensOfTheSessionRefusedAtOnce() throws Exception {
    TokenPair first = TestSecurity.login(security, "alice");
    TokenPair second = security.refresh(first.refreshToken().orElseThrow().value(), CTX);
    clock.advance(Duration.ofSeconds(6));

    assertThatThrownBy(() -> security.refresh(first.refreshToken().orElseThrow().value(), CTX))
        .isInstanceOf(dev.jwtsecurity.refresh.InvalidRefreshTokenException.class);

    assertThat(refusal(first)).isEqualTo(InvalidTokenException.Reason.REVOKED);
    assertThat(refusal(second)).isEqualTo(InvalidTokenException.Reason.REVOKED);
  }
}
