package dev.jwtsecurity.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

/**
 * Many threads validate while the key ring rotates to new keys and retires old ones. A key is
 * retired only once no validator thread may still hold a token it signed (a hazard-pointer
 * handshake), so every refusal would be a false rejection of a token that is still valid.
 */
class KeyRotationConcurrencyTest {

  private static final int GENERATIONS = 120;
  private static final int THREADS = 4;

  @Test
  void validate_whileKeysRotateAndRetire_neverRejectsAStillValidToken() throws Exception {
    Clock clock = Forge.CLOCK;
    KeyRing ring = KeyRing.of(key(0));
    AccessTokenIssuer issuer = AccessTokenIssuer.builder().keyRing(ring).clock(clock).build();
    AccessTokenValidator validator =
        AccessTokenValidator.builder().keyRing(ring).clock(clock).build();

    AtomicReferenceArray<String> tokens = new AtomicReferenceArray<>(GENERATIONS + 1);
    tokens.set(0, issuer.issue(AccessTokenClaims.forSubject("u0").build()).value());
    AtomicLong latest = new AtomicLong(0);
    AtomicLong retireTarget =
        new AtomicLong(-1); // generations <= this are being or have been retired
    AtomicLongArray hazard = new AtomicLongArray(THREADS);
    for (int i = 0; i < THREADS; i++) {
      hazard.set(i, Long.MAX_VALUE);
    }
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger validations = new AtomicInteger();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    CountDownLatch finished = new CountDownLatch(THREADS);

    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < THREADS; w++) {
      int id = w;
      Thread t =
          new Thread(
              () -> {
                long n = 0;
                try {
                  while (!done.get()) {
                    long newest = latest.get();
                    long gen =
                        Math.max(
                            0, newest - (n++ % 3)); // the newest token or one of the two before it
                    hazard.set(id, gen);
                    if (retireTarget.get()
                        >= gen) { // its key may be retired already: not a valid token any more
                      hazard.set(id, Long.MAX_VALUE);
                      continue;
                    }
                    try {
                      VerifiedAccessToken v = validator.validate(tokens.get((int) gen));
                      if (!v.subject().equals("u" + gen)) {
                        failures.add("generation " + gen + " gave subject " + v.subject());
                      }
                      validations.incrementAndGet();
                    } catch (InvalidTokenException e) {
                      failures.add("generation " + gen + " refused: " + e.reason());
                    } finally {
                      hazard.set(id, Long.MAX_VALUE);
                    }
                  }
                } finally {
                  finished.countDown();
                }
              });
      t.start();
      workers.add(t);
    }

    for (int g = 1; g <= GENERATIONS; g++) {
      ring.rotateTo(key(g));
      tokens.set(g, issuer.issue(AccessTokenClaims.forSubject("u" + g).build()).value());
      latest.set(g);
      long old = g - 3L;
      if (old >= 0) {
        retireTarget.set(old);
        for (int i = 0; i < THREADS; i++) {
          while (hazard.get(i) <= old) {
            java.util.concurrent.locks.LockSupport.parkNanos(20_000L);
          }
        }
        assertThat(ring.retire("gen-" + old)).isTrue();
      }
    }
    done.set(true);
    assertThat(finished.await(60, TimeUnit.SECONDS)).isTrue();
    for (Thread t : workers) {
      t.join();
    }

    assertThat(failures).isEmpty();
    assertThat(validations.get()).isGreaterThan(GENERATIONS);
    assertThat(ring.keyIds()).hasSize(3);
    // And a retired key's token is refused from then on.
    InvalidTokenException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            InvalidTokenException.class, () -> validator.validate(tokens.get(0)));
    assertThat(e.reason()).isEqualTo(InvalidTokenException.Reason.UNKNOWN_KEY);
  }

  private static JwtKey key(int generation) {
    byte[] secret = new byte[32];
    for (int i = 0; i < secret.length; i++) {
      secret[i] = (byte) (generation * 31 + i * 7 + 1);
    }
    return JwtKey.hmac("gen-" + generation, Algorithm.HS256, secret);
  }
}
