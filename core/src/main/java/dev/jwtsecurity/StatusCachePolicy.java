package dev.jwtsecurity;

import java.time.Duration;
import java.util.Objects;

/**
 * How long, and for how many users, the user directory's answers are cached.
 *
 * @param ttl how long an answer is reused: the longest a deleted user, disabled user or changed
 *     password can go unnoticed; zero asks on every request
 * @param maxUsers how many users' answers are held at most
 */
record StatusCachePolicy(Duration ttl, int maxUsers) {

  static final Duration MAX_TTL = Duration.ofMinutes(5);
  static final int MAX_USERS = 10_000_000;
  static final StatusCachePolicy DEFAULT = new StatusCachePolicy(Duration.ofSeconds(30), 10_000);

  StatusCachePolicy {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException(
          "the user status cache TTL must be between 0 and 300 seconds, was " + ttl);
    }
    if (maxUsers < 1 || maxUsers > MAX_USERS) {
      throw new IllegalArgumentException(
          "the user status cache size must be between 1 and " + MAX_USERS + ", was " + maxUsers);
    }
  }
}
