package dev.jwtsecurity;

import java.time.Duration;
import java.util.Objects;

/**
 * How long refresh tokens live, and the grace window for an honest replay of the previous one.
 *
 * @param idleTimeout how long a refresh token stays valid unused
 * @param absoluteLifetime how long a family (session) lives after login, however often refreshed
 * @param reuseGrace how long after a rotation a replay of the spent token gets an access token only
 */
record RefreshPolicy(
    Duration idleTimeout, Duration absoluteLifetime, Duration reuseGrace, int graceReplays) {

  static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofDays(7);
  static final Duration DEFAULT_ABSOLUTE_LIFETIME = Duration.ofDays(30);
  static final Duration DEFAULT_REUSE_GRACE = Duration.ofSeconds(5);
  static final Duration MAX_REUSE_GRACE = Duration.ofSeconds(60);
  static final Duration MIN_LIFETIME = Duration.ofMinutes(1);
  static final Duration MAX_IDLE_TIMEOUT = Duration.ofDays(90);
  // An honest race is two tabs or one retried request: a couple of replays. More is a loop or an
  // attacker minting access tokens from a stolen, just-rotated token.
  static final int DEFAULT_GRACE_REPLAYS = 2;
  static final int MAX_GRACE_REPLAYS = 10;
  static final Duration MAX_ABSOLUTE_LIFETIME = Duration.ofDays(365);

  static final RefreshPolicy DEFAULT =
      new RefreshPolicy(DEFAULT_IDLE_TIMEOUT, DEFAULT_ABSOLUTE_LIFETIME, DEFAULT_REUSE_GRACE);

  RefreshPolicy(Duration idleTimeout, Duration absoluteLifetime, Duration reuseGrace) {
    this(idleTimeout, absoluteLifetime, reuseGrace, DEFAULT_GRACE_REPLAYS);
  }

  RefreshPolicy {
    if (graceReplays < 1 || graceReplays > MAX_GRACE_REPLAYS) {
      throw new IllegalArgumentException(
          "refresh grace replays must be between 1 and "
              + MAX_GRACE_REPLAYS
              + ", was "
              + graceReplays);
    }
    check("refresh idle timeout", idleTimeout, MIN_LIFETIME, MAX_IDLE_TIMEOUT);
    check("refresh absolute lifetime", absoluteLifetime, MIN_LIFETIME, MAX_ABSOLUTE_LIFETIME);
    check("refresh reuse grace", reuseGrace, Duration.ZERO, MAX_REUSE_GRACE);
    if (idleTimeout.compareTo(absoluteLifetime) > 0) {
      throw new IllegalArgumentException(
          "the refresh idle timeout ("
              + idleTimeout
              + ") must not exceed the absolute lifetime ("
              + absoluteLifetime
              + ")");
    }
  }

  /** Returns this policy with another grace window, checked. */
  RefreshPolicy withReuseGrace(Duration grace) {
    return new RefreshPolicy(idleTimeout, absoluteLifetime, grace, graceReplays);
  }

  RefreshPolicy withGraceReplays(int replays) {
    return new RefreshPolicy(idleTimeout, absoluteLifetime, reuseGrace, replays);
  }

  /**
   * Refuses an idle timeout shorter than the access-token lifetime: sessions would end before they
   * can be refreshed.
   */
  void requireAtLeast(Duration accessTokenLifetime) {
    if (idleTimeout.compareTo(accessTokenLifetime) < 0) {
      throw new IllegalStateException(
          "the refresh idle timeout ("
              + idleTimeout
              + ") must be at least the access-token lifetime ("
              + accessTokenLifetime
              + "), or sessions end before they can be refreshed");
    }
  }

  private static void check(String name, Duration value, Duration min, Duration max) {
    Objects.requireNonNull(value, name);
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          name + " must be between " + min + " and " + max + ", was " + value);
    }
  }
}
