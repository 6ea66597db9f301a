package dev.jwtsecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.access.AccessDeniedException;
import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.access.UserDirectory.UserStatus;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.config.Secret;
import dev.jwtsecurity.login.LoginResult;
import dev.jwtsecurity.login.UserCredentialsLookup;
import dev.jwtsecurity.login.UserCredentialsLookup.UserCredentials;
import dev.jwtsecurity.password.PasswordTesting;
import dev.jwtsecurity.refresh.InvalidRefreshTokenException;
import dev.jwtsecurity.refresh.TokenPair;
import dev.jwtsecurity.testing.LogCapture;
import dev.jwtsecurity.testing.ManualClock;
import dev.jwtsecurity.testing.Secrets;
import dev.jwtsecurity.token.AccessTokenClaims;
import dev.jwtsecurity.token.InvalidTokenException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The front door end to end: login, per-request authentication, refresh with recomputed claims,
 * logout, and the refusals after it, all reported through one listener.
 */
class JwtSecurityFlowTest {

  private static final String SECRET =
      Secrets.register("Zr8Kq3Xv0bN7mW2pL9cT5yH1sD6fJ4gA8eU3iO7kQ2x");
  private static final String PASSWORD = Secrets.register("correct horse battery staple 42");
  private static final RequestContext CTX = RequestContext.of("203.0.113.9", "JUnit", "r-1");

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T12:00:00Z"));
  private final JwtSettings settings =
      JwtSettings.builder().secret(Secret.ofUtf8(SECRET)).environment("test").build();

  /** A user table: credentials, roles, and the status the directory reports. */
  private static final class Users implements UserCredentialsLookup {
    final Map<String, UserCredentials> byName = new ConcurrentHashMap<>();
    final Map<String, Set<String>> roles = new ConcurrentHashMap<>();
    final Map<String, UserStatus> status = new ConcurrentHashMap<>();

    @Override
    public Optional<UserCredentials> findByUsername(String normalisedUsername) {
      return Optional.ofNullable(byName.get(normalisedUsername));
    }

    @Override
    public boolean updatePasswordHash(String userId, String expectedCurrentHash, String newHash) {
      return false;
    }

    AccessTokenClaims claims(String userId) {
      return AccessTokenClaims.forSubject(userId)
          .roles(roles.getOrDefault(userId, Set.of()))
          .build();
    }
  }

  private final Users users = new Users();
  private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
  private final JwtSecurity security =
      JwtSecurity.builder(settings)
          .clock(clock)
          .users(users)
          .userDirectory(id -> users.status.getOrDefault(id, UserStatus.notFound()))
          .userStatusCache(Duration.ZERO, 100)
          .claims(users::claims)
          .grant("admin", "stats:read")
          .unsafePasswordHashingForTesting(PasswordTesting.CHEAP)
          .events(events::add)
          .build();

  JwtSecurityFlowTest() throws Exception {
    users.byName.put(
        "alice", new UserCredentials("u-1", security.passwords().hash(PASSWORD), true, false));
    users.roles.put("u-1", Set.of("user", "admin"));
    users.status.put("u-1", UserStatus.active());
  }

  private static TokenPair tokens(LoginResult r) {
    assertThat(r).isInstanceOf(LoginResult.Success.class);
    return ((LoginResult.Success) r).tokens();
  }

  private static String refreshToken(TokenPair pair) {
    return pair.refreshToken().orElseThrow().value();
  }

