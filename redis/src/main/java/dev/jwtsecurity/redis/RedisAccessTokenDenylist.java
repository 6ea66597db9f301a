package dev.jwtsecurity.redis;

import dev.jwtsecurity.access.AccessTokenDenylist;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * {@link AccessTokenDenylist} on Redis: one string per ({@code iss}, {@code jti}) holding the
 * instant after which the entry no longer matters ({@code exp} plus {@link
 * AccessTokenDenylist#RETENTION_AFTER_EXPIRY}), and expiring then. {@link #deny} turns that instant
 * into a time-to-live with the stores' clock, since the SPI gives it no current time.
 */
final class RedisAccessTokenDenylist implements AccessTokenDenylist {

  static final String NAME = "access-token denylist";

  private final Redis redis;
  private final Keys keys;
  private final Clock clock;

  RedisAccessTokenDenylist(Redis redis, Keys keys, Clock clock) {
    this.redis = redis;
    this.keys = keys;
    this.clock = clock;
  }

  @Override
  public void deny(String issuer, String tokenId, Instant expiresAt) {
    Objects.requireNonNull(issuer, "issuer (use \"\" for a token without iss)");
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Instant dropAfter = expiresAt.plus(RETENTION_AFTER_EXPIRY);
    long ttl = Text.millisUntil(clock.instant(), dropAfter);
    if (ttl == 0) {
      return; // past its retention already: the validator refuses the token as expired
    }
    redis.evalLong(
        NAME,
        Script.DENY,
        new String[] {keys.denied(issuer, tokenId)},
        Text.instant(dropAfter),
        Long.toString(ttl));
  }

  @Override
  public boolean isDenied(String issuer, String tokenId, Instant now) {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(now, "now");
    String raw = redis.call(NAME, c -> c.get(keys.denied(issuer, tokenId)));
    return raw != null && !now.isAfter(decode(raw));
  }

  /**
   * Deletes entries past their retention at {@code now} by the caller's clock. Redis already
   * expires every entry by itself: this catches up when the application's clock runs ahead of the
   * TTLs, at the cost of a {@code SCAN} over the entries.
   */
  @Override
  public int purgeExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    int[] purged = {0};
    redis.scan(
        NAME,
        keys.deniedPattern(),
        batch -> {
          for (String key : batch) {
            String raw = redis.call(NAME, c -> c.get(key));
            if (raw != null
                && now.isAfter(decode(raw))
                && redis.deleteIfUnchanged(NAME, key, raw)) {
              purged[0]++;
            }
          }
        });
    return purged[0];
  }

  private static Instant decode(String raw) {
    return Redis.decode(NAME, "denylist entry", Text::instant, raw);
  }
}
