package dev.jwtsecurity.refresh;

import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.testing.ManualClock;
import dev.jwtsecurity.token.AccessTokenIssuer;
import dev.jwtsecurity.token.AccessTokenValidator;
import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.JwtKey;
import dev.jwtsecurity.token.KeyRing;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Shared pieces for the refresh tests: one clock, one key ring, an issuer, a validator and an event
 * recorder.
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
  final InMemoryRefreshTokenStore store = InMemoryRefreshTokenStore.builder().build();

  TokenPairService.Builder service() {
    return TokenPairService.builder()
        .issuer(issuer)
        .store(store)
        .clock(clock)
        .random(new SecureRandom())
        .events(listener);
  }
}
