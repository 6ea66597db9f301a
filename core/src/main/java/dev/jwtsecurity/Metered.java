package dev.jwtsecurity;

import dev.jwtsecurity.access.AccessTokenDenylist;
import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.access.TokenAuthenticator;
import dev.jwtsecurity.audit.AuditQuery;
import dev.jwtsecurity.audit.AuditRecord;
import dev.jwtsecurity.audit.AuditTrail;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.metrics.SecurityMetrics;
import dev.jwtsecurity.metrics.SecurityMetrics.StoreOperation;
import dev.jwtsecurity.refresh.RefreshTokenFamily;
import dev.jwtsecurity.refresh.RefreshTokenRecord;
import dev.jwtsecurity.refresh.RefreshTokenStore;
import dev.jwtsecurity.refresh.RevocationReason;
import dev.jwtsecurity.refresh.RotationResult;
import dev.jwtsecurity.refresh.StoredRefreshToken;
import dev.jwtsecurity.throttle.ThrottleKey;
import dev.jwtsecurity.throttle.ThrottlePolicy;
import dev.jwtsecurity.throttle.ThrottleState;
import dev.jwtsecurity.throttle.ThrottleStore;
import dev.jwtsecurity.token.InvalidTokenException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The measuring wrappers the front door puts around its authenticator and stores when {@link
 * JwtSecurity.Builder#metrics} is set, and only then: without metrics nothing is wrapped, so the
 * request path is exactly what it is without this class.
 *
 * <p>A metrics implementation that throws loses its measurement and nothing else: the outcome of
 * the measured call (its result or its exception) is what the caller gets.
 */
final class Metered {

  private Metered() {}

  /** Times every authentication, accepted or refused. */
  static TokenAuthenticator authenticator(TokenAuthenticator delegate, SecurityMetrics metrics) {
    return new TokenAuthenticator() {
      @Override
      public Authentication authenticate(CharSequence token, RequestContext request)
          throws InvalidTokenException {
        long start = now(metrics);
        boolean accepted = false;
        try {
          Authentication a = delegate.authenticate(token, request);
          accepted = true;
          return a;
        } finally {
          recordValidation(metrics, accepted, start);
        }
      }

      @Override
      public String toString() {
        return delegate.toString();
      }
    };
  }

  /** Passes every event to {@link SecurityMetrics#securityEvent}. */
  static SecurityEventListener events(SecurityMetrics metrics) {
    return new SecurityEventListener() {
      @Override
      public void onEvent(SecurityEvent event) {
        metrics.securityEvent(event);
      }

      @Override
      public String toString() {
        return "metrics";
      }
    };
  }

  private static long now(SecurityMetrics metrics) {
    try {
      return metrics.monotonicNanos();
    } catch (RuntimeException e) {
      return 0; // the measurement is lost, the call goes on
    }
  }

  private static void recordValidation(SecurityMetrics metrics, boolean accepted, long start) {
    try {
      metrics.tokenValidation(accepted, metrics.monotonicNanos() - start);
    } catch (RuntimeException ignored) {
      // A broken metrics backend must neither accept nor refuse a token.
    }
  }

  private static void record(
      SecurityMetrics metrics, StoreOperation op, boolean succeeded, long start) {
    try {
      metrics.storeOperation(op, succeeded, metrics.monotonicNanos() - start);
    } catch (RuntimeException ignored) {
      // A broken metrics backend must not change what the store answered.
    }
  }

  static RefreshTokenStore refreshTokens(RefreshTokenStore delegate, SecurityMetrics m) {
    return new RefreshTokenStore() {
      @Override
      public void create(RefreshTokenFamily family, RefreshTokenRecord first) {
        long start = now(m);
        boolean ok = false;
        try {
          delegate.create(family, first);
          ok = true;
        } finally {
          record(m, StoreOperation.REFRESH_CREATE, ok, start);
        }
      }

      @Override
      public Optional<StoredRefreshToken> findByLookupId(String lookupId) {
        long start = now(m);
        boolean ok = false;
        try {
          Optional<StoredRefreshToken> r = delegate.findByLookupId(lookupId);
          ok = true;
          return r;
        } finally {
          record(m, StoreOperation.REFRESH_FIND, ok, start);
        }
      }

      @Override
      public RotationResult rotate(String lookupId, RefreshTokenRecord successor, Instant now) {
        long start = now(m);
        boolean ok = false;
        try {
          RotationResult r = delegate.rotate(lookupId, successor, now);
          ok = true;
          return r;
        } finally {
          record(m, StoreOperation.REFRESH_ROTATE, ok, start);
        }
      }

      @Override
      public boolean revokeFamily(String familyId, RevocationReason reason, Instant now) {
        long start = now(m);
        boolean ok = false;
        try {
          boolean r = delegate.revokeFamily(familyId, reason, now);
          ok = true;
          return r;
        } finally {
          record(m, StoreOperation.REFRESH_REVOKE_FAMILY, ok, start);
        }
      }

      @Override
      public int revokeAllForUser(String userId, RevocationReason reason, Instant now) {
        long start = now(m);
        boolean ok = false;
        try {
          int r = delegate.revokeAllForUser(userId, reason, now);
          ok = true;
          return r;
        } finally {
          record(m, StoreOperation.REFRESH_REVOKE_USER, ok, start);
        }
      }

      @Override
      public int purgeExpired(Instant now) {
        long start = now(m);
        boolean ok = false;
        try {
          int r = delegate.purgeExpired(now);
          ok = true;
          return r;
        } finally {
          record(m, StoreOperation.REFRESH_PURGE, ok, start);
        }
      }

      @Override
      public String toString() {
        return delegate.toString();
      }
    };
  }

  static ThrottleStore throttle(ThrottleStore delegate, SecurityMetrics m) {
    return new ThrottleStore() {
      @Override
      public Optional<ThrottleState> get(ThrottleKey key, Instant now) {
        long start = now(m);
        boolean ok = false;
        try {
          Optional<ThrottleState> r = delegate.get(key, now);
          ok = true;
          return r;
        } finally {
          record(m, StoreOperation.THROTTLE_GET, ok, start);
        }
      }

      @Override
      public ThrottleState recordFailure(ThrottleKey key, ThrottlePolicy policy, Instant now) {
        long start = now(m);
        boolean ok = false;
        try {
          ThrottleState r = delegate.recordFailure(key, policy, now);
          ok = true;
          return r;
        } finally {
          record(m, StoreOperation.THROTTLE_RECORD_FAILURE, ok, start);
        }
      }

      @Override
      public void reset(ThrottleKey key) {
        long start = now(m);
        boolean ok = false;
        try {
          delegate.reset(key);
          ok = true;
        } finally {
          record(m, StoreOperation.THROTTLE_RESET, ok, start);
        }
      }

      @Override
      public int purgeExpired(Instant now) {
        long start = now(m);
        boolean ok = false;
        try {
          int r = delegate.purgeExpired(now);
          ok = true;
          return r;
        } finally {
          record(m, StoreOperation.THROTTLE_PURGE, ok, start);
        }
      }

      @Override
      public String toString() {
        return delegate.toString();
      }
    };
  }

  static AccessTokenDenylist denylist(AccessTokenDenylist delegate, SecurityMetrics m) {
    return new AccessTokenDenylist() {
      @Override
      public void deny(String issuer, String tokenId, Instant expiresAt) {
        long start = now(m);
        boolean ok = false;
        try {
          delegate.deny(issuer, tokenId, expiresAt);
          ok = true;
        } finally {
          record(m, StoreOperation.DENYLIST_DENY, ok, start);
        }
      }

      @Override
      public boolean isDenied(String issuer, String tokenId, Instant now) {
        long start = now(m);
        boolean ok = false;
        try {
          boolean r = delegate.isDenied(issuer, tokenId, now);
          ok = true;
          return r;
        } finally {
          record(m, StoreOperation.DENYLIST_CHECK, ok, start);
        }
      }

      @Override
      public int purgeExpired(Instant now) {
        long start = now(m);
        boolean ok = false;
        try {
          int r = delegate.purgeExpired(now);
          ok = true;
          return r;
        } finally {
          record(m, StoreOperation.DENYLIST_PURGE, ok, start);
        }
      }

      @Override
      public String toString() {
        return delegate.toString();
      }
    };
  }

  static AuditTrail auditTrail(AuditTrail delegate, SecurityMetrics m) {
    return new AuditTrail() {
      @Override
      public void append(AuditRecord record) {
        long start = now(m);
        boolean ok = false;
        try {
          delegate.append(record);
          ok = true;
        } finally {
          record(m, StoreOperation.AUDIT_APPEND, ok, start);
        }
      }

      @Override
      public List<AuditRecord> query(AuditQuery query) {
        long start = now(m);
        boolean ok = false;
        try {
          List<AuditRecord> r = delegate.query(query);
          ok = true;
          return r;
        } finally {
          record(m, StoreOperation.AUDIT_QUERY, ok, start);
        }
      }

      @Override
      public List<AuditRecord> query(String userId, Instant from, Instant to, int limit) {
        long start = now(m);
        boolean ok = false;
        try {
          List<AuditRecord> r = delegate.query(userId, from, to, limit);
          ok = true;
          return r;
        } finally {
          record(m, StoreOperation.AUDIT_QUERY, ok, start);
        }
      }

      @Override
      public long purgeOlderThan(Instant cutoff) {
        long start = now(m);
        boolean ok = false;
        try {
          long r = delegate.purgeOlderThan(cutoff);
          ok = true;
          return r;
        } finally {
          record(m, StoreOperation.AUDIT_PURGE, ok, start);
        }
      }

      @Override
      public String toString() {
        return delegate.toString();
      }
    };
  }
}
