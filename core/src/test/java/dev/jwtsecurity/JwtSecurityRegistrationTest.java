package dev.jwtsecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.config.Secret;
import dev.jwtsecurity.login.InvalidUsernameException;
import dev.jwtsecurity.login.LoginResult;
import dev.jwtsecurity.login.PasswordChangeResult;
import dev.jwtsecurity.login.RegistrationResult;
import dev.jwtsecurity.login.UserCredentialsLookup;
import dev.jwtsecurity.login.UserCredentialsLookup.UserCredentials;
import dev.jwtsecurity.password.PasswordHasher;
import dev.jwtsecurity.password.PasswordTesting;
import dev.jwtsecurity.testing.Secrets;
import dev.jwtsecurity.throttle.ThrottlePolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Registration and password change on the front door: the username policy, lengths, throttle. */
class JwtSecurityRegistrationTest {

  private static final String SECRET =
      Secrets.register("Qw7Er4Ty1Ui8Op5As2Df9Gh6Jk3Lz0Xc7Vb4Nm1Qa8Ws5Ed");
  private static final RequestContext CTX = RequestContext.of("203.0.113.9", "curl/8", "req-r");
  private static final String EMOJI = new String(Character.toChars(0x1F600));
  private static final ThrottlePolicy ROOMY =
      new ThrottlePolicy(
          1_000_000, Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofHours(1));

  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

  /** name -> credentials, and the skeleton column. */
  private final Map<String, UserCredentials> table = new ConcurrentHashMap<>();

  private final Set<String> skeletons = ConcurrentHashMap.newKeySet();
  private final UserCredentialsLookup users =
      new UserCredentialsLookup() {
        @Override
        public Optional<UserCredentials> findByUsername(String normalisedUsername) {
          return Optional.ofNullable(table.get(normalisedUsername));
        }

        @Override
        public boolean updatePasswordHash(String userId, String expected, String newHash) {
          for (Map.Entry<String, UserCredentials> e : table.entrySet()) {
            UserCredentials u = e.getValue();
            if (u.userId().equals(userId) && expected.equals(u.passwordHash())) {
              e.setValue(new UserCredentials(userId, newHash, true, false));
              return true;
            }
          }
          return false;
        }
      };

  private JwtSecurity security(ThrottlePolicy registration, ThrottlePolicy loginAddress) {
    return JwtSecurity.builder(
            JwtSettings.builder().secret(Secret.ofUtf8(SECRET)).environment("test").build())
        .clock(clock)
        .users(users)
        .usernameRegistry(skeletons::contains)
        .registrationThrottle(registration)
        .throttlePolicies(loginAddress, ThrottlePolicy.ACCOUNT_DEFAULT)
        .unsafePasswordHashingForTesting(PasswordTesting.CHEAP)
        .events(events::add)
        .build();
  }

  private final JwtSecurity security = security(ROOMY, ROOMY);

  /** Registers like an application would: store name, skeleton and hash. */
  private RegistrationResult register(JwtSecurity s, String name, String password) {
    RegistrationResult r = s.register(name, password, CTX);
    if (r instanceof RegistrationResult.Accepted a) {
      table.put(
          a.username().value(),
          new UserCredentials(Integer.toString(table.size() + 1), a.passwordHash(), true, false));
      skeletons.add(a.username().skeleton());
    }
    return r;
  }

  private static RegistrationResult.Reason reasonOf(RegistrationResult r) {
    return r instanceof RegistrationResult.Refused f ? f.reason() : null;
  }

