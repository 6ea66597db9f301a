package dev.jwtsecurity;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-key sliding-window detector behind {@link FailureMonitor}: "at least {@code threshold}
 * events" (counting mode) or "at least {@code threshold} distinct values" (distinct mode) within
 * {@code window}, with one alert per key per window.
 *
 * <p>An event at time {@code t} is inside the window at {@code now} when {@code now - t < window}.
 * Memory is bounded: at most {@code maxKeys} keys (least recently used evicted first), and per key
 * at most {@code threshold} timestamps or distinct values: keeping only the {@code threshold} most
 * recent is exact for an "at least {@code threshold}" test. Thread-safe (one lock per detector).
 */
final class WindowCounter {

  private final int threshold;
  private final Duration window;
  private final int maxKeys;
  private final boolean distinct;
  private final Map<String, KeyState> keys;
  private long evictedKeys;

  WindowCounter(int threshold, Duration window, int maxKeys, boolean distinct) {
    this.threshold = threshold;
    this.window = window;
    this.maxKeys = maxKeys;
    this.distinct = distinct;
    this.keys = new LinkedHashMap<>(16, 0.75f, true);
  }

  int threshold() {
    return threshold;
  }

  Duration window() {
    return window;
  }

  /**
   * Records one event for {@code key} (with {@code value} in distinct mode) at {@code now}.
   *
   * @return {@code true} if the threshold is reached within the window and no alert was raised for
   *     this key within the window before
   */
  synchronized boolean record(String key, String value, Instant now) {
    KeyState state = keys.get(key);
    if (state == null) {
      if (keys.size() == maxKeys) {
        Iterator<String> eldest = keys.keySet().iterator();
        eldest.next();
        eldest.remove();
        evictedKeys++;
      }
      state = distinct ? new DistinctState(threshold) : new CountState(threshold);
      keys.put(key, state);
    }
    Instant windowStart = now.minus(window);
    if (!state.add(value, now, windowStart)) {
      return false;
    }
    if (state.lastAlert != null && state.lastAlert.isAfter(windowStart)) {
      return false; // one alert per key per window
    }
    state.lastAlert = now;
    return true;
  }

  synchronized int trackedKeys() {
    return keys.size();
  }

  synchronized int trackedEntries() {
    int n = 0;
    for (KeyState s : keys.values()) {
      n += s.size();
    }
    return n;
  }

  synchronized long evictedKeys() {
    return evictedKeys;
  }

  private abstract static class KeyState {
    Instant lastAlert;

    /**
     * Adds an observation; returns whether the threshold is reached inside {@code (windowStart,
     * now]}.
     */
    abstract boolean add(String value, Instant now, Instant windowStart);

    abstract int size();
  }

  /** The last {@code threshold} event times, in a ring. */
  private static final class CountState extends KeyState {
    private final Instant[] ring;
    private int next;
    private int filled;

    CountState(int threshold) {
      ring = new Instant[threshold];
    }

    @Override
    boolean add(String value, Instant now, Instant windowStart) {
      ring[next] = now;
      next = (next + 1) % ring.length;
      if (filled < ring.length) {
        filled++;
      }
      // The oldest of the last `threshold` events sits where the next write goes.
      return filled == ring.length && ring[next].isAfter(windowStart);
    }

    @Override
    int size() {
      return filled;
    }
  }

  /** The {@code threshold} most recently seen distinct values, least recently seen first. */
  private static final class DistinctState extends KeyState {
    private final int threshold;
    private final LinkedHashMap<String, Instant> lastSeen = new LinkedHashMap<>();

    DistinctState(int threshold) {
      this.threshold = threshold;
    }

    @Override
    boolean add(String value, Instant now, Instant windowStart) {
      lastSeen.remove(value);
      lastSeen.put(value, now);
      if (lastSeen.size() > threshold) {
        Iterator<String> eldest = lastSeen.keySet().iterator();
        eldest.next();
        eldest.remove();
      }
      if (lastSeen.size() < threshold) {
        return false;
      }
      return lastSeen.values().iterator().next().isAfter(windowStart);
    }

    @Override
    int size() {
      return lastSeen.size();
    }
  }
}
