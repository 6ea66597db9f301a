package dev.jwtsecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.access.AccessDeniedException;
import dev.jwtsecurity.access.AccessTokenDenylist;
import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.access.TokenAuthenticator;
import dev.jwtsecurity.access.UserDirectory;
import dev.jwtsecurity.access.UserDirectory.UserStatus;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.audit.SecurityEventType.Severity;
import dev.jwtsecurity.refresh.InvalidRefreshTokenException;
import dev.jwtsecurity.refresh.InvalidRefreshTokenException.Reason;
import dev.jwtsecurity.refresh.RevocationReason;
import dev.jwtsecurity.refresh.TokenPair;
import dev.jwtsecurity.refresh.TokenPair.IssuedRefreshToken;
import dev.jwtsecurity.token.AccessTokenClaims;
import dev.jwtsecurity.token.InvalidTokenException;
import dev.jwtsecurity.token.VerifiedAccessToken;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class TokenPairServiceTest {

  private static final RequestContext CTX = RequestContext.of("203.0.113.7", "test-agent", "req-1");

  private final Fixture f = new Fixture();

  private static String refreshValue(TokenPair pair) {
    return pair.refreshToken().orElseThrow().value();
  }

  private static void assertRefused(ThrowingRefresh call, Reason reason) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            InvalidRefreshTokenException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @FunctionalInterface
  private interface ThrowingRefresh {
    void run() throws Exception;
  }

  private long count(SecurityEventType type) {
    return f.events.stream().filter(e -> e.type() == type).count();
  }

  @Test
  void login_anyUser_returnsValidAccessTokenAndOpaqueRefreshToken() throws Exception {
    TokenPairService service = f.service().build();

    TokenPair pair = service.login("alice", CTX);

    VerifiedAccessToken access = f.validator.validate(pair.accessToken().value());
    assertThat(access.subject()).isEqualTo("alice");
    IssuedRefreshToken rt = pair.refreshToken().orElseThrow();
    assertThat(rt.value())
        .startsWith("rt1.")
        .hasSize(70)
        .matches("rt1\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}");
    assertThat(rt.expiresAt())
        .isEqualTo(f.clock.instant().plus(RefreshPolicy.DEFAULT_IDLE_TIMEOUT));
    assertThat(rt.toString()).doesNotContain(rt.value());
    assertThat(pair.toString())
        .doesNotContain(rt.value())
        .doesNotContain(pair.accessToken().value());
    assertThat(count(SecurityEventType.AUTHN_TOKEN_CREATED)).isEqualTo(1);
    assertThat(f.events.get(0).tokenId()).isEqualTo(rt.familyId());
  }

  @Test
  void refresh_liveToken_rotatesWithinSameFamily() throws Exception {
    TokenPairService service = f.service().build();
    TokenPair first = service.login("alice", CTX);
    f.clock.advance(Duration.ofMinutes(10));

    TokenPair second = service.refresh(refreshValue(first), CTX);

    assertThat(refreshValue(second)).isNotEqualTo(refreshValue(first));
    assertThat(second.refreshToken().orElseThrow().familyId())
        .isEqualTo(first.refreshToken().orElseThrow().familyId());
    assertThat(f.validator.validate(second.accessToken().value()).subject()).isEqualTo("alice");
    assertThat(second.accessToken().tokenId()).isNotEqualTo(first.accessToken().tokenId());
    TokenPair third = service.refresh(refreshValue(second), CTX);
    assertThat(third.refreshToken()).isPresent();
    assertThat(count(SecurityEventType.AUTHN_TOKEN_REFRESHED)).isEqualTo(2);
  }

  @Test
  void refresh_spentTokenAfterGraceWindow_revokesFamilyAndReportsReuse() throws Exception {
    TokenPairService service = f.service().build();
    TokenPair first = service.login("alice", CTX);
    TokenPair second = service.refresh(refreshValue(first), CTX);
    f.clock.advance(RefreshPolicy.DEFAULT_REUSE_GRACE.plusMillis(1));

    assertRefused(() -> service.refresh(refreshValue(first), CTX), Reason.REUSED);

    SecurityEvent reuse =
        f.events.stream()
            .filter(e -> e.type() == SecurityEventType.AUTHN_TOKEN_REUSE)
            .findFirst()
            .orElseThrow();
    assertThat(reuse.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(reuse.tokenId()).isEqualTo(first.refreshToken().orElseThrow().familyId());
    assertThat(reuse.userId()).isEqualTo("alice");
    assertThat(reuse.request()).isEqualTo(CTX);
    // The legitimate successor dies with the family: RFC 9700 §4.14.2.
    assertRefused(() -> service.refresh(refreshValue(second), CTX), Reason.REVOKED);
    assertThat(
            f.store.findByLookupId(lookupId(refreshValue(second))).orElseThrow().revocationReason())
        .contains(RevocationReason.REUSE_DETECTED);
    assertThat(count(SecurityEventType.AUTHN_TOKEN_REUSE)).isEqualTo(1);
  }

  @Test
  void refresh_spentTokenExactlyAtGraceEnd_isStillGrace() throws Exception {
    TokenPairService service = f.service().build();
    TokenPair first = service.login("alice", CTX);
    service.refresh(refreshValue(first), CTX);
    f.clock.advance(RefreshPolicy.DEFAULT_REUSE_GRACE);

    TokenPair replay = service.refresh(refreshValue(first), CTX);

    assertThat(replay.refreshToken()).isEmpty();
  }

  @Test
  void refresh_previousTokenInsideGraceWindow_returnsAccessTokenOnlyAndKeepsFamily()
      throws Exception {
    TokenPairService service = f.service().build();
    TokenPair first = service.login("alice", CTX);
    TokenPair second = service.refresh(refreshValue(first), CTX);
    f.clock.advance(Duration.ofSeconds(2));

    TokenPair replay = service.refresh(refreshValue(first), CTX);

    assertThat(replay.refreshToken()).isEmpty();
    assertThat(f.validator.validate(replay.accessToken().value()).subject()).isEqualTo("alice");
    assertThat(count(SecurityEventType.AUTHN_TOKEN_REUSE)).isZero();
    SecurityEvent last = f.events.get(f.events.size() - 1);
    assertThat(last.type()).isEqualTo(SecurityEventType.AUTHN_TOKEN_REFRESHED);
    assertThat(last.details()).containsEntry("grace", "true");
    // The successor the winning request received is still the one live token.
    TokenPair third = service.refresh(refreshValue(second), CTX);
    assertThat(third.refreshToken()).isPresent();
  }

  @Test
  void refresh_olderTokenInsideGraceWindowWhenSuccessorAlreadyRotated_isReuse() throws Exception {
    TokenPairService service = f.service().build();
    TokenPair first = service.login("alice", CTX);
    TokenPair second = service.refresh(refreshValue(first), CTX);
    TokenPair third = service.refresh(refreshValue(second), CTX);

    // Inside the window, but 'first' is two generations old: not the immediately previous token.
    assertRefused(() -> service.refresh(refreshValue(first), CTX), Reason.REUSED);
    assertRefused(() -> service.refresh(refreshValue(third), CTX), Reason.REVOKED);
  }

  @Test
  void refresh_graceZero_secondUseAtSameInstantIsReuse() throws Exception {
    TokenPairService service = f.service().reuseGraceWindow(Duration.ZERO).build();
    TokenPair first = service.login("alice", CTX);
    TokenPair second = service.refresh(refreshValue(first), CTX);

    assertRefused(() -> service.refresh(refreshValue(first), CTX), Reason.REUSED);
    assertRefused(() -> service.refresh(refreshValue(second), CTX), Reason.REVOKED);
  }

  @Test
  void refresh_afterIdleTimeout_rejectsWithExpired() throws Exception {
    TokenPairService service = f.service().idleTimeout(Duration.ofDays(1)).build();
    TokenPair first = service.login("alice", CTX);
    f.clock.advance(Duration.ofDays(1));

    assertRefused(() -> service.refresh(refreshValue(first), CTX), Reason.EXPIRED);
    assertThat(f.events.get(f.events.size() - 1).details()).containsEntry("expiry", "idle");
  }

  @Test
  void refresh_justBeforeIdleTimeout_rotatesAndRestartsIdleTimeout() throws Exception {
    TokenPairService service = f.service().idleTimeout(Duration.ofDays(1)).build();
    TokenPair pair = service.login("alice", CTX);
    for (int day = 0; day < 5; day++) {
      f.clock.advance(Duration.ofDays(1).minusSeconds(1));
      pair = service.refresh(refreshValue(pair), CTX);
    }
    assertThat(pair.refreshToken()).isPresent();
  }

  @Test
  void refresh_afterAbsoluteLifetime_rejectsEvenWhenUsedRecently() throws Exception {
    TokenPairService service =
        f.service().idleTimeout(Duration.ofDays(1)).absoluteLifetime(Duration.ofDays(3)).build();
    TokenPair pair = service.login("alice", CTX);
    for (int i = 0; i < 5; i++) {
      f.clock.advance(Duration.ofHours(12));
      pair = service.refresh(refreshValue(pair), CTX);
    }
    // 2.5 days in; the latest token's expiry is capped at the family's absolute end.
    assertThat(pair.refreshToken().orElseThrow().expiresAt())
        .isEqualTo(Instant.parse("2026-11-30T12:00:00Z"));
    f.clock.advance(Duration.ofHours(12));
    TokenPair last = pair;

    assertRefused(() -> service.refresh(refreshValue(last), CTX), Reason.EXPIRED);
    assertThat(f.events.get(f.events.size() - 1).details()).containsEntry("expiry", "absolute");
  }

  @Test
  void logout_liveToken_revokesFamily() throws Exception {
    TokenPairService service = f.service().build();
    TokenPair first = service.login("alice", CTX);
    TokenPair second = service.refresh(refreshValue(first), CTX);

    assertThat(service.logout("alice", refreshValue(second), CTX)).isTrue();

    assertRefused(() -> service.refresh(refreshValue(second), CTX), Reason.REVOKED);
    assertThat(service.logout("alice", refreshValue(second), CTX)).isFalse();
    SecurityEvent revoked =
        f.events.stream()
            .filter(e -> e.type() == SecurityEventType.AUTHN_TOKEN_REVOKED)
            .findFirst()
            .orElseThrow();
    assertThat(revoked.reason()).isEqualTo("LOGOUT");
    assertThat(revoked.tokenId()).isEqualTo(second.refreshToken().orElseThrow().familyId());
  }

  @Test
  void logout_withAccessToken_deniesItAtOnceAndRevokesFamily() throws Exception {
    AccessTokenDenylist denylist = AccessTokenDenylist.inMemory(100);
    TokenPairService service = f.service().denylist(denylist).build();
    TokenAuthenticator authenticator = f.authenticator(denylist);
    TokenPair pair = service.login("alice", CTX);
    Authentication auth = authenticator.authenticate(pair.accessToken().value(), CTX);

    assertThat(service.logout(auth, refreshValue(pair), CTX)).isTrue();

    assertThatThrownBy(() -> authenticator.authenticate(pair.accessToken().value(), CTX))
        .isInstanceOfSatisfying(
            InvalidTokenException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidTokenException.Reason.REVOKED));
    assertRefused(() -> service.refresh(refreshValue(pair), CTX), Reason.REVOKED);
  }

  @Test
  void logout_anotherUsersRefreshToken_leavesTheirSessionAndReportsAuthzFail() throws Exception {
    TokenPairService service = f.service().build();
    TokenPair bobs = service.login("bob", CTX);

    assertThatThrownBy(() -> service.logout("alice", refreshValue(bobs), CTX))
        .isInstanceOf(AccessDeniedException.class);

    SecurityEvent refusal =
        f.events.stream()
            .filter(e -> e.type() == SecurityEventType.AUTHZ_FAIL)
            .findFirst()
            .orElseThrow();
    assertThat(refusal.userId()).isEqualTo("alice");
    assertThat(refusal.reason()).isEqualTo("FOREIGN_REFRESH_TOKEN");
    assertThat(refusal.tokenId()).isEqualTo(bobs.refreshToken().orElseThrow().familyId());
    assertThat(count(SecurityEventType.AUTHN_TOKEN_REVOKED)).isZero();
    assertThat(service.refresh(refreshValue(bobs), CTX).refreshToken()).isPresent();
  }

  @Test
  void logout_spentTokenOfFamily_revokesFamily() throws Exception {
    TokenPairService service = f.service().build();
    TokenPair first = service.login("alice", CTX);
    TokenPair second = service.refresh(refreshValue(first), CTX);

    assertThat(service.logout("alice", refreshValue(first), CTX)).isTrue();

    assertRefused(() -> service.refresh(refreshValue(second), CTX), Reason.REVOKED);
  }

  @Test
  void logout_unknownOrMalformedToken_returnsFalseWithoutException() {
    TokenPairService service = f.service().build();
    TokenPair other = service.login("bob", CTX);

    assertThat(service.logout("alice", null, CTX)).isFalse();
    assertThat(service.logout("alice", "garbage", CTX)).isFalse();
    assertThat(service.logout("alice", withSecretOf(refreshValue(other), 'A'), CTX)).isFalse();
    assertThat(count(SecurityEventType.AUTHN_TOKEN_REVOKED)).isZero();
  }

  @Test
  void logoutEverywhere_userWithSeveralSessions_revokesAllOfThemAndNoOneElse() throws Exception {
    Map<String, Instant> validSince = new ConcurrentHashMap<>();
    UserDirectory directory =
        new UserDirectory() {
          @Override
          public UserStatus status(String userId) {
            return UserStatus.active(validSince.getOrDefault(userId, Instant.MIN));
          }

          @Override
          public boolean invalidateCredentialsBefore(String userId, Instant instant) {
            validSince.put(userId, instant);
            return true;
          }
        };
    TokenPairService service = f.service().userDirectory(directory).build();
    TokenPair laptop = service.login("alice", CTX);
    TokenPair phone = service.login("alice", CTX);
    TokenPair bob = service.login("bob", CTX);

    assertThat(service.logoutEverywhere("alice", CTX)).isEqualTo(2);

    assertRefused(() -> service.refresh(refreshValue(laptop), CTX), Reason.REVOKED);
    assertRefused(() -> service.refresh(refreshValue(phone), CTX), Reason.REVOKED);
    assertThat(service.refresh(refreshValue(bob), CTX).refreshToken()).isPresent();
    assertThat(validSince).containsEntry("alice", f.clock.instant()).doesNotContainKey("bob");
    SecurityEvent event =
        f.events.stream()
            .filter(e -> e.type() == SecurityEventType.AUTHN_TOKEN_REVOKED)
            .findFirst()
            .orElseThrow();
    assertThat(event.details())
        .containsEntry("families", "2")
        .containsEntry("accessTokensCutOff", "true");
  }

  @Test
  void refresh_malformedTokens_rejectsWithMalformed() {
    TokenPairService service = f.service().build();
    String real = refreshValue(service.login("alice", CTX));

    for (String bad :
        new String[] {
          "",
          "rt1.",
          "rt1..",
          real + "A",
          real.substring(1),
          "RT1" + real.substring(3),
          real.replace('.', '~'),
          real.substring(0, 69) + "=",
          "rt2" + real.substring(3),
          " " + real.substring(1)
        }) {
      assertRefused(() -> service.refresh(bad, CTX), Reason.MALFORMED);
    }
    assertRefused(() -> service.refresh(null, CTX), Reason.MALFORMED);
    assertThat(count(SecurityEventType.AUTHN_TOKEN_INVALID)).isEqualTo(11);
  }

  @Test
  void refresh_wellFormedButNeverIssued_rejectsWithUnknown() {
    TokenPairService service = f.service().build();

    assertRefused(
        () ->
            service.refresh(
                "rt1.AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", CTX),
        Reason.UNKNOWN);
  }

  @Test
  void refresh_realLookupIdWithWrongSecret_rejectsWithUnknownAndLeavesFamilyAlone()
      throws Exception {
    TokenPairService service = f.service().reuseGraceWindow(Duration.ZERO).build();
    TokenPair first = service.login("alice", CTX);
    TokenPair second = service.refresh(refreshValue(first), CTX);

    // Knowing a lookup id without its secret must not let anyone revoke a family (no reuse, no
    // denial of service).
    assertRefused(
        () -> service.refresh(withSecretOf(refreshValue(first), 'B'), CTX), Reason.UNKNOWN);
    assertRefused(
        () -> service.refresh(withSecretOf(refreshValue(second), 'B'), CTX), Reason.UNKNOWN);

    assertThat(service.refresh(refreshValue(second), CTX).refreshToken()).isPresent();
    assertThat(count(SecurityEventType.AUTHN_TOKEN_REUSE)).isZero();
  }

  @Test
  void refresh_userDeleted_rejectsWithUserInactiveAndRevokesFamily() throws Exception {
    Map<String, UserStatus> users = new ConcurrentHashMap<>(Map.of("alice", UserStatus.active()));
    TokenPairService service =
        f.service().userDirectory(id -> users.getOrDefault(id, UserStatus.notFound())).build();
    TokenPair first = service.login("alice", CTX);
    users.remove("alice");

    assertRefused(() -> service.refresh(refreshValue(first), CTX), Reason.USER_INACTIVE);

    users.put("alice", UserStatus.active());
    assertRefused(() -> service.refresh(refreshValue(first), CTX), Reason.REVOKED);
  }

  @Test
  void refresh_userDeactivated_rejectsWithUserInactive() {
    Map<String, UserStatus> users = new ConcurrentHashMap<>(Map.of("alice", UserStatus.active()));
    TokenPairService service = f.service().userDirectory(users::get).build();
    TokenPair first = service.login("alice", CTX);
    users.put("alice", UserStatus.inactive());

    assertRefused(() -> service.refresh(refreshValue(first), CTX), Reason.USER_INACTIVE);
    assertThat(
            f.store.findByLookupId(lookupId(refreshValue(first))).orElseThrow().revocationReason())
        .contains(RevocationReason.USER_INACTIVE);
  }

  @Test
  void refresh_userDeactivatedDuringGraceWindow_rejectsReplayToo() throws Exception {
    Map<String, UserStatus> users = new ConcurrentHashMap<>(Map.of("alice", UserStatus.active()));
    TokenPairService service = f.service().userDirectory(users::get).build();
    TokenPair first = service.login("alice", CTX);
    service.refresh(refreshValue(first), CTX);
    users.put("alice", UserStatus.inactive());

    assertRefused(() -> service.refresh(refreshValue(first), CTX), Reason.USER_INACTIVE);
  }

  @Test
  void refresh_passwordChangedAfterLogin_rejectsWithCredentialsChanged() throws Exception {
    Map<String, UserStatus> users = new ConcurrentHashMap<>(Map.of("alice", UserStatus.active()));
    TokenPairService service = f.service().userDirectory(users::get).build();
    TokenPair before = service.login("alice", CTX);
    f.clock.advance(Duration.ofMinutes(1));
    users.put("alice", UserStatus.active(f.clock.instant()));
    f.clock.advance(Duration.ofSeconds(1));
    TokenPair after = service.login("alice", CTX);

    assertRefused(() -> service.refresh(refreshValue(before), CTX), Reason.CREDENTIALS_CHANGED);
    assertThat(service.refresh(refreshValue(after), CTX).refreshToken()).isPresent();
  }

  @Test
  void refresh_claimsFunction_isAskedAgainAtEveryRefresh() throws Exception {
    Map<String, String> role = new ConcurrentHashMap<>(Map.of("alice", "admin"));
    TokenPairService service =
        f.service()
            .claims(id -> AccessTokenClaims.forSubject(id).roles(role.get(id)).build())
            .build();
    TokenPair first = service.login("alice", CTX);
    assertThat(f.validator.validate(first.accessToken().value()).roles()).containsExactly("admin");
    role.put("alice", "user");

    TokenPair second = service.refresh(refreshValue(first), CTX);

    assertThat(f.validator.validate(second.accessToken().value()).roles()).containsExactly("user");
  }

  @Test
  void login_claimsFunctionForAnotherSubject_throwsIllegalState() {
    TokenPairService service =
        f.service().claims(id -> AccessTokenClaims.forSubject("mallory").build()).build();

    assertThatThrownBy(() -> service.login("alice", CTX))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("claims function");
  }

  @Test
  void refresh_throwingListener_doesNotChangeOutcome() throws Exception {
    TokenPairService service =
        f.service()
            .events(
                e -> {
                  throw new IllegalStateException("listener broke");
                })
            .build();
    TokenPair first = service.login("alice", CTX);
    service.refresh(refreshValue(first), CTX);
    f.clock.advance(Duration.ofMinutes(1));

    assertRefused(() -> service.refresh(refreshValue(first), CTX), Reason.REUSED);
  }

  @Test
  void events_neverContainTokenOrSecret() throws Exception {
    TokenPairService service = f.service().build();
    TokenPair first = service.login("alice", CTX);
    TokenPair second = service.refresh(refreshValue(first), CTX);
    f.clock.advance(Duration.ofMinutes(1));
    assertRefused(() -> service.refresh(refreshValue(first), CTX), Reason.REUSED);
    service.logout("alice", refreshValue(second), CTX);

    for (SecurityEvent e : f.events) {
      for (TokenPair pair : new TokenPair[] {first, second}) {
        String rt = refreshValue(pair);
        String secret = rt.substring(rt.lastIndexOf('.') + 1);
        assertThat(e.toString()).doesNotContain(secret).doesNotContain(pair.accessToken().value());
      }
    }
  }

  static String lookupId(String refreshToken) {
    return refreshToken.substring(4, 26);
  }

  /** The same lookup id with a different, well-formed secret. */
  static String withSecretOf(String refreshToken, char fill) {
    return refreshToken.substring(0, 27) + String.valueOf(fill).repeat(42) + "A";
  }
}
