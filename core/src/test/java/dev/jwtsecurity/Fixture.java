package dev.jwtsecurity;

import dev.jwtsecurity.access.AccessTokenDenylist;
import dev.jwtsecurity.access.UserDirectory;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.refresh.RefreshTokenStore;
import dev.jwtsecurity.testing.ManualClock;
import dev.jwtsecurity.token.AccessTokenClaims;
import dev.jwtsecurity.token.AccessTokenIssuer;
import dev.jwtsecurity.token.AccessTokenValidator;
import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.JwtKey;
import dev.jwtsecurity.token.KeyRing;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Shared pieces for the refresh tests: one clock, one key ring, an issuer, a validator, an event
 * recorder, and a builder for the token-pair service behind the facade.
 */
final class Fixture {

  static final byte[] SECRET =
      "k7Qp2vX9mR4tY8wZ1cF6hJ3nB5sD0gL7aE2uI9oP4xV6".getBytes(StandardCharsets.US_ASCII);

  final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T12:00:00Z"));
  final KeyRing ring = KeyRing.of(JwtKey.hmac("k1", Algorithm.HS256, SECRET));
  final AccessTokenIssuer issuer =
      AccessTokenIssuer.builder().keyRing(ring).issuer("https://issuer.test").clock(clock).build();
  final AccessTokenValidator validator =
      AccessTokenValidator.builder()
          .keyRing(ring)
          .issuer("https://issuer.test")
          .clock(clock)
          .build();
  final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
  final SecurityEventListener listener = events::add;
  final RefreshTokenStore store = RefreshTokenStore.inMemory();

  ServiceBuilder service() {
    return new ServiceBuilder();
  }

  /** The facade's authenticator over this fixture's validator, denylist and clock. */
  AccessTokenAuthenticator authenticator(AccessTokenDenylist denylist) {
    return new AccessTokenAuthenticator(validator, null, listener, clock, denylist, null);
  }

  /** The options the facade builder passes to the token-pair service, with its defaults. */
  final class ServiceBuilder {
    private AccessTokenIssuer withIssuer = issuer;
    private SecurityEventListener withEvents = listener;
    private UserDirectory directory;
    private AccessTokenDenylist denylist;
    private Function<String, AccessTokenClaims> claims =
        id -> AccessTokenClaims.forSubject(id).build();
    private Duration idle = RefreshPolicy.DEFAULT_IDLE_TIMEOUT;
    private Duration absolute = RefreshPolicy.DEFAULT_ABSOLUTE_LIFETIME;
    private Duration grace = RefreshPolicy.DEFAULT_REUSE_GRACE;
    private int graceReplays = RefreshPolicy.DEFAULT_GRACE_REPLAYS;
    private UserStatusCache statusCache;

    ServiceBuilder issuer(AccessTokenIssuer i) {
      this.withIssuer = i;
      return this;
    }

    ServiceBuilder events(SecurityEventListener l) {
      this.withEvents = l;
      return this;
    }

    ServiceBuilder userDirectory(UserDirectory d) {
      this.directory = d;
      return this;
    }

    ServiceBuilder denylist(AccessTokenDenylist d) {
      this.denylist = d;
      return this;
    }

    ServiceBuilder claims(Function<String, AccessTokenClaims> c) {
      this.claims = c;
      return this;
    }

    ServiceBuilder idleTimeout(Duration d) {
      this.idle = d;
      return this;
    }

    ServiceBuilder absoluteLifetime(Duration d) {
      this.absolute = d;
      return this;
    }

    ServiceBuilder reuseGraceWindow(Duration d) {
      this.grace = d;
      return this;
    }

    ServiceBuilder graceReplays(int n) {
      this.graceReplays = n;
      return this;
    }

    ServiceBuilder statusCache(UserStatusCache c) {
      this.statusCache = c;
      return this;
    }

    TokenPairService build() {
      RefreshPolicy policy = new RefreshPolicy(idle, absolute, grace, graceReplays);
      policy.requireAtLeast(withIssuer.lifetime());
      return new TokenPairService(
          withIssuer,
          store,
          clock,
          new SecureRandom(),
          withEvents,
          directory,
          denylist != null ? denylist : AccessTokenDenylist.inMemory(1000),
          claims,
          policy,
          statusCache,
          "https://issuer.test",
          withIssuer.lifetime().plusSeconds(30));
    }
  }
}
