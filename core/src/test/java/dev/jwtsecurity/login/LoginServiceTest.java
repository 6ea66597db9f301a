package dev.jwtsecurity.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.password.Argon2Parameters;
import dev.jwtsecurity.password.PasswordHasher;
import dev.jwtsecurity.throttle.LoginThrottle;
import dev.jwtsecurity.throttle.ThrottlePolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LoginServiceTest {

  private static final Argon2Parameters CHEAP =
      new Argon2Parameters(Argon2Parameters.Variant.ARGON2ID, 19, 64, 1, 1, 16, 32);
  private static final RequestContext CTX = RequestContext.of("203.0.113.7", "curl/8", "req-1");

  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private final PasswordHasher hasher =
      PasswordHasher.builder().unsafeParametersForTesting(CHEAP).build();
  private final Map<String, UserCredentials> table = new ConcurrentHashMap<>();
  private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
  private final UserCredentialsLookup users =
      new UserCredentialsLookup() {
        @Override
        public Optional<UserCredentials> findByUsername(String normalisedUsername) {
          return Optional.ofNullable(table.get(normalisedUsername));
        }

        @Override
        public boolean updatePasswordHash(
            String userId, String expectedCurrentHash, String newHash) {
          for (Map.Entry<String, UserCredentials> e : table.entrySet()) {
            UserCredentials u = e.getValue();
            if (u.userId().equals(userId) && expectedCurrentHash.equals(u.passwordHash())) {
              e.setValue(new UserCredentials(userId, newHash, u.enabled(), u.locked(), u.roles()));
              return true;
            }
          }
          return false;
        }
      };
  private final LoginService login =
      LoginService.builder()
          .users(users)
          .hasher(hasher)
          .throttle(LoginThrottle.builder().clock(clock).build())
          .events(events::add)
          .clock(clock)
          .build();

  LoginServiceTest() throws Exception {
    table.put("alice", new UserCredentials("1", hasher.hash("right"), true, false, Set.of("user")));
    table.put("dis", new UserCredentials("2", hasher.hash("right"), false, false, Set.of()));
    table.put("lock", new UserCredentials("3", hasher.hash("right"), true, true, Set.of()));
    table.put(
        "broken",
        new UserCredentials(
            "4",
            "$argon2id$v=19$m=4194304,t=1,p=1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA",
            true,
            false,
            Set.of()));
  }

  @Test
  void login_rightPassword_succeedsWithUserAndRoles() {
    LoginResult r = login.login("  Alice ", "right".toCharArray(), CTX);
    assertThat(r).isInstanceOf(LoginResult.Success.class);
    assertThat(((LoginResult.Success) r).user().userId()).isEqualTo("1");
    assertThat(((LoginResult.Success) r).user().roles()).containsExactly("user");
    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(SecurityEventType.AUTHN_LOGIN_SUCCESS);
              assertThat(e.userId()).isEqualTo("1");
            });
  }

  @Test
  void login_unknownWrongDisabledLockedBroken_sameResultAndOneComputationEach() {
    String[][] attempts = {
      {"nobody", "right"},
      {"alice", "wrong"},
      {"dis", "right"},
      {"lock", "right"},
      {"broken", "right"},
      {"x".repeat(300), "right"}
    };
    LoginResult first = null;
    for (String[] a : attempts) {
      long before = hasher.hashComputations();
      LoginResult r =
          login.login(
              a[0],
              a[1].toCharArray(),
              RequestContext.of("198.51.100." + a[0].length(), null, null));
      assertThat(hasher.hashComputations() - before).as(a[0]).isEqualTo(1);
      if (first == null) {
        first = r;
      }
      assertThat(r).isEqualTo(first).isSameAs(LoginResult.Failure.INVALID_CREDENTIALS);
      assertThat(r.toString()).isEqualTo(first.toString());
    }
    assertThat(events)
        .extracting(e -> e.reason())
        .containsExactly(
            "UNKNOWN_USER",
            "WRONG_PASSWORD",
            "ACCOUNT_DISABLED",
            "ACCOUNT_LOCKED",
            "UNUSABLE_STORED_HASH",
            "UNKNOWN_USER");
  }

  @Test
  void login_events_neverContainPassword() {
    login.login("alice", "hunter2-secret".toCharArray(), CTX);
    login.login("alice", "right".toCharArray(), CTX);
    assertThat(events)
        .hasSize(2)
        .allSatisfy(
            e -> {
              assertThat(e.toString())
                  .doesNotContain("hunter2")
                  .doesNotContain("right\"")
                  .doesNotContain("$argon2");
              assertThat(e.request().clientAddress()).isEqualTo("203.0.113.7");
              assertThat(e.request().userAgent()).isEqualTo("curl/8");
            });
  }

  @Test
  void login_budgetExhausted_failMaxLockThenThrottledWithoutHashing() {
    for (int i = 0; i < ThrottlePolicy.ACCOUNT_DEFAULT.maxFailures(); i++) {
      assertThat(login.login("alice", "wrong".toCharArray(), CTX))
          .isEqualTo(LoginResult.Failure.INVALID_CREDENTIALS);
    }
    assertThat(events)
        .extracting(SecurityEvent::type)
        .contains(SecurityEventType.AUTHN_LOGIN_FAIL_MAX, SecurityEventType.AUTHN_LOGIN_LOCK);
    long before = hasher.hashComputations();
    LoginResult r = login.login("alice", "right".toCharArray(), CTX);
    assertThat(r)
        .isEqualTo(new LoginResult.Failure(LoginResult.Reason.THROTTLED, Duration.ofMinutes(1)));
    assertThat(((LoginResult.Failure) r).retryAfterSeconds()).isEqualTo(60);
    assertThat(hasher.hashComputations()).isEqualTo(before);
    assertThat(events.get(events.size() - 1).type())
        .isEqualTo(SecurityEventType.EXCESS_RATE_LIMIT_EXCEEDED);
  }

  @Test
  void login_success_resetsAccountBudget() {
    for (int i = 0; i < ThrottlePolicy.ACCOUNT_DEFAULT.maxFailures() - 1; i++) {
      login.login("alice", "wrong".toCharArray(), CTX);
    }
    assertThat(login.login("alice", "right".toCharArray(), CTX).succeeded()).isTrue();
    for (int i = 0; i < ThrottlePolicy.ACCOUNT_DEFAULT.maxFailures() - 1; i++) {
      assertThat(login.login("alice", "wrong".toCharArray(), CTX))
          .isEqualTo(LoginResult.Failure.INVALID_CREDENTIALS);
    }
    assertThat(login.login("alice", "right".toCharArray(), CTX).succeeded()).isTrue();
  }

  @Test
  void login_weakerStoredHash_rehashedOnSuccessThroughCallback() throws Exception {
    PasswordHasher weak =
        PasswordHasher.builder()
            .unsafeParametersForTesting(
                new Argon2Parameters(Argon2Parameters.Variant.ARGON2I, 19, 32, 1, 1, 16, 32))
            .build();
    table.put("old", new UserCredentials("9", weak.hash("pw"), true, false, Set.of()));
    assertThat(login.login("old", "pw".toCharArray(), CTX).succeeded()).isTrue();
    String upgraded = table.get("old").passwordHash();
    assertThat(upgraded).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
    assertThat(hasher.needsRehash(upgraded)).isFalse();
    assertThat(events.get(0).details()).containsEntry("rehash", "upgraded");
    assertThat(login.login("old", "pw".toCharArray(), CTX).succeeded()).isTrue();
  }

  @Test
  void builder_withoutUsers_throws() {
    assertThatThrownBy(() -> LoginService.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("users");
    assertThatThrownBy(() -> LoginService.builder().hasher(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> login.login("a", (char[]) null, CTX))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void normalize_variants_documentedForm() {
    assertThat(UsernameNormalizer.normalize("  Alice@Example.COM ")).contains("alice@example.com");
    assertThat(UsernameNormalizer.normalize("Ame\u0301lie")).contains("am\u00e9lie");
    assertThat(UsernameNormalizer.normalize("TITLE")).contains("title");
    assertThat(UsernameNormalizer.normalize("   ")).isEmpty();
    assertThat(UsernameNormalizer.normalize("a\nb")).isEmpty();
    assertThat(UsernameNormalizer.normalize("x".repeat(257))).isEmpty();
    assertThat(UsernameNormalizer.normalize(null)).isEmpty();
    assertThat(new UserCredentials("1", "$argon2id$secret", true, false, Set.of()).toString())
        .doesNotContain("secret");
  }
}
