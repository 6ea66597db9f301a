package dev.jwtsecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.jwtsecurity.access.AccessTokenDenylist;
import dev.jwtsecurity.access.TokenAuthenticator;
import dev.jwtsecurity.access.UserDirectory;
import dev.jwtsecurity.access.UserDirectory.UserStatus;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.testing.ManualClock;
import dev.jwtsecurity.token.AccessTokenClaims;
import dev.jwtsecurity.token.AccessTokenIssuer;
import dev.jwtsecurity.token.AccessTokenValidator;
import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.InvalidTokenException;
import dev.jwtsecurity.token.InvalidTokenException.Reason;
import dev.jwtsecurity.token.IssuedAccessToken;
import dev.jwtsecurity.token.JwtKey;
import dev.jwtsecurity.token.KeyRing;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenAuthenticatorUserStatusTest {

  private static final byte[] SECRET =
      "k7Qp2vX9mR4tY8wZ1cF6hJ3nB5sD0gL7aE2uI9oP4xV6".getBytes(StandardCharsets.US_ASCII);
  private static final RequestContext CTX = RequestContext.of("198.51.100.4", "ua", "r1");

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T12:00:00.250Z"));
  private final KeyRing ring = KeyRing.of(JwtKey.hmac("k1", Algorithm.HS256, SECRET));
  private final AccessTokenIssuer issuer =
      AccessTokenIssuer.builder().keyRing(ring).issuer("https://issuer.test").clock(clock).build();
  private final AccessTokenValidator validator =
      AccessTokenValidator.builder()
          .keyRing(ring)
          .issuer("https://issuer.test")
          .clock(clock)
          .build();
  private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
  private final Map<String, UserStatus> users =
      new ConcurrentHashMap<>(Map.of("alice", UserStatus.active()));
  private final AtomicInteger directoryCalls = new AtomicInteger();
  private final UserDirectory directory =
      userId -> {
        directoryCalls.incrementAndGet();
        return users.getOrDefault(userId, UserStatus.notFound());
      };

  private Auth authenticator() {
    return new Auth();
  }

  /** The authenticator options the facade builder passes on. */
  private final class Auth {
    private UserDirectory dir;
    private Duration ttl = StatusCachePolicy.DEFAULT.ttl();
    private AccessTokenDenylist denylist = AccessTokenDenylist.inMemory(100);

    Auth userDirectory(UserDirectory d) {
      this.dir = d;
      return this;
    }

    Auth statusCacheTtl(Duration t) {
      this.ttl = t;
      return this;
    }

    Auth denylist(AccessTokenDenylist d) {
      this.denylist = d;
      return this;
    }

    TokenAuthenticator build() {
      UserStatusCache cache = dir == null ? null : new UserStatusCache(dir, ttl, 10_000, clock);
      return new AccessTokenAuthenticator(validator, null, events::add, clock, denylist, cache);
    }
  }

  private String token(String user) {
    return issuer.issue(AccessTokenClaims.forSubject(user).build()).value();
  }

  private static void assertRefused(TokenAuthenticator auth, String token, Reason reason) {
    assertThatThrownBy(() -> auth.authenticate(token, CTX))
        .isInstanceOfSatisfying(
            InvalidTokenException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @Test
  void authenticate_noOptions_neverAsksDirectoryNorDenylist() throws Exception {
    TokenAuthenticator auth = authenticator().build();

    assertThat(auth.authenticate(token("ghost"), CTX).user().userId()).isEqualTo("ghost");
    assertThat(directoryCalls).hasValue(0);
  }

  @Test
  void authenticate_activeUser_accepted() throws Exception {
    TokenAuthenticator auth = authenticator().userDirectory(directory).build();

    assertThat(auth.authenticate(token("alice"), CTX).user().userId()).isEqualTo("alice");
  }

  @Test
  void authenticate_deletedUser_rejectsWithUserInactiveAndReportsIt() {
    TokenAuthenticator auth = authenticator().userDirectory(directory).build();
    IssuedAccessToken token = issuer.issue(AccessTokenClaims.forSubject("bob").build());

    assertRefused(auth, token.value(), Reason.USER_INACTIVE);

    SecurityEvent e = events.get(0);
    assertThat(e.type()).isEqualTo(SecurityEventType.AUTHN_TOKEN_INVALID);
    assertThat(e.reason()).isEqualTo("USER_INACTIVE");
    assertThat(e.userId()).isEqualTo("bob");
    assertThat(e.tokenId()).isEqualTo(token.tokenId());
    assertThat(e.toString()).doesNotContain(token.value());
  }

  @Test
  void authenticate_deactivatedUser_rejectsWithUserInactive() {
    users.put("alice", UserStatus.inactive());
    TokenAuthenticator auth = authenticator().userDirectory(directory).build();

    assertRefused(auth, token("alice"), Reason.USER_INACTIVE);
  }

  @Test
  void authenticate_passwordChangedAfterIssue_rejectsWithCredentialsChanged() throws Exception {
    TokenAuthenticator auth =
        authenticator().userDirectory(directory).statusCacheTtl(Duration.ZERO).build();
    String before = token("alice");
    clock.advance(Duration.ofMinutes(5));
    users.put("alice", UserStatus.active(clock.instant()));
    // Same second as the change, just after it: iat has whole seconds, so it is refused too (fail
    // closed).
    clock.advance(Duration.ofMillis(100));
    String sameSecond = token("alice");
    clock.advance(Duration.ofSeconds(1));
    String after = token("alice");

    assertRefused(auth, before, Reason.CREDENTIALS_CHANGED);
    assertRefused(auth, sameSecond, Reason.CREDENTIALS_CHANGED);
    assertThat(auth.authenticate(after, CTX).user().userId()).isEqualTo("alice");
  }

  @Test
  void authenticate_statusChangedWithinTtl_seenOnlyAfterTtl() throws Exception {
    TokenAuthenticator auth =
        authenticator().userDirectory(directory).statusCacheTtl(Duration.ofSeconds(30)).build();
    String token = token("alice");
    auth.authenticate(token, CTX);
    users.put("alice", UserStatus.inactive());

    clock.advance(Duration.ofSeconds(29));
    assertThat(auth.authenticate(token, CTX).user().userId()).isEqualTo("alice");
    assertThat(directoryCalls).hasValue(1);

    clock.advance(Duration.ofSeconds(1));
    assertRefused(auth, token, Reason.USER_INACTIVE);
    assertThat(directoryCalls).hasValue(2);
  }

  @Test
  void authenticate_defaultTtl_is30Seconds() throws Exception {
    TokenAuthenticator auth = authenticator().userDirectory(directory).build();
    String token = token("alice");
    auth.authenticate(token, CTX);
    users.remove("alice");

    clock.advance(Duration.ofSeconds(29));
    auth.authenticate(token, CTX);
    clock.advance(Duration.ofSeconds(1));
    assertRefused(auth, token, Reason.USER_INACTIVE);
  }

  @Test
  void authenticate_zeroTtl_seesChangeAtOnce() throws Exception {
    TokenAuthenticator auth =
        authenticator().userDirectory(directory).statusCacheTtl(Duration.ZERO).build();
    String token = token("alice");
    auth.authenticate(token, CTX);
    auth.authenticate(token, CTX);
    assertThat(directoryCalls).hasValue(2);

    users.put("alice", UserStatus.inactive());

    assertRefused(auth, token, Reason.USER_INACTIVE);
  }

  @Test
  void authenticate_directoryFails_propagatesAndCachesNothing() throws Exception {
    AtomicInteger failures = new AtomicInteger(1);
    TokenAuthenticator auth =
        authenticator()
            .userDirectory(
                id -> {
                  if (failures.getAndDecrement() > 0) {
                    throw new IllegalStateException("database down");
                  }
                  return UserStatus.active();
                })
            .build();
    String token = token("alice");

    assertThatThrownBy(() -> auth.authenticate(token, CTX))
        .isInstanceOf(IllegalStateException.class);
    assertThat(auth.authenticate(token, CTX).user().userId()).isEqualTo("alice");
  }

  @Test
  void authenticate_directoryReturnsNull_throwsIllegalState() {
    TokenAuthenticator auth = authenticator().userDirectory(id -> null).build();

    assertThatThrownBy(() -> auth.authenticate(token("alice"), CTX))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("UserStatus.notFound()");
  }

  @Test
  void authenticate_denylistedJti_rejectsWithRevoked() throws Exception {
    AccessTokenDenylist denylist = AccessTokenDenylist.inMemory(100);
    TokenAuthenticator auth = authenticator().denylist(denylist).build();
    IssuedAccessToken revoked = issuer.issue(AccessTokenClaims.forSubject("alice").build());
    String other = token("alice");
    denylist.deny(auth.authenticate(revoked.value(), CTX).token());

    assertRefused(auth, revoked.value(), Reason.REVOKED);
    assertThat(auth.authenticate(other, CTX).user().userId()).isEqualTo("alice");
    assertThat(events.get(events.size() - 1).tokenId()).isEqualTo(revoked.tokenId());
  }

  @Test
  void authenticate_denylistCheckedBeforeDirectory() {
    AccessTokenDenylist denylist = AccessTokenDenylist.inMemory(100);
    TokenAuthenticator auth = authenticator().denylist(denylist).userDirectory(directory).build();
    IssuedAccessToken token = issuer.issue(AccessTokenClaims.forSubject("alice").build());
    denylist.deny("https://issuer.test", token.tokenId(), token.expiresAt());

    assertRefused(auth, token.value(), Reason.REVOKED);
    assertThat(directoryCalls).hasValue(0);
  }

  @Test
  void authenticate_anyStatusAndValidSince_acceptedExactlyWhenActiveAndIssuedNotBefore() {
    TokenAuthenticator auth =
        authenticator().userDirectory(directory).statusCacheTtl(Duration.ZERO).build();
    IssuedAccessToken token = issuer.issue(AccessTokenClaims.forSubject("alice").build());

    qt().withExamples(300)
        .forAll(integers().between(0, 2), integers().between(-5000, 5000))
        .checkAssert(
            (state, offsetMillis) -> {
              Instant validSince = token.issuedAt().plusMillis(offsetMillis);
              UserStatus status =
                  switch (state) {
                    case 0 -> UserStatus.active(validSince);
                    case 1 -> UserStatus.inactive();
                    default -> UserStatus.notFound();
                  };
              users.put("alice", status);
              boolean expected = state == 0 && offsetMillis <= 0;
              try {
                auth.authenticate(token.value(), CTX);
                assertThat(expected)
                    .as("accepted state %d offset %d", state, offsetMillis)
                    .isTrue();
              } catch (InvalidTokenException e) {
                assertThat(expected)
                    .as("refused state %d offset %d", state, offsetMillis)
                    .isFalse();
                assertThat(e.reason())
                    .isEqualTo(state == 0 ? Reason.CREDENTIALS_CHANGED : Reason.USER_INACTIVE);
              }
            });
  }
}
