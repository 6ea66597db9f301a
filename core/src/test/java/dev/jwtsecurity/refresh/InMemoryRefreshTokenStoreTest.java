package dev.jwtsecurity.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryRefreshTokenStoreTest {

  private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
  private static final String HASH = "h".repeat(43);

  private int ids;

  private String id() {
    return "id" + ids++;
  }

  private RefreshTokenFamily family(String user, Instant at) {
    return new RefreshTokenFamily(id(), user, at, at.plus(Duration.ofDays(30)));
  }

  private RefreshTokenRecord token(RefreshTokenFamily family, Instant at) {
    return new RefreshTokenRecord(id(), family.familyId(), HASH, at, at.plus(Duration.ofDays(7)));
  }

  @Test
  void rotate_liveToken_spendsItAndStoresSuccessor() {
    InMemoryRefreshTokenStore store = InMemoryRefreshTokenStore.builder().build();
    RefreshTokenFamily fam = family("alice", T0);
    RefreshTokenRecord first = token(fam, T0);
    store.create(fam, first);
    RefreshTokenRecord second = token(fam, T0.plusSeconds(1));

    assertThat(store.rotate(first.lookupId(), second, T0.plusSeconds(1)))
        .isEqualTo(RotationResult.rotated());

    StoredRefreshToken spent = store.findByLookupId(first.lookupId()).orElseThrow();
    assertThat(spent.spentAt()).contains(T0.plusSeconds(1));
    assertThat(spent.successorLookupId()).contains(second.lookupId());
    assertThat(store.findByLookupId(second.lookupId()).orElseThrow().isLive()).isTrue();
    RotationResult again = store.rotate(first.lookupId(), token(fam, T0), T0.plusSeconds(2));
    assertThat(again).isEqualTo(RotationResult.alreadySpent(T0.plusSeconds(1), second.lookupId()));
  }

  @Test
  void rotate_unknownOrRevoked_changesNothing() {
    InMemoryRefreshTokenStore store = InMemoryRefreshTokenStore.builder().build();
    RefreshTokenFamily fam = family("alice", T0);
    RefreshTokenRecord first = token(fam, T0);
    store.create(fam, first);

    assertThat(store.rotate("nope", token(fam, T0), T0)).isEqualTo(RotationResult.notFound());
    assertThat(store.revokeFamily(fam.familyId(), RevocationReason.LOGOUT, T0)).isTrue();
    assertThat(store.revokeFamily(fam.familyId(), RevocationReason.ADMINISTRATIVE, T0)).isFalse();
    assertThat(store.rotate(first.lookupId(), token(fam, T0), T0))
        .isEqualTo(RotationResult.revoked());
    assertThat(store.findByLookupId(first.lookupId()).orElseThrow().revocationReason())
        .contains(RevocationReason.LOGOUT);
    assertThat(store.tokenCount()).isEqualTo(1);
  }

  @Test
  void rotate_successorOfAnotherFamily_throwsIllegalArgument() {
    InMemoryRefreshTokenStore store = InMemoryRefreshTokenStore.builder().build();
    RefreshTokenFamily a = family("alice", T0);
    RefreshTokenFamily b = family("alice", T0);
    RefreshTokenRecord first = token(a, T0);
    store.create(a, first);

    assertThatThrownBy(() -> store.rotate(first.lookupId(), token(b, T0), T0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rotate_concurrentCallsOnOneToken_exactlyOneWins() throws Exception {
    InMemoryRefreshTokenStore store = InMemoryRefreshTokenStore.builder().build();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 100; round++) {
        RefreshTokenFamily fam = family("alice", T0);
        RefreshTokenRecord first = token(fam, T0);
        store.create(fam, first);
        List<RefreshTokenRecord> successors = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          successors.add(token(fam, T0));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<RotationResult>> results = new ArrayList<>();
        for (RefreshTokenRecord s : successors) {
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    return store.rotate(first.lookupId(), s, T0);
                  }));
        }
        start.countDown();
        int won = 0;
        for (Future<RotationResult> r : results) {
          if (r.get(30, TimeUnit.SECONDS).outcome() == RotationResult.Outcome.ROTATED) {
            won++;
          }
        }
        assertThat(won).isEqualTo(1);
        long stored =
            successors.stream().filter(s -> store.findByLookupId(s.lookupId()).isPresent()).count();
        assertThat(stored).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void revokeAllForUser_revokesOnlyThatUsersFamilies() {
    InMemoryRefreshTokenStore store = InMemoryRefreshTokenStore.builder().build();
    RefreshTokenFamily a1 = family("alice", T0);
    RefreshTokenFamily a2 = family("alice", T0);
    RefreshTokenFamily b1 = family("bob", T0);
    RefreshTokenRecord ta1 = token(a1, T0);
    RefreshTokenRecord ta2 = token(a2, T0);
    RefreshTokenRecord tb1 = token(b1, T0);
    store.create(a1, ta1);
    store.create(a2, ta2);
    store.create(b1, tb1);

    assertThat(store.revokeAllForUser("alice", RevocationReason.LOGOUT_EVERYWHERE, T0))
        .isEqualTo(2);
    assertThat(store.revokeAllForUser("alice", RevocationReason.LOGOUT_EVERYWHERE, T0)).isZero();
    assertThat(store.revokeAllForUser("nobody", RevocationReason.LOGOUT_EVERYWHERE, T0)).isZero();

    assertThat(store.findByLookupId(ta1.lookupId()).orElseThrow().isLive()).isFalse();
    assertThat(store.findByLookupId(ta2.lookupId()).orElseThrow().isLive()).isFalse();
    assertThat(store.findByLookupId(tb1.lookupId()).orElseThrow().isLive()).isTrue();
  }

  @Test
  void create_beyondPerUserCap_evictsThatUsersOldestFamily() {
    InMemoryRefreshTokenStore store =
        InMemoryRefreshTokenStore.builder().maxFamiliesPerUser(3).build();
    List<RefreshTokenRecord> alice = new ArrayList<>();
    RefreshTokenFamily bob = family("bob", T0);
    RefreshTokenRecord bobToken = token(bob, T0);
    store.create(bob, bobToken);
    for (int i = 0; i < 5; i++) {
      RefreshTokenFamily fam = family("alice", T0.plusSeconds(i));
      alice.add(token(fam, T0.plusSeconds(i)));
      store.create(fam, alice.get(i));
    }

    assertThat(store.familyCount()).isEqualTo(4);
    assertThat(store.findByLookupId(alice.get(0).lookupId())).isEmpty();
    assertThat(store.findByLookupId(alice.get(1).lookupId())).isEmpty();
    assertThat(store.findByLookupId(alice.get(4).lookupId())).isPresent();
    assertThat(store.findByLookupId(bobToken.lookupId())).isPresent();
  }

  @Test
  void create_beyondTotalCap_evictsOldestFamily() {
    InMemoryRefreshTokenStore store =
        InMemoryRefreshTokenStore.builder().maxFamilies(10).maxFamiliesPerUser(10).build();
    List<RefreshTokenRecord> first = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      RefreshTokenFamily fam = family("user" + i, T0.plusSeconds(i));
      first.add(token(fam, T0.plusSeconds(i)));
      store.create(fam, first.get(i));
      assertThat(store.familyCount()).isLessThanOrEqualTo(10);
    }
    assertThat(store.findByLookupId(first.get(14).lookupId())).isEmpty();
    assertThat(store.findByLookupId(first.get(15).lookupId())).isPresent();
  }

  @Test
  void rotate_manyTimes_keepsOnlyNewestTokensOfFamily() {
    InMemoryRefreshTokenStore store =
        InMemoryRefreshTokenStore.builder().maxTokensPerFamily(4).build();
    RefreshTokenFamily fam = family("alice", T0);
    RefreshTokenRecord current = token(fam, T0);
    store.create(fam, current);
    List<RefreshTokenRecord> all = new ArrayList<>(List.of(current));
    for (int i = 0; i < 10; i++) {
      RefreshTokenRecord next = token(fam, T0);
      assertThat(store.rotate(current.lookupId(), next, T0).outcome())
          .isEqualTo(RotationResult.Outcome.ROTATED);
      all.add(next);
      current = next;
    }

    assertThat(store.tokenCount()).isEqualTo(4);
    assertThat(store.findByLookupId(all.get(6).lookupId())).isEmpty();
    assertThat(store.findByLookupId(all.get(7).lookupId())).isPresent();
    assertThat(store.findByLookupId(current.lookupId()).orElseThrow().isLive()).isTrue();
  }

  @Test
  void purgeExpired_removesFamiliesPastAbsoluteOrIdleExpiryOnly() {
    InMemoryRefreshTokenStore store = InMemoryRefreshTokenStore.builder().build();
    RefreshTokenFamily idle = family("alice", T0);
    store.create(idle, token(idle, T0));
    RefreshTokenFamily active = family("alice", T0);
    RefreshTokenRecord activeFirst = token(active, T0);
    store.create(active, activeFirst);
    Instant later = T0.plus(Duration.ofDays(6));
    store.rotate(activeFirst.lookupId(), token(active, later), later);

    assertThat(store.purgeExpired(T0.plus(Duration.ofDays(7)).minusMillis(1))).isZero();
    assertThat(store.purgeExpired(T0.plus(Duration.ofDays(7)))).isEqualTo(1);
    assertThat(store.familyCount()).isEqualTo(1);
    assertThat(store.purgeExpired(T0.plus(Duration.ofDays(13)))).isEqualTo(1);
    assertThat(store.familyCount()).isZero();
    assertThat(store.tokenCount()).isZero();
  }

  @Test
  void create_duplicateOrMismatchedIds_throwsIllegalArgument() {
    InMemoryRefreshTokenStore store = InMemoryRefreshTokenStore.builder().build();
    RefreshTokenFamily fam = family("alice", T0);
    RefreshTokenRecord first = token(fam, T0);
    store.create(fam, first);

    assertThatThrownBy(() -> store.create(fam, token(fam, T0)))
        .isInstanceOf(IllegalArgumentException.class);
    RefreshTokenFamily other = family("alice", T0);
    assertThatThrownBy(() -> store.create(other, first))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void values_inconsistentComponents_throwIllegalArgument() {
    assertThatThrownBy(() -> new RefreshTokenFamily("f", "u", T0, T0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RefreshTokenRecord("l", "f", "", T0, T0.plusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RotationResult(RotationResult.Outcome.ALREADY_SPENT, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RotationResult(RotationResult.Outcome.ROTATED, T0, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    RefreshTokenFamily fam = new RefreshTokenFamily("f", "u", T0, T0.plusSeconds(9));
    RefreshTokenRecord rec = new RefreshTokenRecord("l", "f", HASH, T0, T0.plusSeconds(1));
    assertThatThrownBy(() -> new StoredRefreshToken(rec, fam, T0, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(rec.toString()).doesNotContain(HASH);
  }
}
