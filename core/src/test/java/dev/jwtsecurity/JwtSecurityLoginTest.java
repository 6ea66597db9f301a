package dev.jwtsecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.config.Secret;
import dev.jwtsecurity.login.LoginResult;
import dev.jwtsecurity.login.UserCredentialsLookup;
import dev.jwtsecurity.login.UserCredentialsLookup.UserCredentials;
import dev.jwtsecurity.password.Argon2Engine;
import dev.jwtsecurity.password.Argon2Parameters;
import dev.jwtsecurity.password.PasswordHasher;
import dev.jwtsecurity.password.PasswordMigration;
import dev.jwtsecurity.password.PasswordTesting;
import dev.jwtsecurity.testing.Secrets;
import dev.jwtsecurity.throttle.ThrottlePolicy;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The one-call login: credentials to a token pair, or one of three failures. */
class JwtSecurityLoginTest {

  private static final String SECRET =
      Secrets.register("Zr8Kq3Xv0bN7mW2pL9cT5yH1sD6fJ4gA8eU3iO7kQ2x");
  private static final RequestContext CTX = RequestContext.of("203.0.113.7", "curl/8", "req-1");

  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
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
              e.setValue(new UserCredentials(userId, newHash, u.enabled(), u.locked()));
              return true;
            }
          }
          return false;
        }
      };
  private final JwtSecurity security =
      JwtSecurity.builder(
              JwtSettings.builder().secret(Secret.ofUtf8(SECRET)).environment("test").build())
          .clock(clock)
          .users(users)
          .unsafePasswordHashingForTesting(PasswordTesting.CHEAP)
          .claims(
              id ->
                  dev.jwtsecurity.token.AccessTokenClaims.forSubject(id)
                      .roles(id.equals("1") ? List.of("user") : List.of())
                      .scopes("todo:read")
                      .build())
          .events(events::add)
          .build();
  private final PasswordHasher hasher = security.passwords();

  JwtSecurityLoginTest() throws Exception {
    table.put("alice", new UserCredentials("1", hasher.hash("right"), true, false));
    table.put("dis", new UserCredentials("2", hasher.hash("right"), false, false));
    table.put("lock", new UserCredentials("3", hasher.hash("right"), true, true));
    table.put(
        "broken",
        new UserCredentials(
            "4",
            "$argon2id$v=19$m=4194304,t=1,p=1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA",
            true,
            false));
  }

  /** A throttle that never locks within a test, so only the hashing budget can refuse. */
  private static final ThrottlePolicy ROOMY =
      new ThrottlePolicy(
          1_000_000, Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1));

  private List<SecurityEvent> loginEvents() {
    return events.stream()
        .filter(
            e -> e.type().code().startsWith("authn_login") || e.type().code().startsWith("excess"))
        .toList();
  }

  @Test
  void login_rightPassword_succeedsWithUserRolesScopesAndTokens() throws Exception {
    LoginResult r = security.login("  Alice ", "right", CTX);

    assertThat(r).isInstanceOf(LoginResult.Success.class);
    LoginResult.Success ok = (LoginResult.Success) r;
    assertThat(ok.user().userId()).isEqualTo("1");
    assertThat(ok.user().roles()).containsExactly("user");
    assertThat(ok.user().scopes()).containsExactly("todo:read");
    assertThat(ok.tokens().refreshToken()).isPresent();
    assertThat(security.authenticate(ok.tokens().accessToken().value(), CTX).user())
        .isEqualTo(ok.user());
    assertThat(loginEvents())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(SecurityEventType.AUTHN_LOGIN_SUCCESS);
              assertThat(e.userId()).isEqualTo("1");
            });
    assertThat(events)
        .extracting(SecurityEvent::type)
        .contains(SecurityEventType.AUTHN_TOKEN_CREATED);
  }

  @Test
  void login_charArrayPassword_wrapsWithoutCopy() {
    char[] password = {'r', 'i', 'g', 'h', 't'};
    assertThat(security.login("alice", CharBuffer.wrap(password), CTX).succeeded()).isTrue();
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
      long before = PasswordTesting.computations(hasher);
      LoginResult r =
          security.login(a[0], a[1], RequestContext.of("198.51.100." + a[0].length(), null, null));
      assertThat(PasswordTesting.computations(hasher) - before).as(a[0]).isEqualTo(1);
      if (first == null) {
        first = r;
      }
      assertThat(r).isEqualTo(first).isSameAs(LoginResult.Failure.INVALID_CREDENTIALS);
      assertThat(r.toString()).isEqualTo(first.toString());
    }
    assertThat(loginEvents())
        .extracting(e -> e.reason())
        .containsExactly(
            "UNKNOWN_USER",
            "WRONG_PASSWORD",
            "ACCOUNT_DISABLED",
            "ACCOUNT_LOCKED",
            "UNUSABLE_STORED_HASH",
            "UNKNOWN_USER");
    assertThat(events)
        .extracting(SecurityEvent::type)
        .doesNotContain(SecurityEventType.AUTHN_TOKEN_CREATED);
  }

  @Test
  void login_events_neverContainPassword() {
    security.login("alice", "hunter2-secret", CTX);
    security.login("alice", "right", CTX);
    assertThat(loginEvents())
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
  void login_budgetExhausted_failMaxLockThenThrottledWithRetryAfterWithoutHashing() {
    for (int i = 0; i < ThrottlePolicy.ACCOUNT_DEFAULT.maxFailures(); i++) {
      assertThat(security.login("alice", "wrong", CTX))
          .isEqualTo(LoginResult.Failure.INVALID_CREDENTIALS);
    }
    assertThat(events)
        .extracting(SecurityEvent::type)
        .contains(SecurityEventType.AUTHN_LOGIN_FAIL_MAX, SecurityEventType.AUTHN_LOGIN_LOCK);
    long before = PasswordTesting.computations(hasher);
    LoginResult r = security.login("alice", "right", CTX);
    assertThat(r)
        .isEqualTo(new LoginResult.Failure(LoginResult.Reason.THROTTLED, Duration.ofMinutes(1)));
    assertThat(((LoginResult.Failure) r).retryAfterSeconds()).isEqualTo(60);
    assertThat(PasswordTesting.computations(hasher)).isEqualTo(before);
    assertThat(loginEvents().get(loginEvents().size() - 1).type())
        .isEqualTo(SecurityEventType.EXCESS_RATE_LIMIT_EXCEEDED);
  }

  @Test
  void login_success_resetsAccountBudget() {
    for (int i = 0; i < ThrottlePolicy.ACCOUNT_DEFAULT.maxFailures() - 1; i++) {
      security.login("alice", "wrong", CTX);
    }
    assertThat(security.login("alice", "right", CTX).succeeded()).isTrue();
    for (int i = 0; i < ThrottlePolicy.ACCOUNT_DEFAULT.maxFailures() - 1; i++) {
      assertThat(security.login("alice", "wrong", CTX))
          .isEqualTo(LoginResult.Failure.INVALID_CREDENTIALS);
    }
    assertThat(security.login("alice", "right", CTX).succeeded()).isTrue();
  }

  @Test
  void login_weakerStoredHash_rehashedOnSuccessThroughCallback() throws Exception {
    PasswordHasher weak =
        PasswordHasher.builder()
            .unsafeParametersForTesting(
                new Argon2Parameters(Argon2Parameters.Variant.ARGON2I, 19, 32, 1, 1, 16, 32))
            .build();
    table.put("old", new UserCredentials("9", weak.hash("pw"), true, false));
    assertThat(security.login("old", "pw", CTX).succeeded()).isTrue();
    String upgraded = table.get("old").passwordHash();
    assertThat(upgraded).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
    assertThat(hasher.needsRehash(upgraded)).isFalse();
    assertThat(loginEvents().get(0).details()).containsEntry("rehash", "upgraded");
    assertThat(security.login("old", "pw", CTX).succeeded()).isTrue();
  }

  @Test
  void login_hashingBudgetExhausted_answersBusyAndCountsNoFailure() throws Exception {
    Argon2Parameters slow =
        new Argon2Parameters(Argon2Parameters.Variant.ARGON2ID, 19, 8192, 3, 1, 16, 32);
    JwtSecurity tight =
        JwtSecurity.builder(security.settings())
            .clock(clock)
            .users(users)
            .unsafePasswordHashingForTesting(slow)
            .storedHashLimits(new dev.jwtsecurity.password.HashLimits(8192, 10, 8, 64, 64, 14))
            .hashingBudget(8192, Duration.ZERO)
            .throttlePolicies(ROOMY, ROOMY)
            .events(events::add)
            .build();
    table.put("bob", new UserCredentials("5", tight.passwords().hash("right"), true, false));
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<LoginResult>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 32; i++) {
        results.add(pool.submit(() -> tight.login("bob", "wrong", CTX)));
      }
      boolean busy = false;
      for (java.util.concurrent.Future<LoginResult> f : results) {
        LoginResult r = f.get();
        if (r.equals(LoginResult.Failure.BUSY)) {
          busy = true;
        } else {
          assertThat(r).isEqualTo(LoginResult.Failure.INVALID_CREDENTIALS);
        }
      }
      assertThat(busy)
          .as("with room for one hash and no wait, some of 32 concurrent logins are BUSY")
          .isTrue();
    } finally {
      pool.shutdownNow();
    }
    assertThat(events)
        .filteredOn(e -> "BUSY".equals(e.reason()))
        .allSatisfy(e -> assertThat(e.type()).isEqualTo(SecurityEventType.AUTHN_LOGIN_FAIL));
  }

  // --- Stored hashes that are never verified: fast digests and hashes below the migration floor
  // ---

  private static String hex(String algorithm, String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Django's PBKDF2 format, computed with the JDK as Django does. */
  private static String djangoPbkdf2(String password, String salt, int iterations)
      throws Exception {
    byte[] dk =
        SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
            .generateSecret(
                new PBEKeySpec(
                    password.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), iterations, 256))
            .getEncoded();
    return "pbkdf2_sha256$"
        + iterations
        + "$"
        + salt
        + "$"
        + Base64.getEncoder().encodeToString(dk);
  }

  /**
   * Asserts that {@code username}'s login with its right password failed like any other failure,
   * after one computation, with {@code cause} in the event only, and left the stored hash alone.
   */
  private void assertRefusedWithCause(String username, String password, String cause) {
    String stored = table.get(username).passwordHash();
    int eventsBefore = loginEvents().size();
    long before = PasswordTesting.computations(hasher);

    LoginResult r = security.login(username, password, CTX);

    assertThat(r).as(stored).isSameAs(LoginResult.Failure.INVALID_CREDENTIALS);
    assertThat(r.toString()).doesNotContain(cause);
    assertThat(PasswordTesting.computations(hasher) - before).as(stored).isEqualTo(1);
    assertThat(table.get(username).passwordHash()).isEqualTo(stored);
    assertThat(loginEvents().subList(eventsBefore, loginEvents().size()))
        .as(stored)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(SecurityEventType.AUTHN_LOGIN_FAIL);
              assertThat(e.reason()).isEqualTo(cause);
              assertThat(e.userId()).isEqualTo(table.get(username).userId());
              assertThat(e.toString()).doesNotContain(stored).doesNotContain(password);
            });
  }

  @Test
  void login_insecureOrBelowFloorStoredHash_invalidCredentialsWithTheCauseInTheEvent()
      throws Exception {
    String[] insecure = {
      "{noop}right",
      "md5$seasalt$" + hex("MD5", "seasaltright"),
      hex("SHA-1", "right"),
      "{SHA-256}" + hex("SHA-256", "right"),
    };
    String[] belowFloor = {
      djangoPbkdf2("right", "seasalt", 36_000), // Django 1.11's default: under the 100,000 floor
      BCrypt.withDefaults().hashToString(4, "right".toCharArray()), // under cost 10
    };
    int n = 0;
    for (String stored : insecure) {
      String name = "insecure" + n++;
      table.put(name, new UserCredentials("i" + n, stored, true, false));
      assertRefusedWithCause(name, "right", "INSECURE_STORED_HASH");
    }
    for (String stored : belowFloor) {
      String name = "cheap" + n++;
      table.put(name, new UserCredentials("c" + n, stored, true, false));
      assertRefusedWithCause(name, "right", "STORED_HASH_BELOW_FLOOR");
    }
    assertThat(events)
        .extracting(SecurityEvent::type)
        .doesNotContain(SecurityEventType.AUTHN_TOKEN_CREATED);
  }

  static LongStream storedHashSeeds() {
    long seed = System.nanoTime();
    System.out.println("JwtSecurityLoginTest stored-hash seed base: " + seed);
    return LongStream.range(0, 12).map(i -> seed + i);
  }

  /**
   * Random passwords stored the weak ways an earlier system might have (a fast digest, or PBKDF2 or
   * bcrypt under the floor), each correct for its password: the login never succeeds, the caller
   * sees only INVALID_CREDENTIALS, and the event names the cause.
   */
  @ParameterizedTest
  @MethodSource("storedHashSeeds")
  void login_generatedWeakStoredHashes_neverSucceedAndReportTheCause(long seed) throws Exception {
    Random r = new Random(seed);
    StringBuilder pw = new StringBuilder();
    // At least 8 code points: the event must not contain the password, and a password of one or
    // two characters would be found in any event text by chance ("d" in "userId").
    for (int i = 8 + r.nextInt(13); i > 0; i--) {
      pw.appendCodePoint(r.nextBoolean() ? 0x21 + r.nextInt(0x5E) : 0xA1 + r.nextInt(0x2000));
    }
    String password = pw.toString();
    String salt = Long.toHexString(r.nextLong());
    String stored;
    String cause;
    switch (r.nextInt(6)) {
      case 0 -> {
        stored = "{noop}" + password;
        cause = "INSECURE_STORED_HASH";
      }
      case 1 -> {
        stored = "md5$" + salt + "$" + hex("MD5", salt + password);
        cause = "INSECURE_STORED_HASH";
      }
      case 2 -> {
        stored = hex(r.nextBoolean() ? "SHA-1" : "SHA-256", password);
        cause = "INSECURE_STORED_HASH";
      }
      case 3 -> {
        stored = "{MD5}" + hex("MD5", password);
        cause = "INSECURE_STORED_HASH";
      }
      case 4 -> {
        stored = djangoPbkdf2(password, salt, 1 + r.nextInt(99_999));
        cause = "STORED_HASH_BELOW_FLOOR";
      }
      default -> {
        stored = BCrypt.withDefaults().hashToString(4 + r.nextInt(6), password.toCharArray());
        cause = "STORED_HASH_BELOW_FLOOR";
      }
    }
    table.put("legacy", new UserCredentials("7", stored, true, false));
    assertRefusedWithCause("legacy", password, cause);
  }

  @Test
  void login_floorLoweredThroughTheFacade_verifiesAndUpgradesToArgon2id() throws Exception {
    JwtSecurity lowered =
        JwtSecurity.builder(security.settings())
            .clock(clock)
            .users(users)
            .unsafePasswordHashingForTesting(PasswordTesting.CHEAP)
            .passwordMigration(
                PasswordMigration.builder().unsafeMinPbkdf2Iterations(10_000).build())
            .events(events::add)
            .build();
    table.put(
        "old", new UserCredentials("8", djangoPbkdf2("right", "seasalt", 36_000), true, false));

    assertThat(lowered.login("old", "right", CTX).succeeded()).isTrue();
    String upgraded = table.get("old").passwordHash();
    assertThat(upgraded).startsWith("$argon2id$v=19$");
    assertThat(loginEvents().get(0).details()).containsEntry("rehash", "upgraded");
  }

  @Test
  void argon2Engine_givenToTheFacade_computesEveryPasswordHash() throws Exception {
    AtomicInteger computations = new AtomicInteger();
    Argon2Engine nativeEngine = PasswordTesting.nativeArgon2();
    JwtSecurity withEngine =
        JwtSecurity.builder(security.settings())
            .clock(clock)
            .users(users)
            .unsafePasswordHashingForTesting(PasswordTesting.CHEAP)
            .argon2Engine(
                (p, password, salt) -> {
                  computations.incrementAndGet();
                  return nativeEngine.rawHash(p, password, salt);
                })
            .build();
    table.put("eve", new UserCredentials("6", withEngine.passwords().hash("right"), true, false));

    assertThat(withEngine.login("eve", "right", CTX).succeeded()).isTrue();
    assertThat(withEngine.login("nobody", "right", CTX).succeeded()).isFalse();
    assertThat(computations).hasValue(3); // hash, verify, dummy verify
  }

  @Test
  void login_withoutUsersOrWithNulls_failsFast() {
    JwtSecurity noLogin = JwtSecurity.builder(security.settings()).build();
    assertThatThrownBy(() -> noLogin.login("a", "b", CTX))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("users(");
    assertThatThrownBy(() -> security.login("a", null, CTX))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> security.login("a", "b", null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void normalizeUsername_variants_documentedForm() {
    assertThat(UserCredentialsLookup.normalizeUsername("  Alice@Example.COM "))
        .contains("alice@example.com");
    assertThat(UserCredentialsLookup.normalizeUsername("Ame\u0301lie")).contains("am\u00e9lie");
    assertThat(UserCredentialsLookup.normalizeUsername("TITLE")).contains("title");
    assertThat(UserCredentialsLookup.normalizeUsername("   ")).isEmpty();
    assertThat(UserCredentialsLookup.normalizeUsername("a\nb")).isEmpty();
    assertThat(UserCredentialsLookup.normalizeUsername("x".repeat(257))).isEmpty();
    assertThat(UserCredentialsLookup.normalizeUsername(null)).isEmpty();
    assertThat(new UserCredentials("1", "$argon2id$secret", true, false).toString())
        .doesNotContain("secret");
  }
}
