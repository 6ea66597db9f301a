package dev.jwtsecurity;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many access tokens each spent refresh token has been given inside its grace window, in this
 * instance. Bounded: entries end with their window, and when the map is full of open windows a
 * further replay is refused (fail closed: the honest client refreshes with its new token anyway).
 */
final class GraceReplays {

  static final int MAX_ENTRIES = 100_000;

  private final int limit;
  private final int maxEntries;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  private record Window(Instant end, int used) {}

  GraceReplays(int limit) {
    this(limit, MAX_ENTRIES);
  }

  GraceReplays(int limit, int maxEntries) {
    this.limit = limit;
    this.maxEntries = maxEntries;
  }

  /**
   * Counts one replay of the spent token {@code lookupId}, whose grace window ends at {@code end}.
   *
   * @return {@code true} if it is within the limit
   */
  boolean tryAcquire(String lookupId, Instant end, Instant now) {
    Objects.requireNonNull(lookupId, "lookupId");
    if (!windows.containsKey(lookupId) && windows.size() >= maxEntries) {
      windows.values().removeIf(w -> now.isAfter(w.end()));
      if (windows.size() >= maxEntries) {
        return false;
      }
    }
    boolean[] granted = new boolean[1];
    windows.compute(
        lookupId,
        (k, w) -> {
          if (w == null || now.isAfter(w.end())) {
            granted[0] = true;
            return new Window(end, 1);
          }
          if (w.used() >= limit) {
            return w;
          }
          granted[0] = true;
          return new Window(w.end(), w.used() + 1);
        });
    return granted[0];
  }

  /** Test hook: how many windows are held. */
  int size() {
    return windows.size();
  }
}
