package dev.jwtsecurity.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.jwtsecurity.refresh.RefreshTokenFamily;
import dev.jwtsecurity.refresh.RefreshTokenRecord;
import dev.jwtsecurity.refresh.RefreshTokenStore;
import dev.jwtsecurity.refresh.RevocationReason;
import dev.jwtsecurity.refresh.RotationResult;
import dev.jwtsecurity.refresh.StoredRefreshToken;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link RefreshTokenStore} contract, run against every implementation (in memory, H2,
 * PostgreSQL).
 */
abstract class RefreshTokenStoreContract {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123456Z");
  static final String HOSTILE = "o'brien\"); DROP TABLE users; -- \\ %_ \u00e9\u4e2d";

  RefreshTokenStore store;

  /** Returns a new, empty store. */
  protected abstract RefreshTokenStore newStore();

  @BeforeEach
  void setUp() {
    store = newStore();
  }

  static String id() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 22);
  }

  static RefreshTokenFamily family(String userId) {
    return new RefreshTokenFamily(id(), userId, T0, T0.plus(Duration.ofDays(30)));
  }

  static RefreshTokenRecord token(RefreshTokenFamily f, Instant issued) {
    return new RefreshTokenRecord(
        id(), f.familyId(), "h" + id(), issued, issued.plus(Duration.ofDays(7)));
  }

  @Test
  void create_thenFind_returnsLiveSnapshot() {
    RefreshTokenFamily f = family("alice");
    RefreshTokenRecord t = token(f, T0);
    store.create(f, t);
    StoredRefreshToken s = store.findByLookupId(t.lookupId()).orElseThrow();
    assertThat(s.token()).isEqualTo(t);
    assertThat(s.family()).isEqualTo(f);
    assertThat(s.isLive()).isTrue();
    assertThat(s.spentAt()).isEmpty();
    assertThat(s.revocationReason()).isEmpty();
  }

  @Test
  void findByLookupId_unknown_returnsEmpty() {
    assertThat(store.findByLookupId(id())).isEmpty();
  }

  @Test
  void create_duplicateFamilyOrLookupId_throwsAndKeepsFirst() {
    RefreshTokenFamily f = family("alice");
    RefreshTokenRecord t = token(f, T0);
    store.create(f, t);
    RefreshTokenFamily other = family("bob");
    RefreshTokenRecord sameLookup =
        new RefreshTokenRecord(t.lookupId(), other.familyId(), "x", T0, T0.plusSeconds(9));
    assertThatThrownBy(() -> store.create(other, sameLookup))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.create(f, token(f, T0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.findByLookupId(t.lookupId()).orElseThrow().family().userId())
        .isEqualTo("alice");
    assertThat(store.revokeAllForUser("bob", RevocationReason.ADMINISTRATIVE, T0)).isZero();
  }

  @Test
  void create_tokenOfAnotherFamily_throwsIllegalArgument() {
    RefreshTokenFamily f = family("alice");
    assertThatThrownBy(() -> store.create(f, token(family("alice"), T0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rotate_liveToken_spendsItAndStoresSuccessor() {
    RefreshTokenFamily f = family("alice");
    RefreshTokenRecord t = token(f, T0);
    store.create(f, t);
    Instant now = T0.plusSeconds(60);
    RefreshTokenRecord next = token(f, now);
    assertThat(store.rotate(t.lookupId(), next, now).outcome())
        .isEqualTo(RotationResult.Outcome.ROTATED);
    StoredRefreshToken old = store.findByLookupId(t.lookupId()).orElseThrow();
    assertThat(old.spentAt()).contains(now);
    assertThat(old.successorLookupId()).contains(next.lookupId());
    assertThat(store.findByLookupId(next.lookupId()).orElseThrow().isLive()).isTrue();
  }

  @Test
  void rotate_spentToken_reportsAlreadySpentWithWinner() {
    RefreshTokenFamily f = family("alice");
    RefreshTokenRecord t = token(f, T0);
    store.create(f, t);
    RefreshTokenRecord winner = token(f, T0.plusSeconds(1));
    store.rotate(t.lookupId(), winner, T0.plusSeconds(1));
    RefreshTokenRecord loser = token(f, T0.plusSeconds(2));
    RotationResult r = store.rotate(t.lookupId(), loser, T0.plusSeconds(2));
    assertThat(r.outcome()).isEqualTo(RotationResult.Outcome.ALREADY_SPENT);
    assertThat(r.spentAtOrNull()).isEqualTo(T0.plusSeconds(1));
    assertThat(r.successorLookupIdOrNull()).isEqualTo(winner.lookupId());
    assertThat(store.findByLookupId(loser.lookupId())).isEmpty();
  }

  @Test
  void rotate_revokedFamily_reportsRevoked() {
    RefreshTokenFamily f = family("alice");
    RefreshTokenRecord t = token(f, T0);
    store.create(f, t);
    assertThat(store.revokeFamily(f.familyId(), RevocationReason.LOGOUT, T0.plusSeconds(1)))
        .isTrue();
    RefreshTokenRecord next = token(f, T0.plusSeconds(2));
    assertThat(store.rotate(t.lookupId(), next, T0.plusSeconds(2)).outcome())
        .isEqualTo(RotationResult.Outcome.REVOKED);
    assertThat(store.findByLookupId(next.lookupId())).isEmpty();
  }

  @Test
  void rotate_unknownToken_reportsNotFound() {
    RefreshTokenFamily f = family("alice");
    assertThat(store.rotate(id(), token(f, T0), T0).outcome())
        .isEqualTo(RotationResult.Outcome.NOT_FOUND);
  }

  @Test
  void rotate_successorOfAnotherFamily_throwsAndChangesNothing() {
    RefreshTokenFamily f = family("alice");
    RefreshTokenRecord t = token(f, T0);
    store.create(f, t);
    RefreshTokenFamily other = family("alice");
    store.create(other, token(other, T0));
    RefreshTokenRecord foreign = token(other, T0.plusSeconds(1));
    assertThatThrownBy(() -> store.rotate(t.lookupId(), foreign, T0.plusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.findByLookupId(t.lookupId()).orElseThrow().isLive()).isTrue();
    assertThat(store.findByLookupId(foreign.lookupId())).isEmpty();
  }

  @Test
  void rotate_successorLookupIdTaken_throwsAndTokenStaysLive() {
    RefreshTokenFamily f = family("alice");
    RefreshTokenRecord t = token(f, T0);
    store.create(f, t);
    RefreshTokenRecord clash =
        new RefreshTokenRecord(t.lookupId(), f.familyId(), "h", T0, T0.plusSeconds(99));
    assertThatThrownBy(() -> store.rotate(t.lookupId(), clash, T0.plusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.findByLookupId(t.lookupId()).orElseThrow().isLive()).isTrue();
  }

  @Test
  void rotate_chain_keepsSpentTokensSoReuseIsRecognised() {
    RefreshTokenFamily f = family("alice");
    RefreshTokenRecord first = token(f, T0);
    store.create(f, first);
    RefreshTokenRecord current = first;
    for (int i = 1; i <= 3; i++) {
      RefreshTokenRecord next = token(f, T0.plusSeconds(i));
      assertThat(store.rotate(current.lookupId(), next, T0.plusSeconds(i)).outcome())
          .isEqualTo(RotationResult.Outcome.ROTATED);
      current = next;
    }
    assertThat(
            store
                .rotate(first.lookupId(), token(f, T0.plusSeconds(9)), T0.plusSeconds(9))
                .outcome())
        .isEqualTo(RotationResult.Outcome.ALREADY_SPENT);
    assertThat(store.findByLookupId(current.lookupId()).orElseThrow().isLive()).isTrue();
  }

  @Test
  void revokeFamily_twice_firstReasonKeptSecondReturnsFalse() {
    RefreshTokenFamily f = family("alice");
    RefreshTokenRecord t = token(f, T0);
    store.create(f, t);
    assertThat(store.revokeFamily(f.familyId(), RevocationReason.REUSE_DETECTED, T0.plusSeconds(1)))
        .isTrue();
    assertThat(store.revokeFamily(f.familyId(), RevocationReason.LOGOUT, T0.plusSeconds(2)))
        .isFalse();
    StoredRefreshToken s = store.findByLookupId(t.lookupId()).orElseThrow();
    assertThat(s.revocationReason()).contains(RevocationReason.REUSE_DETECTED);
    assertThat(s.revokedAtOrNull()).isEqualTo(T0.plusSeconds(1));
    assertThat(s.isLive()).isFalse();
  }

  @Test
  void revokeFamily_unknown_returnsFalse() {
    assertThat(store.revokeFamily(id(), RevocationReason.LOGOUT, T0)).isFalse();
  }

  @Test
  void revokeAllForUser_revokesOnlyThatUsersUnrevokedFamilies_caseSensitive() {
    RefreshTokenFamily a1 = family("alice");
    RefreshTokenFamily a2 = family("alice");
    RefreshTokenFamily a3 = family("alice");
    RefreshTokenFamily upper = family("Alice");
    RefreshTokenRecord upperToken = token(upper, T0);
    store.create(a1, token(a1, T0));
    store.create(a2, token(a2, T0));
    store.create(a3, token(a3, T0));
    store.create(upper, upperToken);
    store.revokeFamily(a3.familyId(), RevocationReason.LOGOUT, T0);
    assertThat(
            store.revokeAllForUser("alice", RevocationReason.LOGOUT_EVERYWHERE, T0.plusSeconds(1)))
        .isEqualTo(2);
    assertThat(
            store.revokeAllForUser("alice", RevocationReason.LOGOUT_EVERYWHERE, T0.plusSeconds(2)))
        .isZero();
    assertThat(store.findByLookupId(upperToken.lookupId()).orElseThrow().isLive()).isTrue();
  }

  @Test
  void purgeExpired_absoluteOrIdleExpiryPassed_deletesFamiliesWithTheirTokens() {
    RefreshTokenFamily live = family("alice");
    RefreshTokenRecord liveToken = token(live, T0);
    store.create(live, liveToken);
    RefreshTokenFamily absolute =
        new RefreshTokenFamily(id(), "bob", T0, T0.plus(Duration.ofDays(1)));
    RefreshTokenRecord absoluteToken = token(absolute, T0);
    store.create(absolute, absoluteToken);
    RefreshTokenFamily idle = family("carol");
    RefreshTokenRecord idleToken =
        new RefreshTokenRecord(id(), idle.familyId(), "h", T0, T0.plus(Duration.ofDays(1)));
    store.create(idle, idleToken);

    assertThat(store.purgeExpired(T0.plus(Duration.ofDays(1)).minusNanos(1000))).isZero();
    assertThat(store.purgeExpired(T0.plus(Duration.ofDays(1)))).isEqualTo(2);
    assertThat(store.findByLookupId(absoluteToken.lookupId())).isEmpty();
    assertThat(store.findByLookupId(idleToken.lookupId())).isEmpty();
    assertThat(store.findByLookupId(liveToken.lookupId())).isPresent();
  }

  @Test
  void purgeExpired_rotatedFamily_usesNewestTokenExpiry() {
    RefreshTokenFamily f = family("alice");
    RefreshTokenRecord t =
        new RefreshTokenRecord(id(), f.familyId(), "h", T0, T0.plus(Duration.ofDays(1)));
    store.create(f, t);
    Instant later = T0.plus(Duration.ofHours(20));
    RefreshTokenRecord next = token(f, later);
    store.rotate(t.lookupId(), next, later);
    assertThat(store.purgeExpired(T0.plus(Duration.ofDays(2)))).isZero();
    assertThat(store.findByLookupId(next.lookupId())).isPresent();
  }

  @Test
  void hostileStrings_storedAndReadBackVerbatim() {
    RefreshTokenFamily f =
        new RefreshTokenFamily("fam'; --", HOSTILE, T0, T0.plus(Duration.ofDays(2)));
    RefreshTokenRecord t =
        new RefreshTokenRecord("lk\"' OR '1'='1", f.familyId(), "h'); --", T0, T0.plusSeconds(60));
    store.create(f, t);
    StoredRefreshToken s = store.findByLookupId(t.lookupId()).orElseThrow();
    assertThat(s.family().userId()).isEqualTo(HOSTILE);
    assertThat(s.token()).isEqualTo(t);
    assertThat(store.findByLookupId("lk\"' OR '1'='1' OR 'x'='x")).isEmpty();
    assertThat(store.revokeAllForUser("' OR '1'='1", RevocationReason.ADMINISTRATIVE, T0)).isZero();
    assertThat(store.revokeAllForUser(HOSTILE, RevocationReason.ADMINISTRATIVE, T0)).isEqualTo(1);
  }

  @Test
  void userIds_anyPrintableText_roundTripsAndRevokesExactlyThatUser() {
    qt().withExamples(40)
        .forAll(strings().basicLatinAlphabet().ofLengthBetween(1, 40))
        .checkAssert(
            userId -> {
              RefreshTokenFamily f = family(userId);
              RefreshTokenRecord t = token(f, T0);
              store.create(f, t);
              assertThat(store.findByLookupId(t.lookupId()).orElseThrow().family().userId())
                  .isEqualTo(userId);
              assertThat(store.revokeFamily(f.familyId(), RevocationReason.ADMINISTRATIVE, T0))
                  .isTrue();
            });
  }
}
