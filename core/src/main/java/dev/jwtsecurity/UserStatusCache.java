package dev.jwtsecurity;

import dev.jwtsecurity.access.UserDirectory;
import dev.jwtsecurity.access.UserDirectory.UserStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A short-lived, bounded cache in front of a {@link UserDirectory}, so that checking the user on
 * every request does not read the database every time. Entries live {@code ttl} (zero: no caching,
 * ask every time). When full, expired entries are dropped first, then arbitrary ones: an evicted
 * user is simply asked again. Failures of the directory propagate and are never cached. Concurrent
 * misses for the same user may each ask the directory; that is harmless.
 */
final class UserStatusCache {

  private final UserDirectory directory;
  private final Duration ttl;
  private final int maxEntries;
  private final Clock clock;
  private final ConcurrentHashMap<String, Entry> entries;

  private record Entry(UserStatus status, Instant expiresAt) {}

  UserStatusCache(UserDirectory directory, Duration ttl, int maxEntries, Clock clock) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.maxEntries = maxEntries;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.entries = new ConcurrentHashMap<>();
  }

  UserStatus status(String userId) {
    if (ttl.isZero()) {
      return ask(userId);
    }
    Instant now = clock.instant();
    Entry e = entries.get(userId);
    if (e != null && now.isBefore(e.expiresAt())) {
      return e.status();
    }
    UserStatus status = ask(userId);
    if (e == null && entries.size() >= maxEntries) {
      evict(now);
    }
    entries.put(userId, new Entry(status, now.plus(ttl)));
    return status;
  }

  /** Drops what this instance holds about {@code userId}: its status just changed here. */
  void forget(String userId) {
    entries.remove(userId);
  }

  private UserStatus ask(String userId) {
    UserStatus status = directory.status(userId);
    if (status == null) {
      throw new IllegalStateException(
          "UserDirectory.status must not return null; return UserStatus.notFound()");
    }
    return status;
  }

  private void evict(Instant now) {
    entries.values().removeIf(e -> !now.isBefore(e.expiresAt()));
    // Still full of live entries: drop about a tenth, whichever come first, to make room without
    // evicting on every miss.
    int target = maxEntries - Math.max(1, maxEntries / 10);
    for (Iterator<String> it = entries.keySet().iterator();
        it.hasNext() && entries.size() > target; ) {
      it.next();
      it.remove();
    }
  }

  /** Test hook: how many entries are held. */
  int size() {
    return entries.size();
  }
}
