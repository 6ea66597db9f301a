package dev.jwtsecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.access.AccessTokenDenylist;
import dev.jwtsecurity.audit.AuditTrail;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.config.Secret;
import dev.jwtsecurity.login.UserCredentialsLookup;
import dev.jwtsecurity.password.Argon2Parameters;
import dev.jwtsecurity.password.HashLimits;
import dev.jwtsecurity.password.PasswordMigration;
import dev.jwtsecurity.password.PasswordTesting;
import dev.jwtsecurity.refresh.RefreshTokenStore;
import dev.jwtsecurity.throttle.ThrottlePolicy;
import dev.jwtsecurity.throttle.ThrottleStore;
import dev.jwtsecurity.token.AccessTokenClaims;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JwtSecurityBuilderMisuseTest {

  private static final JwtSettings SETTINGS =
      JwtSettings.builder()
          .secret(Secret.ofUtf8("Zr8Kq3Xv0bN7mW2pL9cT5yH1sD6fJ4gA8eU3iO7kQ2x"))
          .build();

  private static final UserCredentialsLookup NO_USERS =
      new UserCredentialsLookup() {
        @Override
        public Optional<dev.jwtsecurity.login.UserCredentialsLookup.UserCredentials> findByUsername(
            String name) {
          return Optional.empty();
        }

        @Override
        public boolean updatePasswordHash(String userId, String expected, String newHash) {
          return false;
        }
      };

  /** Each option of the builder, set once with a valid value. */
  record Option(String name, Consumer<JwtSecurity.Builder> set) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Option> setOnceOptions() {
    return List.of(
        new Option("clock", b -> b.clock(Clock.systemUTC())),
        new Option("random", b -> b.random(new SecureRandom())),
        new Option("users", b -> b.users(NO_USERS)),
        new Option("userDirectory", b -> b.userDirectory(id -> null)),
        new Option("claims", b -> b.claims(id -> AccessTokenClaims.forSubject(id).build())),
        new Option("userStatusCache", b -> b.userStatusCache(Duration.ofSeconds(5), 10)),
        new Option("refreshTokenStore", b -> b.refreshTokenStore(RefreshTokenStore.inMemory())),
        new Option(
            "refreshTokenLifetimes",
            b -> b.refreshTokenLifetimes(Duration.ofDays(1), Duration.ofDays(2))),
        new Option("refreshReuseGrace", b -> b.refreshReuseGrace(Duration.ofSeconds(1))),
        new Option("refreshGraceReplays", b -> b.refreshGraceReplays(3)),
        new Option("throttleStore", b -> b.throttleStore(ThrottleStore.inMemory())),
        new Option(
            "throttlePolicies",
            b ->
                b.throttlePolicies(ThrottlePolicy.ADDRESS_DEFAULT, ThrottlePolicy.ACCOUNT_DEFAULT)),
        new Option(
            "registrationThrottle", b -> b.registrationThrottle(ThrottlePolicy.ADDRESS_DEFAULT)),
        new Option("usernameRegistry", b -> b.usernameRegistry(skeleton -> false)),
        new Option("denylist", b -> b.denylist(AccessTokenDenylist.inMemory())),
        new Option("passwordHashing", b -> b.passwordHashing(Argon2Parameters.DEFAULT)),
        new Option(
            "unsafePasswordHashingForTesting",
            b -> b.unsafePasswordHashingForTesting(PasswordTesting.CHEAP)),
        new Option("storedHashLimits", b -> b.storedHashLimits(HashLimits.DEFAULT)),
        new Option("hashingBudget", b -> b.hashingBudget(262_144, Duration.ofSeconds(1))),
        new Option("passwordMigration", b -> b.passwordMigration(PasswordMigration.DEFAULT)),
        new Option("argon2Engine", b -> b.argon2Engine(PasswordTesting.nativeArgon2())),
        new Option("auditTrail", b -> b.auditTrail(AuditTrail.inMemory(), Duration.ofDays(90))),
        new Option("alertHook", b -> b.alertHook(SecurityEventListener.none())),
        new Option(
            "alertOnRepeatedAccountFailures",
            b -> b.alertOnRepeatedAccountFailures(5, Duration.ofMinutes(1))),
        new Option(
            "alertOnCredentialStuffing",
            b -> b.alertOnCredentialStuffing(5, Duration.ofMinutes(1))),
        new Option(
            "alertOnDistributedAccountAttack",
            b -> b.alertOnDistributedAccountAttack(5, Duration.ofMinutes(1))),
        new Option(
            "alertOnInvalidTokenBurst", b -> b.alertOnInvalidTokenBurst(5, Duration.ofMinutes(1))),
        new Option("alertLimits", b -> b.alertLimits(Duration.ofMinutes(5), 100)));
  }

  @ParameterizedTest
  @MethodSource("setOnceOptions")
  void option_setTwice_throwsIllegalStateNamingIt(Option option) {
    JwtSecurity.Builder b = JwtSecurity.builder(SETTINGS);
    option.set().accept(b);

    assertThatThrownBy(() -> option.set().accept(b))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already set");
  }

  @Test
  void passwordHashing_safeAndUnsafeTogether_throwsIllegalState() {
    JwtSecurity.Builder b = JwtSecurity.builder(SETTINGS).passwordHashing(Argon2Parameters.DEFAULT);

    assertThatThrownBy(() -> b.unsafePasswordHashingForTesting(PasswordTesting.CHEAP))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void events_calledSeveralTimes_addsListeners() {
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    JwtSecurity security =
        JwtSecurity.builder(SETTINGS)
            .events(e -> seen.add("first"))
            .events(e -> seen.add("second"))
            .build();

    assertThatThrownBy(
            () -> security.authenticate("x", dev.jwtsecurity.audit.RequestContext.UNKNOWN))
        .isInstanceOf(dev.jwtsecurity.token.InvalidTokenException.class);
    assertThat(seen).containsExactly("first", "second");
  }

  @Test
  void builder_nullSettings_throwsNullPointer() {
    assertThatThrownBy(() -> JwtSecurity.builder(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void setters_null_throwNullPointer() {
    JwtSecurity.Builder b = JwtSecurity.builder(SETTINGS);
    assertThatThrownBy(() -> b.clock(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.random(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.events(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.users(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.userDirectory(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.claims(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.refreshTokenStore(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.throttleStore(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.denylist(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.alertHook(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.passwordMigration(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.argon2Engine(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.registrationThrottle(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.usernameRegistry(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.throttlePolicies(null, ThrottlePolicy.ACCOUNT_DEFAULT))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.auditTrail(null, Duration.ofDays(1)))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void outOfRangeOptions_throwIllegalArgument() {
    JwtSecurity.Builder b = JwtSecurity.builder(SETTINGS);
    assertThatThrownBy(() -> b.userStatusCache(Duration.ofSeconds(301), 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("300");
    assertThatThrownBy(() -> b.userStatusCache(Duration.ofSeconds(-1), 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.userStatusCache(Duration.ZERO, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.refreshReuseGrace(Duration.ofSeconds(61)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.refreshGraceReplays(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 1 and 10");
    assertThatThrownBy(() -> b.refreshGraceReplays(11))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.refreshTokenLifetimes(Duration.ofDays(10), Duration.ofDays(5)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.auditTrail(AuditTrail.inMemory(), Duration.ofHours(23)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one day");
    assertThatThrownBy(() -> b.passwordHashing(PasswordTesting.CHEAP))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OWASP");
    assertThatThrownBy(() -> b.alertOnCredentialStuffing(0, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.grant(" ", "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void build_statusCacheWithoutDirectory_throwsIllegalStateNamingTheFix() {
    assertThatThrownBy(
            () -> JwtSecurity.builder(SETTINGS).userStatusCache(Duration.ofSeconds(5), 10).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("userDirectory");
  }

  @Test
  void build_refreshIdleShorterThanAccessTokenLifetime_throwsIllegalState() {
    assertThatThrownBy(
            () ->
                JwtSecurity.builder(SETTINGS)
                    .refreshTokenLifetimes(Duration.ofMinutes(10), Duration.ofDays(1))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("access-token lifetime");
  }

  @Test
  void login_withoutUsers_throwsIllegalStateWithTheFix() {
    JwtSecurity security = JwtSecurity.builder(SETTINGS).build();
    assertThatThrownBy(
            () -> security.login("alice", "pw", dev.jwtsecurity.audit.RequestContext.UNKNOWN))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("users(");
  }

  @Test
  void build_calledTwice_givesTwoWorkingInstancesWithTheirOwnState() throws Exception {
    String[] granted = {"document:read"};
    JwtSecurity.Builder b =
        dev.jwtsecurity.testing.TestSecurity.builder("alice")
            .grant("reader", granted)
            .alertOnRepeatedAccountFailures(3, Duration.ofMinutes(1));
    granted[0] = "document:delete"; // the builder copied the permissions

    JwtSecurity first = b.build();
    JwtSecurity second = b.build();

    dev.jwtsecurity.refresh.TokenPair pair =
        dev.jwtsecurity.testing.TestSecurity.login(first, "alice");
    String refreshToken = pair.refreshToken().orElseThrow().value();
    assertThat(
            second
                .authenticate(
                    pair.accessToken().value(), dev.jwtsecurity.audit.RequestContext.UNKNOWN)
                .user()
                .userId())
        .isEqualTo("alice");
    // Each build has its own default in-memory refresh-token store.
    assertThatThrownBy(
            () -> second.refresh(refreshToken, dev.jwtsecurity.audit.RequestContext.UNKNOWN))
        .isInstanceOf(dev.jwtsecurity.refresh.InvalidRefreshTokenException.class);
    assertThat(first.refresh(refreshToken, dev.jwtsecurity.audit.RequestContext.UNKNOWN))
        .isNotNull();
    var reader =
        new dev.jwtsecurity.access.AuthenticatedUser(
            "alice", java.util.Set.of("reader"), java.util.Set.of());
    for (JwtSecurity s : List.of(first, second)) {
      assertThat(s.accessGuard().hasPermission(reader, "document:read")).isTrue();
      assertThat(s.accessGuard().hasPermission(reader, "document:delete")).isFalse();
    }
  }

  @Test
  void fromEnvironment_nullEnvironment_throwsNullPointer() {
    assertThatThrownBy(() -> JwtSecurity.fromEnvironment(null))
        .isInstanceOf(NullPointerException.class);
  }
}
