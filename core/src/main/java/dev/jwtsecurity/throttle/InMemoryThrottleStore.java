package dev.jwtsecurity.throttle;

import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded, thread-safe {@link ThrottleStore} of {@link ThrottleStore#inMemory}.
 *
 * <h2>Eviction (how memory stays bounded)</h2>
 *
 * <p>The store holds at most {@code maxEntries} keys. When a new key arrives and the store is full,
 * one entry is forgotten, chosen in this order:
 *
 * <ol>
 *   <li>the least-recently-failed entry that is not locked and has never been locked (a flood of
 *       one-off failures from fresh addresses or names only ever recycles these);
 *   <li>then the least-recently-failed entry that is not locked but remembers earlier lockouts
 *       (forgetting it only resets its exponential growth);
 *   <li>only when every entry is locked, the one whose lockout ends first.
 * </ol>
 *
 * <p>So a flood of distinct keys can never unlock a locked account or address: to evict one, an
 * attacker would first have to lock {@code maxEntries} other keys, each costing a full failure
 * budget of password verifications, and the evicted lock would be the one closest to ending anyway.
 * Expired entries are dropped when touched and by {@link #purgeExpired}.
 *
 * <h2>Security considerations</h2>
 *
 * <p>Memory per entry is about 200 bytes plus the key text (at most {@link
 * ThrottleKey#MAX_ID_LENGTH} chars); at the default 100,000 entries that is typically under 30 MiB
 * and at most about 90 MiB. Counters are lost on restart; use a shared store when several instances
 * serve logins, or an attacker gets one budget per instance.
 */
final class InMemoryThrottleStore implements ThrottleStore {

  /** The default capacity. */
  static final int DEFAULT_MAX_ENTRIES = 100_000;

  private static final class Node {
    final ThrottleKey key;
    ThrottleState state;

    Node(ThrottleKey key, ThrottleState state) {
      this.key = key;
      this.state = state;
    }
  }

  private record LockRef(Instant lockedUntil, long seq, String id) {}

  private final int maxEntries;
  private final ReentrantLock lock = new ReentrantLock();
  // Insertion order = least-recently-failed first, because every failure re-inserts its node at the
  // tail.
  private final LinkedHashMap<String, Node> fresh = new LinkedHashMap<>();
  private final LinkedHashMap<String, Node> escalated = new LinkedHashMap<>();
  private final LinkedHashMap<String, Node> locked = new LinkedHashMap<>();
  private final PriorityQueue<LockRef> lockEnds =
      new PriorityQueue<>(
          Comparator.comparing(LockRef::lockedUntil).thenComparingLong(LockRef::seq));
  private long seq;

  /** Creates a store with {@value #DEFAULT_MAX_ENTRIES} entries at most. */
  InMemoryThrottleStore() {
    this(DEFAULT_MAX_ENTRIES);
  }

  /**
   * Creates a store.
   *
   * @param maxEntries the most keys held at once, at least 16
   * @throws IllegalArgumentException if {@code maxEntries} is below 16
   */
  InMemoryThrottleStore(int maxEntries) {
    if (maxEntries < 16) {
      throw new IllegalArgumentException("maxEntries must be at least 16, was " + maxEntries);
    }
    this.maxEntries = maxEntries;
  }

  @Override
  public Optional<ThrottleState> get(ThrottleKey key, Instant now) {
    lock.lock();
    try {
      releaseEndedLocks(now);
      Node node = find(key.id());
      if (node == null) {
        return Optional.empty();
      }
      if (node.state.isExpiredAt(now)) {
        remove(key.id());
        return Optional.empty();
      }
      return Optional.of(node.state);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public ThrottleState recordFailure(ThrottleKey key, ThrottlePolicy policy, Instant now) {
    lock.lock();
    try {
      releaseEndedLocks(now);
      String id = key.id();
      Node node = remove(id);
      Instant previousLockEnd = node == null ? null : node.state.lockedUntil();
      if (node == null) {
        if (size() >= maxEntries) {
          evictOne();
        }
        node = new Node(key, ThrottleState.initial(now));
      }
      node.state = node.state.afterFailure(policy, now);
      place(node, now, previousLockEnd);
      return node.state;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void reset(ThrottleKey key) {
    lock.lock();
    try {
      remove(key.id());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int purgeExpired(Instant now) {
    lock.lock();
    try {
      releaseEndedLocks(now);
      int removed = purge(fresh, now) + purge(escalated, now) + purge(locked, now);
      compactLockEnds();
      return removed;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the number of keys held.
   *
   * @return at most the capacity given at construction
   */
  int size() {
    lock.lock();
    try {
      return fresh.size() + escalated.size() + locked.size();
    } finally {
      lock.unlock();
    }
  }

  private static int purge(Map<String, Node> map, Instant now) {
    int removed = 0;
    for (Iterator<Node> it = map.values().iterator(); it.hasNext(); ) {
      if (it.next().state.isExpiredAt(now)) {
        it.remove();
        removed++;
      }
    }
    return removed;
  }

  private Node find(String id) {
    Node n = fresh.get(id);
    if (n == null) {
      n = escalated.get(id);
    }
    if (n == null) {
      n = locked.get(id);
    }
    return n;
  }

  private Node remove(String id) {
    Node n = fresh.remove(id);
    if (n == null) {
      n = escalated.remove(id);
    }
    if (n == null) {
      n = locked.remove(id);
    }
    return n;
  }

  private void place(Node node, Instant now, Instant previousLockEnd) {
    String id = node.key.id();
    if (node.state.isLockedAt(now)) {
      locked.put(id, node);
      if (!node.state.lockedUntil().equals(previousLockEnd)) {
        // A failure while locked keeps the lock end: its queue entry is still valid.
        lockEnds.add(new LockRef(node.state.lockedUntil(), seq++, id));
      }
      if (lockEnds.size() > 2 * locked.size() + 64) {
        compactLockEnds();
      }
    } else if (node.state.lockouts() > 0) {
      escalated.put(id, node);
    } else {
      fresh.put(id, node);
    }
  }

  /** Moves entries whose lockout has ended from the locked tier to the escalated tier. */
  private void releaseEndedLocks(Instant now) {
    while (!lockEnds.isEmpty() && !now.isBefore(lockEnds.peek().lockedUntil())) {
      LockRef ref = lockEnds.poll();
      Node node = locked.get(ref.id());
      if (node != null && node.state.lockedUntil().equals(ref.lockedUntil())) {
        locked.remove(ref.id());
        escalated.put(ref.id(), node);
      }
    }
  }

  private void evictOne() {
    if (removeEldest(fresh) || removeEldest(escalated)) {
      return;
    }
    // Every entry is locked: forget the lockout that ends first.
    while (!lockEnds.isEmpty()) {
      LockRef ref = lockEnds.poll();
      Node node = locked.get(ref.id());
      if (node != null && node.state.lockedUntil().equals(ref.lockedUntil())) {
        locked.remove(ref.id());
        return;
      }
    }
    removeEldest(locked); // unreachable while lockEnds covers every locked entry
  }

  private static boolean removeEldest(Map<String, Node> map) {
    Iterator<Node> it = map.values().iterator();
    if (!it.hasNext()) {
      return false;
    }
    it.next();
    it.remove();
    return true;
  }

  private void compactLockEnds() {
    lockEnds.removeIf(
        ref -> {
          Node node = locked.get(ref.id());
          return node == null || !node.state.lockedUntil().equals(ref.lockedUntil());
        });
  }
}
