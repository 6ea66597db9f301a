package dev.jwtsecurity.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.refresh.InvalidRefreshTokenException;
import dev.jwtsecurity.refresh.RefreshTokenFamily;
import dev.jwtsecurity.refresh.RefreshTokenRecord;
import dev.jwtsecurity.refresh.RefreshTokenStore;
import dev.jwtsecurity.refresh.RevocationReason;
import dev.jwtsecurity.refresh.RotationResult;
import dev.jwtsecurity.refresh.StoredRefreshToken;
import dev.jwtsecurity.refresh.TokenPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The behaviour every {@link RefreshTokenStore} must show, in one JVM and across several: the
 * in-memory store, the JDBC stores (H2, PostgreSQL) and the Redis store all pass it. A store for
 * another database extends it in a class named {@code ...Test} (so Surefire runs it) and returns a
 * fresh, empty store from {@link #newStore()}:
 *
 * <pre>{@code
 * class MyRefreshTokenStoreTest extends RefreshTokenStoreContract {
 *   @Override protected RefreshTokenStore newStore() { return MyStore.on(emptyDatabase()); }
 *   // a store shared by several application instances also returns a second client of the same data:
 *   @Override protected RefreshTokenStore sameBackend(RefreshTokenStore store) { return MyStore.on(sameDatabase()); }
 * }
 * }</pre>
 *
 * <p>Every instant the suite passes lies at or after {@link #T0} and within a day of it; stores
 * that turn expiry times into time-to-live values work on relative durations and need no clock.
 *
 * <p>The concurrency cases run {@value #THREADS} threads released together by a barrier, half of
 * them on {@link #newStore()}'s store and half on {@link #sameBackend}'s, {@value #ROUNDS} rounds
 * for the rotation races.
 */
public abstract class RefreshTokenStoreContract {

  /** The earliest instant the suite uses (microsecond precision, as SQL stores keep it). */
  protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123456Z");

  /** Text full of quotes, SQL, wildcards and non-ASCII characters. */
  protected static final String HOSTILE = "o'brien\"); DROP TABLE users; -- \\ %_ \u00e9\u4e2d";

  /** Threads per concurrency case. */
  protected static final int THREADS = 8;

  /** Rounds of the rotation races. */
  protected static final int ROUNDS = 200;

  private RefreshTokenStore store;

  /**
   * Returns a new, empty store.
   *
   * @return the store under test
   */
  protected abstract RefreshTokenStore newStore();

  /**
   * Returns another client of the same data as {@code store}: what a second application instance
   * would build (its own connections). The default returns {@code store} itself, right for a store
   * that lives in one JVM.
   *
   * @param store a store returned by {@link #newStore()}
   * @return a store that sees and changes the same families
   */
  protected RefreshTokenStore sameBackend(RefreshTokenStore store) {
    return store;
  }

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  /**
   * Returns a fresh random id.
   *
   * @return 22 characters, like a real lookup id
   */
  protected static String id() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 22);
  }

  /**
   * Returns a new family of {@code userId}, created at {@link #T0}, expiring 30 days later.
   *
   * @param userId the user
   * @return the family
   */
  protected static RefreshTokenFamily family(String userId) {
    return new RefreshTokenFamily(id(), userId, T0, T0.plus(Duration.ofDays(30)));
  }

  /**
   * Returns a new token of {@code f} issued at {@code issued}, expiring 7 days later.
   *
   * @param f the family
   * @param issued the issue time
   * @return the token
   */
  protected static RefreshTokenRecord token(RefreshTokenFamily f, Instant issued) {
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
  void create_duplicateFamilyOfAnotherUser_throwsAndLeavesBothUsersAsTheyWere() {
    RefreshTokenFamily f = family("alice");
    RefreshTokenRecord t = token(f, T0);
    store.create(f, t);
    RefreshTokenFamily stolenId =
        new RefreshTokenFamily(f.familyId(), "mallory", T0, T0.plus(Duration.ofDays(30)));
    RefreshTokenRecord mallorysToken = token(stolenId, T0);
    assertThatThrownBy(() -> store.create(stolenId, mallorysToken))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.findByLookupId(mallorysToken.lookupId())).isEmpty();
    assertThat(store.revokeAllForUser("mallory", RevocationReason.ADMINISTRATIVE, T0)).isZero();
    assertThat(store.findByLookupId(t.lookupId()).orElseThrow().isLive()).isTrue();
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
    StoredRefreshToken successor = store.findByLookupId(next.lookupId()).orElseThrow();
    assertThat(successor.isLive()).isTrue();
    assertThat(successor.token()).isEqualTo(next);
    assertThat(successor.family()).isEqualTo(f);
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
    RefreshTokenRecord successor = token(f, T0);
    assertThat(store.rotate(id(), successor, T0).outcome())
        .isEqualTo(RotationResult.Outcome.NOT_FOUND);
    assertThat(store.findByLookupId(successor.lookupId())).isEmpty();
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
  void rotate_successorLookupIdOfAnotherFamilysToken_throwsAndBothStayAsTheyWere() {
    RefreshTokenFamily f = family("alice");
    RefreshTokenRecord t = token(f, T0);
    store.create(f, t);
    RefreshTokenFamily other = family("bob");
    RefreshTokenRecord bobs = token(other, T0);
    store.create(other, bobs);
    RefreshTokenRecord clash =
        new RefreshTokenRecord(bobs.lookupId(), f.familyId(), "h", T0, T0.plusSeconds(99));
    assertThatThrownBy(() -> store.rotate(t.lookupId(), clash, T0.plusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.findByLookupId(t.lookupId()).orElseThrow().isLive()).isTrue();
    StoredRefreshToken stillBobs = store.findByLookupId(bobs.lookupId()).orElseThrow();
    assertThat(stillBobs.token()).isEqualTo(bobs);
    assertThat(stillBobs.family().userId()).isEqualTo("bob");
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
  void revokeFamily_everyReason_isReadBack() {
    for (RevocationReason reason : RevocationReason.values()) {
      RefreshTokenFamily f = family("alice");
      RefreshTokenRecord t = token(f, T0);
      store.create(f, t);
      assertThat(store.revokeFamily(f.familyId(), reason, T0.plusSeconds(1))).isTrue();
      assertThat(store.findByLookupId(t.lookupId()).orElseThrow().revocationReason())
          .contains(reason);
    }
  }

  @Test
  void revokeAllForUser_revokesOnlyThatUsersUnrevokedFamilies_caseSensitive() {
    RefreshTokenFamily a1 = family("alice");
    RefreshTokenFamily a2 = family("alice");
    RefreshTokenFamily a3 = family("alice");
    RefreshTokenFamily upper = family("Alice");
    RefreshTokenRecord a1Token = token(a1, T0);
    RefreshTokenRecord upperToken = token(upper, T0);
    store.create(a1, a1Token);
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
    assertThat(store.findByLookupId(a1Token.lookupId()).orElseThrow().revocationReason())
        .contains(RevocationReason.LOGOUT_EVERYWHERE);
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
    assertThat(store.revokeAllForUser("bob", RevocationReason.ADMINISTRATIVE, T0)).isZero();
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
    assertThat(store.findByLookupId(t.lookupId()).orElseThrow().spentAt()).contains(later);
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
  void hostileKeyText_bracesColonsAndGlobs_keepIdsApart() {
    // Key-value stores build keys from ids: separators, hash-tag braces and glob characters must
    // not let one id alias another.
    RefreshTokenFamily a = new RefreshTokenFamily("f:{x}", "u:{1}*", T0, T0.plusSeconds(600));
    RefreshTokenFamily b = new RefreshTokenFamily("f:{x", "u:{1}", T0, T0.plusSeconds(600));
    RefreshTokenRecord ta =
        new RefreshTokenRecord("l}:*?[a]", a.familyId(), "ha", T0, T0.plusSeconds(60));
    RefreshTokenRecord tb =
        new RefreshTokenRecord("l}:*", b.familyId(), "hb", T0, T0.plusSeconds(60));
    store.create(a, ta);
    store.create(b, tb);
    assertThat(store.findByLookupId(ta.lookupId()).orElseThrow().family()).isEqualTo(a);
    assertThat(store.findByLookupId(tb.lookupId()).orElseThrow().family()).isEqualTo(b);
    assertThat(store.findByLookupId("l}:*?[a")).isEmpty();
    assertThat(store.revokeAllForUser("u:{1}", RevocationReason.ADMINISTRATIVE, T0)).isEqualTo(1);
    assertThat(store.findByLookupId(ta.lookupId()).orElseThrow().isLive()).isTrue();
    assertThat(store.revokeFamily("f:{", RevocationReason.ADMINISTRATIVE, T0)).isFalse();
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

  /**
   * Generates printable Unicode text of 1 to 20 code points, from every plane: no control
   * characters, no unpaired surrogates (which no UTF-8 database can store).
   *
   * @return the generator
   */
  protected static Gen<String> printableUnicode() {
    return lists()
        .of(integers().between(0x20, 0x10FFFF))
        .ofSizeBetween(1, 20)
        .map(
            codePoints -> {
              StringBuilder sb = new StringBuilder();
              for (int cp : codePoints) {
                boolean unusable =
                    (cp >= 0x7F && cp <= 0x9F) || (cp >= Character.MIN_SURROGATE && cp <= 0xDFFF);
                sb.appendCodePoint(unusable ? cp + 0x1000 : cp);
              }
              return sb.toString();
            });
  }

  @Test
  void ids_anyPrintableUnicode_roundTripVerbatim() {
    qt().withExamples(40)
        .forAll(printableUnicode(), printableUnicode())
        .checkAssert(
            (userId, suffix) -> {
              RefreshTokenFamily f =
                  new RefreshTokenFamily(id() + suffix, userId, T0, T0.plusSeconds(600));
              RefreshTokenRecord t =
                  new RefreshTokenRecord(
                      id() + suffix, f.familyId(), suffix, T0, T0.plusSeconds(60));
              store.create(f, t);
              StoredRefreshToken s = store.findByLookupId(t.lookupId()).orElseThrow();
              assertThat(s.token()).isEqualTo(t);
              assertThat(s.family()).isEqualTo(f);
              assertThat(store.revokeAllForUser(userId, RevocationReason.ADMINISTRATIVE, T0))
                  .isEqualTo(1);
            });
  }

  @Test
  void instants_fullNanosecondPrecisionAtMicrosecondGranularity_roundTrip() {
    Instant issued = T0.plusNanos(987_654_000);
    RefreshTokenFamily f =
        new RefreshTokenFamily(id(), "alice", issued, issued.plus(Duration.ofDays(30)));
    RefreshTokenRecord t =
        new RefreshTokenRecord(id(), f.familyId(), "h", issued, issued.plusSeconds(3600));
    store.create(f, t);
    Instant spent = issued.plusNanos(1_000);
    store.rotate(t.lookupId(), token(f, spent), spent);
    StoredRefreshToken s = store.findByLookupId(t.lookupId()).orElseThrow();
    assertThat(s.token()).isEqualTo(t);
    assertThat(s.family()).isEqualTo(f);
    assertThat(s.spentAt()).contains(spent);
  }

  // ---------------------------------------------------------------------------------------------
  // Several clients of one backend (several application instances), racing.

  private RefreshTokenStore client(int thread, RefreshTokenStore other) {
    return thread % 2 == 0 ? store : other;
  }

  @Test
  void rotate_sameTokenFromTwoClientsConcurrently_exactlyOneWinnerEveryRound() throws Exception {
    RefreshTokenStore other = sameBackend(store);
    try (Race race = new Race(THREADS)) {
      for (int round = 0; round < ROUNDS; round++) {
        RefreshTokenFamily family = family("alice");
        RefreshTokenRecord token = token(family, T0);
        store.create(family, token);
        Instant now = T0.plusSeconds(round + 1);
        List<RefreshTokenRecord> successors = new ArrayList<>();
        List<Callable<RotationResult>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          RefreshTokenRecord successor = token(family, now);
          successors.add(successor);
          RefreshTokenStore s = client(t, other);
          tasks.add(() -> s.rotate(token.lookupId(), successor, now));
        }
        List<RotationResult> results = race.run(tasks);
        List<Integer> winners = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          if (results.get(t).outcome() == RotationResult.Outcome.ROTATED) {
            winners.add(t);
          }
        }
        assertThat(winners).as("round %d", round).hasSize(1);
        String winner = successors.get(winners.get(0)).lookupId();
        for (RotationResult r : results) {
          if (r.outcome() != RotationResult.Outcome.ROTATED) {
            assertThat(r.outcome()).isEqualTo(RotationResult.Outcome.ALREADY_SPENT);
            assertThat(r.successorLookupIdOrNull()).isEqualTo(winner);
            assertThat(r.spentAtOrNull()).isEqualTo(now);
          }
        }
        // Exactly one successor exists: the losers' successors were never stored.
        for (RefreshTokenRecord s : successors) {
          assertThat(other.findByLookupId(s.lookupId()).isPresent())
              .as("round %d", round)
              .isEqualTo(s.lookupId().equals(winner));
        }
      }
    }
  }

  @Test
  void revokeFamily_fromTwoClientsConcurrently_exactlyOneReportsIt() throws Exception {
    RefreshTokenStore other = sameBackend(store);
    try (Race race = new Race(THREADS)) {
      for (int round = 0; round < ROUNDS / 4; round++) {
        RefreshTokenFamily family = family("alice");
        RefreshTokenRecord token = token(family, T0);
        store.create(family, token);
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          RefreshTokenStore s = client(t, other);
          RevocationReason reason =
              t % 2 == 0 ? RevocationReason.LOGOUT : RevocationReason.REUSE_DETECTED;
          tasks.add(() -> s.revokeFamily(family.familyId(), reason, T0.plusSeconds(1)));
        }
        assertThat(race.run(tasks)).as("round %d", round).containsOnlyOnce(true);
        assertThat(other.findByLookupId(token.lookupId()).orElseThrow().isLive()).isFalse();
      }
    }
  }

  @Test
  void rotateAndRevoke_concurrently_revocationWinsForEveryLaterRotation() throws Exception {
    RefreshTokenStore other = sameBackend(store);
    try (Race race = new Race(2)) {
      for (int round = 0; round < ROUNDS / 4; round++) {
        RefreshTokenFamily family = family("alice");
        RefreshTokenRecord token = token(family, T0);
        store.create(family, token);
        RefreshTokenRecord successor = token(family, T0.plusSeconds(1));
        List<Callable<Object>> tasks =
            List.of(
                () -> store.rotate(token.lookupId(), successor, T0.plusSeconds(1)),
                () -> other.revokeFamily(family.familyId(), RevocationReason.LOGOUT, T0));
        race.run(tasks);
        // Whatever the order, the family is revoked now, and no rotation can succeed any more.
        RefreshTokenRecord later = token(family, T0.plusSeconds(2));
        String live =
            store.findByLookupId(successor.lookupId()).isPresent()
                ? successor.lookupId()
                : token.lookupId();
        assertThat(other.rotate(live, later, T0.plusSeconds(2)).outcome())
            .as("round %d", round)
            .isEqualTo(RotationResult.Outcome.REVOKED);
        assertThat(store.findByLookupId(later.lookupId())).isEmpty();
      }
    }
  }

  private static JwtSecurity service(RefreshTokenStore store, Duration grace, Clock clock) {
    // Every racer is honest here: the grace-replay cap (counted per instance) admits them all.
    return TestSecurity.builder("alice")
        .refreshTokenStore(store)
        .refreshReuseGrace(grace)
        .refreshGraceReplays(THREADS)
        .clock(clock)
        .build();
  }

  /** What one refresh got: a pair, or the refusal reason. */
  private record Outcome(TokenPair pair, InvalidRefreshTokenException.Reason refused) {}

  private static Callable<Outcome> refresh(JwtSecurity service, String token) {
    return () -> {
      try {
        return new Outcome(service.refresh(token, RequestContext.UNKNOWN), null);
      } catch (InvalidRefreshTokenException e) {
        return new Outcome(null, e.reason());
      }
    };
  }

  @Test
  void refresh_racingClients_oneWinnerPerRoundAndALosersReplayAfterGraceRevokesTheFamily()
      throws Exception {
    Duration grace = Duration.ofSeconds(5);
    ManualClock clock = new ManualClock(T0);
    JwtSecurity onA = service(store, grace, clock);
    JwtSecurity onB = service(sameBackend(store), grace, clock);
    try (Race race = new Race(THREADS)) {
      for (int round = 0; round < ROUNDS; round++) {
        TokenPair login = TestSecurity.login(onA, "alice");
        String presented = login.refreshToken().orElseThrow().value();
        List<Callable<Outcome>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          tasks.add(refresh(t % 2 == 0 ? onA : onB, presented));
        }
        List<Outcome> outcomes = race.run(tasks);
        // Inside the grace window: one new refresh token; the others get an access token only.
        assertThat(outcomes).as("round %d", round).allMatch(o -> o.pair() != null);
        List<TokenPair> withRefresh =
            outcomes.stream().map(Outcome::pair).filter(p -> p.refreshToken().isPresent()).toList();
        assertThat(withRefresh).as("round %d: exactly one winner", round).hasSize(1);
        String winnersToken = withRefresh.get(0).refreshToken().orElseThrow().value();

        // After the grace window, a loser presents the spent token again, on the other instance.
        clock.advance(grace.plusSeconds(1));
        JwtSecurity replaying = round % 2 == 0 ? onB : onA;
        assertThat(refresh(replaying, presented).call().refused())
            .as("round %d", round)
            .isEqualTo(InvalidRefreshTokenException.Reason.REUSED);
        // The family is revoked for both instances: the winner's token is refused everywhere.
        assertThat(refresh(onA, winnersToken).call().refused())
            .isEqualTo(InvalidRefreshTokenException.Reason.REVOKED);
        assertThat(refresh(onB, winnersToken).call().refused())
            .isEqualTo(InvalidRefreshTokenException.Reason.REVOKED);
      }
    }
  }

  @Test
  void refresh_racingClientsWithoutGrace_oneWinnerAndTheReplayRevokesTheFamily() throws Exception {
    ManualClock clock = new ManualClock(T0);
    JwtSecurity onA = service(store, Duration.ZERO, clock);
    JwtSecurity onB = service(sameBackend(store), Duration.ZERO, clock);
    try (Race race = new Race(THREADS)) {
      for (int round = 0; round < ROUNDS / 4; round++) {
        TokenPair login = TestSecurity.login(onA, "alice");
        String presented = login.refreshToken().orElseThrow().value();
        List<Callable<Outcome>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          tasks.add(refresh(t % 2 == 0 ? onA : onB, presented));
        }
        List<Outcome> outcomes = race.run(tasks);
        List<TokenPair> wins = outcomes.stream().map(Outcome::pair).filter(p -> p != null).toList();
        assertThat(wins).as("round %d", round).hasSize(1);
        assertThat(
                outcomes.stream()
                    .filter(o -> o.refused() == InvalidRefreshTokenException.Reason.REUSED)
                    .count())
            .as("round %d: exactly one request reports the reuse", round)
            .isEqualTo(1);
        assertThat(outcomes)
            .filteredOn(o -> o.pair() == null)
            .allMatch(
                o ->
                    o.refused() == InvalidRefreshTokenException.Reason.REUSED
                        || o.refused() == InvalidRefreshTokenException.Reason.REVOKED);
        // Reuse ended the session: even the winner's token is refused now, on either instance.
        String winnerToken = wins.get(0).refreshToken().orElseThrow().value();
        assertThat(refresh(onB, winnerToken).call().refused())
            .isEqualTo(InvalidRefreshTokenException.Reason.REVOKED);
        clock.advance(Duration.ofSeconds(1));
      }
    }
  }
}
