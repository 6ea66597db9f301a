package dev.jwtsecurity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.config.Secret;
import dev.jwtsecurity.login.UserCredentialsLookup;
import dev.jwtsecurity.login.UserCredentialsLookup.UserCredentials;
import dev.jwtsecurity.password.PasswordTesting;
import dev.jwtsecurity.testing.ManualClock;
import dev.jwtsecurity.testing.Secrets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The failure monitor's default patterns and thresholds against realistic attacks and realistic
 * honest traffic, through the front door with its default throttles (the events the monitor sees
 * are the ones a real deployment emits).
 */
class FailureMonitorRealisticAttackTest {

  private static final String SECRET =
      Secrets.register("Mn3Bv6Cx9Zl2Kj5Hg8Fd1Sa4Po7Iu0Yt3Re6Wq9Az2Sx5Dc");
  private static final String ATTACKER = "198.51.100.66";

  private final ManualClock clock = ManualClock.at("2026-03-01T09:00:00Z");
  private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
  private final Map<String, UserCredentials> table = new ConcurrentHashMap<>();
  private final JwtSecurity security =
      JwtSecurity.builder(
              JwtSettings.builder().secret(Secret.ofUtf8(SECRET)).environment("test").build())
          .clock(clock)
          .users(
              new UserCredentialsLookup() {
                @Override
                public Optional<UserCredentials> findByUsername(String name) {
                  return Optional.ofNullable(table.get(name));
                }

                @Override
                public boolean updatePasswordHash(String id, String expected, String hash) {
                  return false;
                }
              })
          .unsafePasswordHashingForTesting(PasswordTesting.CHEAP)
          .events(events::add)
          .build();

  FailureMonitorRealisticAttackTest() throws Exception {
    for (int i = 0; i < 10; i++) {
      table.put(
          "user" + i,
          new UserCredentials("id" + i, security.passwords().hash("right"), true, false));
    }
  }

  private List<String> alerts() {
    return events.stream()
        .filter(e -> e.type() == SecurityEventType.SECURITY_ALERT)
        .map(SecurityEvent::reason)
        .toList();
  }

  private void login(String name, String password, String address) {
    security.login(name, password, RequestContext.of(address, "ua", null));
  }

  @Test
  void passwordSpray_overNamesThatDoNotExist_fromOneAddress_alertsCredentialStuffing() {
    // One guess per name, one a minute: under every throttle budget, names mostly unknown.
    for (int i = 0; i < 25; i++) {
      login("employee" + i, "Winter2026!", ATTACKER);
      clock.advance(Duration.ofMinutes(1));
    }
    assertThat(alerts()).contains(AlertPattern.CREDENTIAL_STUFFING.name());
  }

  @Test
  void fastSpray_pastTheAddressLockout_alertsWhileTheThrottleRefuses() {
    for (int i = 0; i < 200; i++) {
      login("name" + i, "123456", ATTACKER);
    }
    assertThat(alerts()).containsOnlyOnce(AlertPattern.CREDENTIAL_STUFFING.name());
  }

  @Test
  void bruteForce_onOneAccount_alertsAlthoughTheAccountLocksAfterFive() {
    for (int i = 0; i < 12; i++) {
      login("user1", "guess" + i, ATTACKER);
      clock.advance(Duration.ofSeconds(5));
    }
    assertThat(alerts()).contains(AlertPattern.REPEATED_ACCOUNT_FAILURES.name());
  }

  @Test
  void slowBruteForce_oneGuessEveryThreeMinutes_alertsWithinTheHour() {
    for (int i = 0; i < 20; i++) {
      login("user2", "guess" + i, ATTACKER);
      clock.advance(Duration.ofMinutes(3));
    }
    assertThat(alerts()).contains(AlertPattern.REPEATED_ACCOUNT_FAILURES.name());
  }

  @Test
  void botnet_oneAccountFromManyAddresses_alertsDistributedAttack() {
    for (int i = 0; i < 12; i++) {
      login("user3", "guess" + i, "203.0.113." + (10 + i));
      clock.advance(Duration.ofMinutes(2));
    }
    assertThat(alerts()).contains(AlertPattern.DISTRIBUTED_ACCOUNT_ATTACK.name());
  }

  @Test
  void honestTraffic_typosAndAnOfficeBehindOneAddress_raiseNoAlert() {
    String office = "192.0.2.10";
    // Over one hour: eight colleagues mistype once or twice, one forgets a password four times,
    // everyone gets in eventually.
    for (int i = 0; i < 8; i++) {
      login("user" + i, "wrong", office);
      if (i % 2 == 0) {
        login("user" + i, "wrong again", office);
      }
      login("User" + i, "right", office);
      clock.advance(Duration.ofMinutes(5));
    }
    for (int k = 0; k < 4; k++) {
      login("user9", "forgotten" + k, office);
      clock.advance(Duration.ofMinutes(1));
    }
    login("useer9", "right", office); // a typo in the name, too
    assertThat(alerts()).isEmpty();
  }
}
