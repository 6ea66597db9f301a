package dev.jwtsecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.config.Secret;
import dev.jwtsecurity.login.LoginResult;
import dev.jwtsecurity.login.UserCredentials;
import dev.jwtsecurity.login.UserCredentialsLookup;
import dev.jwtsecurity.refresh.TokenPair;
import dev.jwtsecurity.testing.LogCapture;
import dev.jwtsecurity.testing.Secrets;
import dev.jwtsecurity.token.InvalidTokenException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The facade wires login, token pairs, per-request authentication and logout with one listener. */
class JwtSecurityFlowTest {

  private static final String SECRET = "Zr8Kq3Xv0bN7mW2pL9cT5yH1sD6fJ4gA8eU3iO7kQ2x";
  private static final String PASSWORD = "correct horse battery staple 42";
  private static final RequestContext CTX = RequestContext.of("203.0.113.9", "JUnit", "r-1");

  static {
    Secrets.register(SECRET);
    Secrets.register(PASSWORD);
  }

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
  private final JwtSettings settings =
      JwtSettings.builder().secret(Secret.ofUtf8(SECRET)).environment("test").build();

  /** A user table with one user whose hash is made by the facade's own hasher. */
  private static final class Users implements UserCredentialsLookup {
    final Map<String, UserCredentials> byName = new ConcurrentHashMap<>();

    @Override
    public Optional<UserCredentials> findByUsername(String normalisedUsername) {
      return Optional.ofNullable(byName.get(normalisedUsername));
    }

    @Override
    public boolean updatePasswordHash(String userId, String expectedCurrentHash, String newHash) {
      return false;
    }
  }

  @Test
  void loginRefreshAuthenticateLogout_wiredFacade_worksEndToEnd() throws Exception {
    Users users = new Users();
    List<SecurityEvent> events = new ArrayList<>();
    JwtSecurity security =
        JwtSecurity.builder(settings).clock(clock).users(users).events(events::add).build();
    users.byName.put(
        "alice",
        new UserCredentials(
            "u-1", security.passwords().hash(PASSWORD), true, false, Set.of("user")));

    LoginResult result = security.login().login("Alice", PASSWORD, CTX);
    assertThat(result).isInstanceOf(LoginResult.Success.class);
    String userId = ((LoginResult.Success) result).user().userId();
    TokenPair pair = security.tokenPairs().login(userId, CTX);
    Authentication auth = security.authenticator().authenticate(pair.accessToken().value(), CTX);
    assertThat(auth.user().userId()).isEqualTo("u-1");

    TokenPair next = security.tokenPairs().refresh(pair.refreshToken().orElseThrow().value(), CTX);
    security.tokenPairs().logout(next.refreshToken().orElseThrow().value(), auth.token(), CTX);

    // Logout denies the caller's access token at once through the default denylist.
    assertThatThrownBy(() -> security.authenticator().authenticate(pair.accessToken().value(), CTX))
        .isInstanceOfSatisfying(
            InvalidTokenException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidTokenException.Reason.REVOKED));
    assertThat(events)
        .extracting(SecurityEvent::type)
        .contains(
            SecurityEventType.AUTHN_LOGIN_SUCCESS,
            SecurityEventType.AUTHN_TOKEN_REVOKED,
            SecurityEventType.AUTHN_TOKEN_INVALID);
  }

  @Test
  void login_withoutUsers_throwsWithHowToFix() {
    JwtSecurity security = JwtSecurity.builder(settings).clock(clock).build();
    assertThatThrownBy(security::login)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("users(");
  }

  @Test
  void build_defaultEvents_failuresAreLoggedAsSecurityEvents() {
    JwtSecurity security = JwtSecurity.builder(settings).clock(clock).build();
    int mark = LogCapture.global().size();
    assertThatThrownBy(() -> security.authenticator().authenticate("a.b.c", CTX))
        .isInstanceOf(InvalidTokenException.class);
    assertThat(LogCapture.global().linesSince(mark))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("event=authn_token_invalid")
                    .contains("client_ip=203.0.113.9"));
  }

  @Test
  void builder_alertHookAfterEvents_refusedAsContradictory() {
    assertThatThrownBy(() -> JwtSecurity.builder(settings).events(e -> {}).alertHook(a -> {}))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JwtSecurity.builder(settings).alertHook(a -> {}).events(e -> {}))
        .isInstanceOf(IllegalStateException.class);
  }
}
