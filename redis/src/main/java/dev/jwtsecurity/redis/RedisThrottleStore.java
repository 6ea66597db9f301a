package dev.jwtsecurity.redis;

import dev.jwtsecurity.StoreUnavailableException;
import dev.jwtsecurity.throttle.ThrottleKey;
import dev.jwtsecurity.throttle.ThrottlePolicy;
import dev.jwtsecurity.throttle.ThrottleState;
import dev.jwtsecurity.throttle.ThrottleStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link ThrottleStore} on Redis: one string per {@link ThrottleKey#id()}, expiring with the
 * state's {@link ThrottleState#expiresAt()}.
 *
 * <p>{@link #recordFailure} applies the core's {@link ThrottleState#afterFailure} in Java, like
 * every other store, and writes the result with a compare-and-set script that succeeds only if the
 * value is still the one it read; on a conflict it starts again from the value the script returned.
 * Every concurrent failure, from any instance, is counted exactly once.
 *
 * <p>Within one instance, failures on the same key (an attack on one account or from one address
 * comes as many at once) wait for each other on a striped lock, so the compare-and-set only races
 * other instances: a few attempts at most instead of a retry storm that grows with the square of
 * the concurrency.
 */
final class RedisThrottleStore implements ThrottleStore {

  static final String NAME = "throttle store";

  /**
   * Compare-and-set attempts before giving up. A failed attempt means another one succeeded, so the
   * key makes progress; this bounds how long one caller can lose (each attempt is also bounded by
   * the command timeout).
   */
  static final int MAX_ATTEMPTS = 256;

  /** The longest pause between two attempts. */
  static final long MAX_BACKOFF_NANOS = 2_000_000;

  /** How long a failure waits for the others on its key in this instance before failing closed. */
  static final long MAX_LOCK_WAIT_MILLIS = 5_000;

  private static final int STRIPES = 64;

  private final Redis redis;
  private final Keys keys;
  private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

  RedisThrottleStore(Redis redis, Keys keys) {
    this.redis = redis;
    this.keys = keys;
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new ReentrantLock(true);
    }
  }

  @Override
  public Optional<ThrottleState> get(ThrottleKey key, Instant now) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(now, "now");
    String raw = redis.call(NAME, c -> c.get(keys.throttle(key.id())));
    if (raw == null) {
      return Optional.empty();
    }
    ThrottleState s = decode(raw);
    return s.isExpiredAt(now) ? Optional.empty() : Optional.of(s);
  }

  @Override
  public ThrottleState recordFailure(ThrottleKey key, ThrottlePolicy policy, Instant now) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(now, "now");
    String k = keys.throttle(key.id());
    ReentrantLock lock = stripes[Math.floorMod(k.hashCode(), STRIPES)];
    try {
      if (!lock.tryLock(MAX_LOCK_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
        throw new StoreUnavailableException(
            NAME + ": too many concurrent failures on one key; failure not recorded", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException(NAME + ": interrupted; failure not recorded", e);
    }
    try {
      return compareAndSet(k, policy, now);
    } finally {
      lock.unlock();
    }
  }

  private ThrottleState compareAndSet(String k, ThrottlePolicy policy, Instant now) {
    String raw = redis.call(NAME, c -> c.get(k));
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      ThrottleState next =
          (raw == null ? ThrottleState.initial(now) : decode(raw)).afterFailure(policy, now);
      long ttl = Math.max(1, Text.millisUntil(now, next.expiresAt()));
      List<Object> r =
          redis.eval(
              NAME,
              Script.COMPARE_AND_SET,
              new String[] {k},
              raw == null ? "0" : "1",
              raw == null ? "" : raw,
              encode(next),
              Long.toString(ttl));
      if (Long.valueOf(1).equals(r.get(0))) {
        return next;
      }
      raw = r.size() > 1 ? (String) r.get(1) : null;
      if (attempt > 1) {
        // Many failures on one key at once: exponential backoff with full jitter, so that no
        // caller is favoured and the attempts spread out.
        long cap = Math.min(MAX_BACKOFF_NANOS, 10_000L << Math.min(attempt, 20));
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(cap));
      }
    }
    throw new StoreUnavailableException(
        NAME + ": too many concurrent updates of one key; failure not recorded", null);
  }

  @Override
  public void reset(ThrottleKey key) {
    Objects.requireNonNull(key, "key");
    redis.call(NAME, c -> c.del(keys.throttle(key.id())));
  }

  /**
   * Deletes states expired at {@code now} by the caller's clock. Redis already expires every state
   * by itself (its TTL is set to the same instant): this catches up when the application's clock
   * runs ahead of the TTLs, at the cost of a {@code SCAN} over the states.
   */
  @Override
  public int purgeExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    int[] purged = {0};
    redis.scan(
        NAME,
        keys.throttlePattern(),
        batch -> {
          for (String key : batch) {
            String raw = redis.call(NAME, c -> c.get(key));
            if (raw != null
                && decode(raw).isExpiredAt(now)
                && redis.deleteIfUnchanged(NAME, key, raw)) {
              purged[0]++;
            }
          }
        });
    return purged[0];
  }

  static String encode(ThrottleState s) {
    return s.failures()
        + ":"
        + Text.instant(s.windowStart())
        + ":"
        + s.lockouts()
        + ":"
        + Text.instant(s.lockedUntil())
        + ":"
        + Text.instant(s.lastFailure())
        + ":"
        + Text.instant(s.expiresAt());
  }

  private static ThrottleState decode(String raw) {
    return Redis.decode(
        NAME,
        "throttle state",
        text -> {
          String[] p = text.split(":", -1);
          if (p.length != 6) {
            throw new IllegalArgumentException("fields");
          }
          return new ThrottleState(
              Integer.parseInt(p[0]),
              Text.instant(p[1]),
              Integer.parseInt(p[2]),
              Text.instant(p[3]),
              Text.instant(p[4]),
              Text.instant(p[5]));
        },
        raw);
  }
}