  private static void assertRefused(
      String accessToken, JwtSecurity s, InvalidTokenException.Reason reason) {
    assertThatThrownBy(() -> s.authenticate(accessToken, CTX))
        .isInstanceOfSatisfying(
            InvalidTokenException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @Test
  void loginAuthenticateRefreshLogout_throughFacade_thenEveryTokenIsRefused() throws Exception {
    TokenPair pair = tokens(security.login("Alice", PASSWORD, CTX));
    Authentication auth = security.authenticate(pair.accessToken().value(), CTX);
    assertThat(auth.user().userId()).isEqualTo("u-1");

    clock.advance(Duration.ofMinutes(5));
    TokenPair next = security.refresh(refreshToken(pair), CTX);
    Authentication again = security.authenticate(next.accessToken().value(), CTX);

    assertThat(security.logout(again, refreshToken(next), CTX)).isTrue();

    assertRefused(next.accessToken().value(), security, InvalidTokenException.Reason.REVOKED);
    assertThatThrownBy(() -> security.refresh(refreshToken(next), CTX))
        .isInstanceOfSatisfying(
            InvalidRefreshTokenException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidRefreshTokenException.Reason.REVOKED));
    assertThat(events)
        .extracting(SecurityEvent::type)
        .containsSubsequence(
            SecurityEventType.AUTHN_LOGIN_SUCCESS,
            SecurityEventType.AUTHN_TOKEN_CREATED,
            SecurityEventType.AUTHN_TOKEN_REFRESHED,
            SecurityEventType.AUTHN_TOKEN_REVOKED,
            SecurityEventType.AUTHN_TOKEN_INVALID);
  }

  @Test
  void refresh_demotedUser_losesTheRoleAtTheNextRefresh() throws Exception {
    LoginResult r = security.login("alice", PASSWORD, CTX);
    assertThat(((LoginResult.Success) r).user().roles()).containsExactlyInAnyOrder("user", "admin");
    Authentication admin = security.authenticate(tokens(r).accessToken().value(), CTX);
    security.accessGuard().requirePermission(admin.user(), "stats:read", CTX);

    users.roles.put("u-1", Set.of("user"));
    TokenPair next = security.refresh(refreshToken(tokens(r)), CTX);
    Authentication demoted = security.authenticate(next.accessToken().value(), CTX);

    assertThat(demoted.user().roles()).containsExactly("user");
    assertThatThrownBy(
            () -> security.accessGuard().requirePermission(demoted.user(), "stats:read", CTX))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void logoutWithoutRefreshToken_endsTheSessionTheAccessTokenNames() throws Exception {
    TokenPair pair = tokens(security.login("alice", PASSWORD, CTX));
    TokenPair other = tokens(security.login("alice", PASSWORD, CTX));
    Authentication auth = security.authenticate(pair.accessToken().value(), CTX);

    security.logout(auth, CTX);

    assertRefused(pair.accessToken().value(), security, InvalidTokenException.Reason.REVOKED);
    assertThatThrownBy(() -> security.refresh(refreshToken(pair), CTX))
        .isInstanceOf(InvalidRefreshTokenException.class);
    assertThat(security.authenticate(other.accessToken().value(), CTX).user().userId())
        .as("the user's other session lives")
        .isEqualTo("u-1");
  }

  @Test
  void logout_anotherUsersRefreshToken_isRefusedAndTheirSessionLives() throws Exception {
    users.byName.put(
        "bob", new UserCredentials("u-2", security.passwords().hash(PASSWORD), true, false));
    users.status.put("u-2", UserStatus.active());
    TokenPair alices = tokens(security.login("alice", PASSWORD, CTX));
    TokenPair bobs = tokens(security.login("bob", PASSWORD, CTX));
    Authentication alice = security.authenticate(alices.accessToken().value(), CTX);

    assertThatThrownBy(() -> security.logout(alice, refreshToken(bobs), CTX))
        .isInstanceOfSatisfying(
            AccessDeniedException.class,
            e ->
                assertThat(e.reason())
                    .isEqualTo(AccessDeniedException.Reason.FOREIGN_REFRESH_TOKEN));

    assertThat(events)
        .filteredOn(e -> e.type() == SecurityEventType.AUTHZ_FAIL)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.userId()).isEqualTo("u-1");
              assertThat(e.reason()).isEqualTo("FOREIGN_REFRESH_TOKEN");
            });
    assertThat(events)
        .extracting(SecurityEvent::type)
        .as("nothing revoked")
        .doesNotContain(SecurityEventType.AUTHN_TOKEN_REVOKED);
    assertThat(security.refresh(refreshToken(bobs), CTX).refreshToken()).isPresent();
    assertThat(security.authenticate(bobs.accessToken().value(), CTX).user().userId())
        .isEqualTo("u-2");
    assertThat(security.authenticate(alices.accessToken().value(), CTX).user().userId())
        .as("the refused request ended nothing, not even the caller's own session")
        .isEqualTo("u-1");
  }

  @Test
  void logoutEverywhere_endsEverySessionOfTheCaller() throws Exception {
    TokenPair first = tokens(security.login("alice", PASSWORD, CTX));
    TokenPair second = tokens(security.login("alice", PASSWORD, CTX));
    Authentication auth = security.authenticate(second.accessToken().value(), CTX);

    assertThat(security.logoutEverywhere(auth, CTX)).isEqualTo(2);

    assertRefused(second.accessToken().value(), security, InvalidTokenException.Reason.REVOKED);
    assertThatThrownBy(() -> security.refresh(refreshToken(first), CTX))
        .isInstanceOf(InvalidRefreshTokenException.class);
  }

  @Test
  void authenticate_disabledUser_refusedAtOnceWithZeroCacheTtl() throws Exception {
    TokenPair pair = tokens(security.login("alice", PASSWORD, CTX));
    users.status.put("u-1", UserStatus.inactive());

    assertRefused(pair.accessToken().value(), security, InvalidTokenException.Reason.USER_INACTIVE);
  }

  @Test
  void build_noListenerAdded_refusalsStillReachTheSecurityLog() {
    JwtSecurity bare = JwtSecurity.builder(settings).clock(clock).build();
    int mark = LogCapture.global().size();
    assertThatThrownBy(() -> bare.authenticate("a.b.c", CTX))
        .isInstanceOf(InvalidTokenException.class);
    assertThat(LogCapture.global().linesSince(mark))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("event=authn_token_invalid")
                    .contains("client_ip=203.0.113.9"));
  }

  @Test
  void purgeExpired_afterEveryLifetimeEnded_deletesTheSession() throws Exception {
    tokens(security.login("alice", PASSWORD, CTX));
    clock.advance(RefreshPolicy.DEFAULT_ABSOLUTE_LIFETIME.plusDays(1));

    assertThat(security.purgeExpired()).isPositive();
  }
}
