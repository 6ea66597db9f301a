package dev.jwtsecurity;

import dev.jwtsecurity.access.AccessTokenDenylist;
import dev.jwtsecurity.audit.AuditTrail;
import dev.jwtsecurity.refresh.RefreshTokenStore;
import dev.jwtsecurity.throttle.LoginThrottle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The purge behind {@link JwtSecurity#purgeExpired()}: every store the front door uses, at one
 * instant of its clock.
 */
final class Maintenance {

  private final Clock clock;
  private final RefreshTokenStore refreshTokens;
  private final LoginThrottle throttle;
  private final AccessTokenDenylist denylist;
  private final AuditTrail auditTrail;
  private final Duration auditRetention;

  /**
   * @param auditTrail {@code null} without a trail, then {@code auditRetention} is unused
   */
  Maintenance(
      Clock clock,
      RefreshTokenStore refreshTokens,
      LoginThrottle throttle,
      AccessTokenDenylist denylist,
      AuditTrail auditTrail,
      Duration auditRetention) {
    this.clock = clock;
    this.refreshTokens = refreshTokens;
    this.throttle = throttle;
    this.denylist = denylist;
    this.auditTrail = auditTrail;
    this.auditRetention = auditRetention;
  }

  long purgeExpired() {
    Instant now = clock.instant();
    long purged = refreshTokens.purgeExpired(now);
    purged += throttle.purgeExpired();
    purged += denylist.purgeExpired(now);
    if (auditTrail != null) {
      // Strictly older than the retention: a record exactly that old is kept until the next purge.
      purged += auditTrail.purgeOlderThan(now.minus(auditRetention));
    }
    return purged;
  }
}
