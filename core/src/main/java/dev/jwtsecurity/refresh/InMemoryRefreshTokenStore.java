package dev.jwtsecurity.refresh;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link RefreshTokenStore} of {@link RefreshTokenStore#inMemory}: thread-safe, bounded, and
 * purging expired families by itself.
 *
 * <h2>Bounds and eviction</h2>
 *
 * <ul>
 *   <li><b>Per user</b> (default 100 families): a login beyond the cap evicts that user's oldest
 *       family, i.e. logs out its oldest session.
 *   <li><b>In total</b> (default 100,000 families): a login beyond the cap first purges families
 *       that can no longer be used, then evicts the oldest family of anyone. Size the cap above
 *       your number of live sessions; an evicted session has to log in again.
 *   <li><b>Per family</b> (default 8 tokens): the newest tokens are kept; older spent ones are
 *       forgotten. A replay of a forgotten token is refused as unknown but no longer revokes its
 *       family: reuse is detected for the last 7 rotations of a session.
 *   <li>Families that can no longer be used (absolute or idle expiry passed) are purged at most
 *       once a minute, on a login, and whenever {@link #purgeExpired} is called.
 * </ul>
 *
 * <p>Every operation runs under one lock: rotations are rare (one per access-token lifetime per
 * session) and short.
 */
final class InMemoryRefreshTokenStore implements RefreshTokenStore {

  private static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

  private final int maxFamilies;
  private final int maxFamiliesPerUser;
  private final int maxTokensPerFamily;

  private final Object lock = new Object();
  // Insertion order is creation order: the first entry is the oldest family.
  private final LinkedHashMap<String, Family> families = new LinkedHashMap<>();
  private final Map<String, Token> tokens = new HashMap<>();
  private final Map<String, LinkedHashSet<String>> familiesByUser = new HashMap<>();
  private Instant lastPurge = Instant.MIN;

  private static final class Family {
    final RefreshTokenFamily facts;
    final ArrayDeque<String> lookupIds = new ArrayDeque<>();
    Instant latestTokenExpiry;
    Instant revokedAt;
    RevocationReason reason;

    Family(RefreshTokenFamily facts) {
      this.facts = facts;
    }
  }

  private static final class Token {
    final RefreshTokenRecord facts;
    Instant spentAt;
    String successor;

    Token(RefreshTokenRecord facts) {
      this.facts = facts;
    }
  }

  private InMemoryRefreshTokenStore(Builder b) {
    this.maxFamilies = b.maxFamilies;
    this.maxFamiliesPerUser = b.maxFamiliesPerUser;
    this.maxTokensPerFamily = b.maxTokensPerFamily;
  }

  /**
   * Returns a builder with the documented defaults.
   *
   * @return a new builder
   */
  static Builder builder() {
    return new Builder();
  }

  @Override
  public void create(RefreshTokenFamily family, RefreshTokenRecord first) {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(first, "first");
    if (!first.familyId().equals(family.familyId())) {
      throw new IllegalArgumentException("the first token must belong to the new family");
    }
    Instant now = family.createdAt();
    synchronized (lock) {
      if (families.containsKey(family.familyId()) || tokens.containsKey(first.lookupId())) {
        throw new IllegalArgumentException("family id or lookup id already exists");
      }
      // A purge walks every family: at most once a minute, not on every login when the store is
      // full.
      if (!now.isBefore(lastPurge.plus(PURGE_INTERVAL))) {
        purgeLocked(now);
      }
      LinkedHashSet<String> own = familiesByUser.get(family.userId());
      if (own != null && own.size() >= maxFamiliesPerUser) {
        removeLocked(own.iterator().next());
      }
      if (families.size() >= maxFamilies) {
        removeLocked(families.keySet().iterator().next());
      }
      Family f = new Family(family);
      families.put(family.familyId(), f);
      familiesByUser
          .computeIfAbsent(family.userId(), u -> new LinkedHashSet<>())
          .add(family.familyId());
      addTokenLocked(f, first);
    }
  }

  @Override
  public Optional<StoredRefreshToken> findByLookupId(String lookupId) {
    Objects.requireNonNull(lookupId, "lookupId");
    synchronized (lock) {
      Token t = tokens.get(lookupId);
      if (t == null) {
        return Optional.empty();
      }
      Family f = families.get(t.facts.familyId());
      return Optional.of(
          new StoredRefreshToken(t.facts, f.facts, t.spentAt, t.successor, f.revokedAt, f.reason));
    }
  }

  @Override
  public RotationResult rotate(String lookupId, RefreshTokenRecord successor, Instant now) {
    Objects.requireNonNull(lookupId, "lookupId");
    Objects.requireNonNull(successor, "successor");
    Objects.requireNonNull(now, "now");
    synchronized (lock) {
      Token t = tokens.get(lookupId);
      if (t == null) {
        return RotationResult.notFound();
      }
      if (!successor.familyId().equals(t.facts.familyId())) {
        throw new IllegalArgumentException("the successor must belong to the token's family");
      }
      Family f = families.get(t.facts.familyId());
      if (f.revokedAt != null) {
        return RotationResult.revoked();
      }
      if (t.spentAt != null) {
        return RotationResult.alreadySpent(t.spentAt, t.successor);
      }
      if (tokens.containsKey(successor.lookupId())) {
        throw new IllegalArgumentException("successor lookup id already exists");
      }
      t.spentAt = now;
      t.successor = successor.lookupId();
      addTokenLocked(f, successor);
      return RotationResult.rotated();
    }
  }

  @Override
  public boolean revokeFamily(String familyId, RevocationReason reason, Instant now) {
    Objects.requireNonNull(familyId, "familyId");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(now, "now");
    synchronized (lock) {
      Family f = families.get(familyId);
      return f != null && revokeLocked(f, reason, now);
    }
  }

  @Override
  public int revokeAllForUser(String userId, RevocationReason reason, Instant now) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(now, "now");
    synchronized (lock) {
      Set<String> own = familiesByUser.get(userId);
      if (own == null) {
        return 0;
      }
      int revoked = 0;
      for (String familyId : own) {
        if (revokeLocked(families.get(familyId), reason, now)) {
          revoked++;
        }
      }
      return revoked;
    }
  }

  @Override
  public int purgeExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    synchronized (lock) {
      return purgeLocked(now);
    }
  }

  /** Test hook: how many families are held. */
  int familyCount() {
    synchronized (lock) {
      return families.size();
    }
  }

  /** Test hook: how many tokens are held. */
  int tokenCount() {
    synchronized (lock) {
      return tokens.size();
    }
  }

  private static boolean revokeLocked(Family f, RevocationReason reason, Instant now) {
    if (f.revokedAt != null) {
      return false;
    }
    f.revokedAt = now;
    f.reason = reason;
    return true;
  }

  private void addTokenLocked(Family f, RefreshTokenRecord token) {
    tokens.put(token.lookupId(), new Token(token));
    f.lookupIds.addLast(token.lookupId());
    if (f.latestTokenExpiry == null || token.expiresAt().isAfter(f.latestTokenExpiry)) {
      f.latestTokenExpiry = token.expiresAt();
    }
    while (f.lookupIds.size() > maxTokensPerFamily) {
      // The oldest token of a family is always spent: only the newest is live.
      tokens.remove(f.lookupIds.removeFirst());
    }
  }

  private int purgeLocked(Instant now) {
    lastPurge = now;
    int removed = 0;
    for (Iterator<Family> it = families.values().iterator(); it.hasNext(); ) {
      Family f = it.next();
      if (!f.facts.expiresAt().isAfter(now) || !f.latestTokenExpiry.isAfter(now)) {
        it.remove();
        forgetLocked(f);
        removed++;
      }
    }
    return removed;
  }

  private void removeLocked(String familyId) {
    Family f = families.remove(familyId);
    if (f != null) {
      forgetLocked(f);
    }
  }

  private void forgetLocked(Family f) {
    for (String lookupId : f.lookupIds) {
      tokens.remove(lookupId);
    }
    LinkedHashSet<String> own = familiesByUser.get(f.facts.userId());
    if (own != null) {
      own.remove(f.facts.familyId());
      if (own.isEmpty()) {
        familiesByUser.remove(f.facts.userId());
      }
    }
  }

  /** Builds an {@link InMemoryRefreshTokenStore}. Not thread-safe. */
  static final class Builder {
    /** Default cap on families in total. */
    static final int DEFAULT_MAX_FAMILIES = 100_000;

    /** Default cap on families per user. */
    static final int DEFAULT_MAX_FAMILIES_PER_USER = 100;

    /** Default number of tokens kept per family (the live one and the last spent ones). */
    static final int DEFAULT_MAX_TOKENS_PER_FAMILY = 8;

    private int maxFamilies = DEFAULT_MAX_FAMILIES;
    private int maxFamiliesPerUser = DEFAULT_MAX_FAMILIES_PER_USER;
    private int maxTokensPerFamily = DEFAULT_MAX_TOKENS_PER_FAMILY;

    private Builder() {}

    /**
     * Caps the number of families (sessions) held in total.
     *
     * @param maxFamilies 1 to 10,000,000
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    Builder maxFamilies(int maxFamilies) {
      this.maxFamilies = check("maxFamilies", maxFamilies, 1, 10_000_000);
      return this;
    }

    /**
     * Caps the number of families (sessions, devices) one user can hold; the oldest is evicted
     * beyond it.
     *
     * @param maxFamiliesPerUser 1 to 10,000
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    Builder maxFamiliesPerUser(int maxFamiliesPerUser) {
      this.maxFamiliesPerUser = check("maxFamiliesPerUser", maxFamiliesPerUser, 1, 10_000);
      return this;
    }

    /**
     * Sets how many tokens of each family are kept: the live one plus the most recent spent ones,
     * whose replay is detected as reuse.
     *
     * @param maxTokensPerFamily 2 to 1,000
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    Builder maxTokensPerFamily(int maxTokensPerFamily) {
      this.maxTokensPerFamily = check("maxTokensPerFamily", maxTokensPerFamily, 2, 1_000);
      return this;
    }

    /**
     * Returns the store.
     *
     * @return a new, empty, thread-safe store
     * @throws IllegalStateException if {@code maxFamiliesPerUser} exceeds {@code maxFamilies}
     */
    InMemoryRefreshTokenStore build() {
      if (maxFamiliesPerUser > maxFamilies) {
        throw new IllegalStateException(
            "maxFamiliesPerUser ("
                + maxFamiliesPerUser
                + ") must not exceed maxFamilies ("
                + maxFamilies
                + ")");
      }
      return new InMemoryRefreshTokenStore(this);
    }

    private static int check(String name, int value, int min, int max) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(
            name + " must be between " + min + " and " + max + ", was " + value);
      }
      return value;
    }
  }
}
