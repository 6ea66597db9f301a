package dev.jwtsecurity.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.jwtsecurity.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryAccessTokenDenylistTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T12:00:00Z"));
  private final Instant exp = clock.instant().plus(Duration.ofMinutes(30));

  @Test
  void isDenied_keyedByIssuerAndJti() {
    AccessTokenDenylist list = AccessTokenDenylist.inMemory(10);
    list.deny("iss-a", "jti-1", exp);

    assertThat(list.isDenied("iss-a", "jti-1", clock.instant())).isTrue();
    assertThat(list.isDenied("iss-b", "jti-1", clock.instant())).isFalse();
    assertThat(list.isDenied("iss-a", "jti-2", clock.instant())).isFalse();
  }

  @Test
  void isDenied_keptForMaxClockSkewAfterExpiry_thenForgotten() {
    AccessTokenDenylist list = AccessTokenDenylist.inMemory(10);
    list.deny("", "jti", exp);

    Instant lastAcceptable = exp.plus(AccessTokenDenylist.RETENTION_AFTER_EXPIRY);
    assertThat(list.isDenied("", "jti", lastAcceptable)).isTrue();
    assertThat(list.isDenied("", "jti", lastAcceptable.plusSeconds(1))).isFalse();
    assertThat(list.purgeExpired(lastAcceptable.plusSeconds(1))).isEqualTo(1);
  }

  @Test
  void deny_fullOfLiveEntries_throwsRatherThanForget() {
    AccessTokenDenylist list = AccessTokenDenylist.inMemory(2);
    list.deny("i", "a", exp);
    list.deny("i", "b", exp);
    list.deny("i", "b", exp.plusSeconds(5)); // same key: no new room needed

    assertThatThrownBy(() -> list.deny("i", "c", exp))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("inMemory(maxEntries)");
    assertThat(list.isDenied("i", "a", clock.instant())).isTrue();
    assertThat(list.isDenied("i", "b", clock.instant())).isTrue();
  }

  @Test
  void deny_fullButSomeExpired_purgesAndAccepts() {
    AccessTokenDenylist list = AccessTokenDenylist.inMemory(2);
    list.deny("i", "a", clock.instant());
    list.deny("i", "b", exp);
    clock.advance(AccessTokenDenylist.RETENTION_AFTER_EXPIRY.plusSeconds(1));
    // The list knows the time only from its callers: the authenticator asks on every request.
    assertThat(list.isDenied("i", "a", clock.instant())).isFalse();

    list.deny("i", "c", exp);

    assertThat(list.isDenied("i", "c", clock.instant())).isTrue();
    assertThat(((InMemoryAccessTokenDenylist) list).size()).isEqualTo(2);
  }

  @Test
  void deny_fullAndNoTimeSeenYet_throwsRatherThanGuessWhatExpired() {
    AccessTokenDenylist list = AccessTokenDenylist.inMemory(1);
    list.deny("i", "a", clock.instant().minusSeconds(3600));

    assertThatThrownBy(() -> list.deny("i", "b", exp)).isInstanceOf(IllegalStateException.class);
    list.purgeExpired(clock.instant());
    list.deny("i", "b", exp);
    assertThat(list.isDenied("i", "b", clock.instant())).isTrue();
  }

  @Test
  void inMemory_badCapacity_throwsIllegalArgument() {
    assertThatThrownBy(() -> AccessTokenDenylist.inMemory(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AccessTokenDenylist.inMemory(10_000_001))
        .isInstanceOf(IllegalArgumentException.class);
    AccessTokenDenylist list = AccessTokenDenylist.inMemory();
    assertThatThrownBy(() -> list.deny(null, "j", exp)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void isDenied_anySetOfRevocations_answersExactlyForListedUnexpiredKeys() {
    qt().withExamples(200)
        .forAll(
            lists().of(strings().basicLatinAlphabet().ofLengthBetween(0, 3)).ofSizeBetween(0, 20),
            lists().of(integers().between(-600, 600)).ofSizeBetween(20, 20),
            strings().basicLatinAlphabet().ofLengthBetween(0, 3))
        .checkAssert(
            (jtis, expiryOffsets, probe) -> {
              AccessTokenDenylist list = AccessTokenDenylist.inMemory(100);
              Map<String, Instant> latest = new HashMap<>();
              for (int i = 0; i < jtis.size(); i++) {
                Instant e = clock.instant().plusSeconds(expiryOffsets.get(i));
                list.deny("iss", jtis.get(i), e);
                latest.merge(jtis.get(i), e, (a, b) -> a.isAfter(b) ? a : b);
              }
              for (String jti : concat(jtis, probe)) {
                Instant e = latest.get(jti);
                boolean expected =
                    e != null
                        && !clock
                            .instant()
                            .isAfter(e.plus(AccessTokenDenylist.RETENTION_AFTER_EXPIRY));
                assertThat(list.isDenied("iss", jti, clock.instant())).isEqualTo(expected);
                assertThat(list.isDenied("other", jti, clock.instant())).isFalse();
              }
            });
  }

  private static List<String> concat(List<String> list, String one) {
    List<String> all = new java.util.ArrayList<>(list);
    all.add(one);
    return all;
  }
}
