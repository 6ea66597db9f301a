package dev.jwtsecurity.access;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory {@link AccessTokenDenylist}: a map from ({@code iss}, {@code jti}) to the instant
 * the entry may be dropped. Bounded: expired entries are purged when the map is full, and if it is
 * still full {@link #deny} throws rather than forget a revocation (dropping a live entry would
 * silently bring a revoked token back). "Expired" is judged by the latest time the list was asked
 * about ({@link #isDenied} and {@link #purgeExpired} carry the caller's clock), so it needs no
 * clock of its own and can never disagree with the authenticator's.
 */
final class InMemoryAccessTokenDenylist implements AccessTokenDenylist {

  static final int DEFAULT_MAX_ENTRIES = 100_000;
  private static final int MAX_MAX_ENTRIES = 10_000_000;

  private final int maxEntries;
  // The latest "now" a caller has passed in: never ahead of the callers' clock, so purging with it
  // never drops an entry a caller still needs.
  private volatile Instant lastSeen = Instant.MIN;
  // Reads (every request) are lock-free; writes take the lock so that the capacity check and the
  // insert are one step.
  private final Map<Key, Instant> entries = new ConcurrentHashMap<>();
  private final Object writeLock = new Object();

  private record Key(String issuer, String tokenId) {}

  InMemoryAccessTokenDenylist(int maxEntries) {
    if (maxEntries < 1 || maxEntries > MAX_MAX_ENTRIES) {
      throw new IllegalArgumentException(
          "maxEntries must be between 1 and " + MAX_MAX_ENTRIES + ", was " + maxEntries);
    }
    this.maxEntries = maxEntries;
  }

  @Override
  public void deny(String issuer, String tokenId, Instant expiresAt) {
    Objects.requireNonNull(issuer, "issuer (use \"\" for a token without iss)");
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Key key = new Key(issuer, tokenId);
    Instant dropAfter = expiresAt.plus(RETENTION_AFTER_EXPIRY);
    synchronized (writeLock) {
      if (!entries.containsKey(key) && entries.size() >= maxEntries) {
        purgeLocked(lastSeen);
        if (entries.size() >= maxEntries) {
          throw new IllegalStateException(
              "access-token denylist is full ("
                  + maxEntries
                  + " unexpired entries): raise its capacity with AccessTokenDenylist.inMemory(maxEntries), "
                  + "shorten access-token lifetimes, or use a shared persistent denylist");
        }
      }
      entries.merge(key, dropAfter, (a, b) -> a.isAfter(b) ? a : b);
    }
  }

  @Override
  public boolean isDenied(String issuer, String tokenId, Instant now) {
    see(now);
    // Asked on every request, and usually empty: no key object then.
    if (entries.isEmpty()) {
      return false;
    }
    Instant dropAfter = entries.get(new Key(issuer, tokenId));
    return dropAfter != null && !now.isAfter(dropAfter);
  }

  @Override
  public int purgeExpired(Instant now) {
    see(now);
    synchronized (writeLock) {
      return purgeLocked(now);
    }
  }

  private void see(Instant now) {
    // A racy max is enough: a lost update only makes a later purge keep a little more.
    if (now.isAfter(lastSeen)) {
      lastSeen = now;
    }
  }

  private int purgeLocked(Instant now) {
    int removed = 0;
    for (Iterator<Instant> it = entries.values().iterator(); it.hasNext(); ) {
      if (now.isAfter(it.next())) {
        it.remove();
        removed++;
      }
    }
    return removed;
  }

  /** Test hook: how many entries are held. */
  int size() {
    return entries.size();
  }
}