  @Test
  void register_newName_isNormalisedAndHashed() {
    RegistrationResult r = register(security, "  Victim ", "correct horse");
    assertThat(r).isInstanceOf(RegistrationResult.Accepted.class);
    RegistrationResult.Accepted a = (RegistrationResult.Accepted) r;
    assertThat(a.username().value()).isEqualTo("victim");
    assertThat(security.passwords().verify("correct horse", a.passwordHash()).matches()).isTrue();
    assertThat(a.toString()).doesNotContain(a.passwordHash());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "victim", // the same name
        "VICTIM", // case
        "\uFF56\uFF49\uFF43\uFF54\uFF49\uFF4D", // full-width
        "v\u0456ctim", // Cyrillic і
        "v\u0456\u0441tim", // Cyrillic і and с
        "vict\u0131m", // dotless ı
      })
  void register_lookAlikeOfARegisteredName_isRefusedAsTaken(String lookAlike) {
    register(security, "victim", "correct horse");
    RegistrationResult r = register(security, lookAlike, "correct horse");
    assertThat(reasonOf(r)).isEqualTo(RegistrationResult.Reason.USERNAME_TAKEN);
    assertThat(((RegistrationResult.Refused) r).usernameProblem())
        .isEqualTo(InvalidUsernameException.Reason.CONFUSABLE);
    assertThat(events)
        .anyMatch(
            e ->
                e.type() == SecurityEventType.INPUT_VALIDATION_FAIL
                    && "USERNAME_CONFUSABLE".equals(e.reason()));
  }

  @Test
  void register_sharpSAndAsciiLookAlikes_areRefusedAsTaken() {
    register(security, "strasse", "correct horse");
    register(security, "mallory", "correct horse");
    register(security, "bob", "correct horse");
    assertThat(reasonOf(register(security, "Stra\u00DFe", "correct horse")))
        .isEqualTo(RegistrationResult.Reason.USERNAME_TAKEN);
    assertThat(reasonOf(register(security, "rnallory", "correct horse")))
        .isEqualTo(RegistrationResult.Reason.USERNAME_TAKEN);
    assertThat(reasonOf(register(security, "b0b", "correct horse")))
        .isEqualTo(RegistrationResult.Reason.USERNAME_TAKEN);
  }

  @Test
  void register_ligatureLongSOrSpace_isRefusedWithTheProfilesReason() {
    for (String name : List.of("\uFB01le", "\u017Ftrasse", "john smith", "vic\u200Btim")) {
      RegistrationResult r = register(security, name, "correct horse");
      assertThat(reasonOf(r)).as(name).isEqualTo(RegistrationResult.Reason.USERNAME_INVALID);
      RegistrationResult.Refused f = (RegistrationResult.Refused) r;
      assertThat(f.usernameProblem())
          .isEqualTo(InvalidUsernameException.Reason.DISALLOWED_CHARACTER);
      assertThat(f.message()).isEqualTo(f.usernameProblem().message()).doesNotContain(name);
    }
    assertThat(table).isEmpty();
  }

  @Test
  void register_passwordLength_isCountedInCodePointsAndRefusedAsValidation() {
    assertThat(
            register(security, "emoji-max", EMOJI.repeat(PasswordHasher.MAX_PASSWORD_CODE_POINTS)))
        .isInstanceOf(RegistrationResult.Accepted.class);
    assertThat(register(security, "emoji-eight", EMOJI.repeat(8)))
        .isInstanceOf(RegistrationResult.Accepted.class);
    assertThat(
            reasonOf(
                register(
                    security,
                    "emoji-over",
                    EMOJI.repeat(PasswordHasher.MAX_PASSWORD_CODE_POINTS + 1))))
        .isEqualTo(RegistrationResult.Reason.PASSWORD_TOO_LONG);
    assertThat(reasonOf(register(security, "emoji-short", EMOJI.repeat(7))))
        .isEqualTo(RegistrationResult.Reason.PASSWORD_TOO_SHORT);
    // The longest registered password also logs in: one definition on both paths.
    assertThat(
            security.login("emoji-max", EMOJI.repeat(PasswordHasher.MAX_PASSWORD_CODE_POINTS), CTX))
        .isInstanceOf(LoginResult.Success.class);
  }

  @Test
  void register_beyondTheAddressBudget_isThrottledWithRetryAfterAndReported() {
    JwtSecurity s =
        security(
            new ThrottlePolicy(3, Duration.ofHours(1), Duration.ofMinutes(15), Duration.ofHours(1)),
            ROOMY);
    assertThat(register(s, "one", "correct horse")).isInstanceOf(RegistrationResult.Accepted.class);
    // Refused attempts count too: each answers a question an enumerating client asks.
    assertThat(reasonOf(register(s, "one", "correct horse")))
        .isEqualTo(RegistrationResult.Reason.USERNAME_TAKEN);
    assertThat(register(s, "three", "correct horse"))
        .isInstanceOf(RegistrationResult.Accepted.class);
    RegistrationResult r = register(s, "four", "correct horse");
    assertThat(reasonOf(r)).isEqualTo(RegistrationResult.Reason.THROTTLED);
    assertThat(((RegistrationResult.Refused) r).retryAfterSeconds()).isEqualTo(15 * 60);
    assertThat(table).doesNotContainKey("four");
    assertThat(events)
        .anyMatch(
            e ->
                e.type() == SecurityEventType.EXCESS_RATE_LIMIT_EXCEEDED
                    && "REGISTRATION_THROTTLED".equals(e.reason()));
    // Another address is not affected.
    assertThat(s.register("five", "correct horse", RequestContext.of("198.51.100.1", "x", "r")))
        .isInstanceOf(RegistrationResult.Accepted.class);
  }

  @Test
  void register_fromAnAddressLockedOutOfLogin_isThrottled() {
    JwtSecurity s =
        security(
            ROOMY,
            new ThrottlePolicy(
                2, Duration.ofMinutes(15), Duration.ofMinutes(5), Duration.ofHours(1)));
    s.login("nobody", "wrong password", CTX);
    s.login("nobody2", "wrong password", CTX);
    RegistrationResult r = register(s, "newcomer", "correct horse");
    assertThat(reasonOf(r)).isEqualTo(RegistrationResult.Reason.THROTTLED);
    assertThat(((RegistrationResult.Refused) r).retryAfter()).isPositive();
  }

  @Test
  void register_withoutARegistry_failsFast() {
    JwtSecurity s =
        JwtSecurity.builder(
                JwtSettings.builder().secret(Secret.ofUtf8(SECRET)).environment("test").build())
            .unsafePasswordHashingForTesting(PasswordTesting.CHEAP)
            .build();
    assertThatThrownBy(() -> s.register("alice", "correct horse", CTX))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("usernameRegistry");
  }

  @Test
  void login_sharesTheProfile_widthAndCaseVariantsLogIntoTheRegisteredName() {
    register(security, "Stra\u00DFe", "correct horse");
    assertThat(security.login("STRA\u1E9EE", "correct horse", CTX))
        .isInstanceOf(LoginResult.Success.class);
    assertThat(security.login("\uFF53\uFF54\uFF52\uFF41\u00DF\uFF45", "correct horse", CTX))
        .isInstanceOf(LoginResult.Success.class);
    assertThat(security.login("\u017Ftra\u00DFe", "correct horse", CTX))
        .isEqualTo(LoginResult.Failure.INVALID_CREDENTIALS);
  }

  @Test
  void register_seededConfusableVariantsOfRegisteredNames_areAllRefused() {
    long seed = new Random().nextLong();
    System.out.println(
        "register_seededConfusableVariantsOfRegisteredNames_areAllRefused seed=" + seed);
    Random r = new Random(seed);
    String latin = "aceiopsxy";
    String[] cyrillic = {
      "\u0430", "\u0441", "\u0435", "\u0456", "\u043E", "\u0440", "\u0455", "\u0445", "\u0443"
    };
    for (int n = 0; n < 200; n++) {
      StringBuilder name = new StringBuilder("u");
      StringBuilder variant = new StringBuilder("U");
      for (int k = 0; k < 6; k++) {
        int i = r.nextInt(latin.length());
        name.append(latin.charAt(i));
        variant.append(
            switch (r.nextInt(3)) {
              case 0 -> cyrillic[i];
              case 1 -> String.valueOf((char) (latin.charAt(i) - 'a' + 0xFF41));
              default -> String.valueOf(Character.toUpperCase(latin.charAt(i)));
            });
      }
      register(security, name.toString(), "correct horse");
      assertThat(reasonOf(register(security, variant.toString(), "correct horse")))
          .as("seed %d: %s after %s", seed, variant, name)
          .isEqualTo(RegistrationResult.Reason.USERNAME_TAKEN);
    }
  }

  private Authentication loggedIn(String name, String password) throws Exception {
    LoginResult r = security.login(name, password, CTX);
    return security.authenticate(((LoginResult.Success) r).tokens().accessToken().value(), CTX);
  }

  @Test
  void changePassword_rightCurrentPassword_storesTheNewHash() throws Exception {
    register(security, "carol", "old password");
    Authentication auth = loggedIn("carol", "old password");
    PasswordChangeResult r =
        security.changePassword(
            auth, table.get("carol").passwordHash(), "old password", "new password", CTX);
    assertThat(r.changed()).isTrue();
    assertThat(security.login("carol", "new password", CTX))
        .isInstanceOf(LoginResult.Success.class);
    assertThat(security.login("carol", "old password", CTX))
        .isEqualTo(LoginResult.Failure.INVALID_CREDENTIALS);
    assertThat(events).anyMatch(e -> e.type() == SecurityEventType.AUTHN_PASSWORD_CHANGE);
  }

  @Test
  void changePassword_wrongCurrentPassword_isRefusedAndThrottledPerUser() throws Exception {
    register(security, "dave", "old password");
    Authentication auth = loggedIn("dave", "old password");
    String stored = table.get("dave").passwordHash();
    for (int i = 0; i < ThrottlePolicy.ACCOUNT_DEFAULT.maxFailures(); i++) {
      assertThat(security.changePassword(auth, stored, "guess " + i, "new password", CTX))
          .isEqualTo(
              new PasswordChangeResult.Refused(
                  PasswordChangeResult.Reason.WRONG_PASSWORD, Duration.ZERO));
    }
    PasswordChangeResult r =
        security.changePassword(auth, stored, "old password", "new password", CTX);
    assertThat(r).isInstanceOf(PasswordChangeResult.Refused.class);
    assertThat(((PasswordChangeResult.Refused) r).reason())
        .isEqualTo(PasswordChangeResult.Reason.THROTTLED);
    assertThat(table.get("dave").passwordHash()).isEqualTo(stored);
    assertThat(events)
        .anyMatch(
            e ->
                e.type() == SecurityEventType.AUTHN_PASSWORD_CHANGE_FAIL
                    && "WRONG_PASSWORD".equals(e.reason()));
  }

  @Test
  void changePassword_newPasswordLengthOrStaleHash_isRefusedWithoutStoring() throws Exception {
    register(security, "erin", "old password");
    Authentication auth = loggedIn("erin", "old password");
    String stored = table.get("erin").passwordHash();
    assertThat(
            ((PasswordChangeResult.Refused)
                    security.changePassword(auth, stored, "old password", "short", CTX))
                .reason())
        .isEqualTo(PasswordChangeResult.Reason.PASSWORD_TOO_SHORT);
    assertThat(
            ((PasswordChangeResult.Refused)
                    security.changePassword(
                        auth,
                        stored,
                        "old password",
                        EMOJI.repeat(PasswordHasher.MAX_PASSWORD_CODE_POINTS + 1),
                        CTX))
                .reason())
        .isEqualTo(PasswordChangeResult.Reason.PASSWORD_TOO_LONG);
    security.changePassword(auth, stored, "old password", "newer password", CTX);
    // The caller's copy of the hash is now stale: compare-and-set refuses.
    assertThat(
            ((PasswordChangeResult.Refused)
                    security.changePassword(auth, stored, "old password", "third password", CTX))
                .reason())
        .isIn(PasswordChangeResult.Reason.CHANGED_CONCURRENTLY);
  }
}
