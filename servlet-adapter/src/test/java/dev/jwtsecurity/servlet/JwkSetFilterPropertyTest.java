package dev.jwtsecurity.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.jwtsecurity.token.AccessTokenClaims;
import dev.jwtsecurity.token.AccessTokenIssuer;
import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.JwtKey;
import dev.jwtsecurity.token.KeyRing;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Through any sequence of rotations, additions and retirements, the served set is exactly the
 * ring's asymmetric keys, public only, and every token signed by a key of the ring verifies with
 * Nimbus from the served set while no retired key's token does.
 */
class JwkSetFilterPropertyTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final List<JwtKey> POOL = new ArrayList<>();

  @BeforeAll
  static void pool() {
    Algorithm[] algs = {Algorithm.ES256, Algorithm.ES384, Algorithm.EDDSA, Algorithm.ES256};
    for (int i = 0; i < 12; i++) {
      POOL.add(JwtKey.generate(algs[i % algs.length], "kid-" + i, RANDOM));
    }
  }

  static LongStream seeds() {
    long base = new Random().nextLong();
    System.out.println("JwkSetFilterPropertyTest seeds start at " + base);
    return LongStream.range(0, 10).map(i -> base + i);
  }

  private static String serve(JwkSetFilter filter) throws Exception {
    FakeHttp.Response r = new FakeHttp.Response();
    filter.doFilter(
        new FakeHttp.Request("GET", JwkSetFilter.DEFAULT_JWKS_PATH).build(),
        r.build(),
        new FakeHttp.Chain());
    assertThat(r.status).isEqualTo(200);
    return r.body();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void anyRotationSequence_servedSetIsTheRingAndVerifiesItsTokens(long seed) throws Exception {
    Random random = new Random(seed);
    KeyRing ring = KeyRing.of(POOL.get(0));
    JwkSetFilter filter = JwkSetFilter.builder().keyRing(ring).withoutDiscovery().build();
    Map<String, String> tokens = new LinkedHashMap<>(); // kid -> a token it signed
    int next = 1;
    for (int step = 0; step < 25; step++) {
      String signer = ring.signingKey().keyId();
      AccessTokenIssuer issuer = AccessTokenIssuer.builder().keyRing(ring).build();
      tokens.put(signer, issuer.issue(AccessTokenClaims.forSubject("u" + step).build()).value());
      int op = random.nextInt(3);
      if (op == 0 && next < POOL.size()) {
        ring.rotateTo(POOL.get(next++));
      } else if (op == 1 && next < POOL.size()) {
        ring.addVerificationKey(POOL.get(next++).withoutSigning());
      } else {
        List<String> retirable = new ArrayList<>(ring.keyIds());
        retirable.remove(ring.signingKey().keyId());
        if (!retirable.isEmpty()) {
          ring.retire(retirable.get(random.nextInt(retirable.size())));
        }
      }

      JWKSet served = JWKSet.parse(serve(filter));

      assertThat(served.getKeys())
          .extracting(JWK::getKeyID)
          .as("seed %d", seed)
          .containsExactlyElementsOf(ring.keyIds());
      for (JWK k : served.getKeys()) {
        assertThat(k.isPrivate()).as("seed %d", seed).isFalse();
      }
      for (Map.Entry<String, String> t : tokens.entrySet()) {
        JWSObject jws = JWSObject.parse(t.getValue());
        JWK key = served.getKeyByKeyId(t.getKey());
        if (!ring.keyIds().contains(t.getKey())) {
          assertThat(key).as("seed %d: retired %s still served", seed, t.getKey()).isNull();
          continue;
        }
        if (key.getKeyType().getValue().equals("OKP")) {
          continue; // Nimbus verifies Ed25519 only with Google Tink on the class path
        }
        boolean ok =
            jws.verify(
                new DefaultJWSVerifierFactory()
                    .createJWSVerifier(jws.getHeader(), key.toECKey().toPublicKey()));
        assertThat(ok).as("seed %d: token of %s", seed, t.getKey()).isTrue();
      }
    }
  }
}
