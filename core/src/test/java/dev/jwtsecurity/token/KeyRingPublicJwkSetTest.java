package dev.jwtsecurity.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsecurity.internal.Json;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The JWK Set a key ring publishes: public halves of every verifying key, never a secret. */
class KeyRingPublicJwkSetTest {

  /** Every member of RFC 7518 §6 that holds private or secret key material. */
  private static final Set<String> PRIVATE_MEMBERS =
      Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k", "r", "t");

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final List<JwtKey> POOL = new ArrayList<>();

  @BeforeAll
  static void keys() {
    int i = 0;
    for (Algorithm a :
        List.of(
            Algorithm.RS256,
            Algorithm.PS384,
            Algorithm.ES256,
            Algorithm.ES384,
            Algorithm.ES512,
            Algorithm.EDDSA,
            Algorithm.ES256,
            Algorithm.EDDSA)) {
      POOL.add(JwtKey.generate(a, "k" + i++, RANDOM));
    }
  }

  private static List<Map<String, Object>> keysOf(String jwks) throws Exception {
    Map<String, Object> set = Json.parseObject(jwks, 4);
    assertThat(set).containsOnlyKeys("keys");
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object o : (List<?>) set.get("keys")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) o;
      out.add(m);
    }
    return out;
  }

  @Test
  void publicJwkSet_ecRing_publicMembersWithKidAlgAndUse() throws Exception {
    JwtKey key = JwtKey.generate(Algorithm.ES256, "2026-12", RANDOM);
    KeyRing ring = KeyRing.of(key);

    List<Map<String, Object>> keys = keysOf(ring.publicJwkSet());

    assertThat(keys).hasSize(1);
    assertThat(keys.get(0))
        .containsEntry("kty", "EC")
        .containsEntry("crv", "P-256")
        .containsEntry("kid", "2026-12")
        .containsEntry("alg", "ES256")
        .containsEntry("use", "sig")
        .containsOnlyKeys("kty", "crv", "x", "y", "kid", "alg", "use");
  }

  @Test
  void publicJwkSet_rotatedAndRetired_listsSigningKeyFirstThenStillVerifyingUntilRetired()
      throws Exception {
    KeyRing ring = KeyRing.of(POOL.get(2));
    ring.rotateTo(POOL.get(3));

    assertThat(keysOf(ring.publicJwkSet()))
        .extracting(k -> k.get("kid"))
        .containsExactly("k3", "k2");
    assertThat(ring.keyIds()).containsExactly("k3", "k2");

    ring.addVerificationKey(POOL.get(5).withoutSigning());
    assertThat(keysOf(ring.publicJwkSet()))
        .extracting(k -> k.get("kid"))
        .containsExactly("k3", "k2", "k5");

    ring.retire("k2");
    assertThat(keysOf(ring.publicJwkSet()))
        .extracting(k -> k.get("kid"))
        .containsExactly("k3", "k5");
  }

  @Test
  void publicJwkSet_hmacKeys_neverPublished() throws Exception {
    byte[] secret =
        "a-very-long-and-random-hmac-secret-0123456789".getBytes(StandardCharsets.UTF_8);
    KeyRing hmacOnly = KeyRing.of(JwtKey.hmac("h1", Algorithm.HS256, secret));
    assertThat(hmacOnly.publicJwkSet()).isEqualTo("{\"keys\":[]}");

    // Moving from HS256 to ES256: the old secret still verifies but is not published.
    KeyRing moving = KeyRing.of(POOL.get(2), JwtKey.hmac("h1", Algorithm.HS256, secret));
    assertThat(keysOf(moving.publicJwkSet())).extracting(k -> k.get("kid")).containsExactly("k2");
    assertThat(moving.publicJwkSet()).doesNotContain("\"oct\"").doesNotContain("\"k\"");
  }

  @Test
  void publicJwkSet_sameRing_sameTextUntilItChanges() {
    KeyRing ring = KeyRing.of(POOL.get(4));
    String first = ring.publicJwkSet();

    assertThat(ring.publicJwkSet()).isSameAs(first);
    ring.addVerificationKey(POOL.get(6).withoutSigning());
    assertThat(ring.publicJwkSet()).isNotEqualTo(first);
  }

  static LongStream seeds() {
    long base = new Random().nextLong();
    System.out.println("KeyRingPublicJwkSetTest seeds start at " + base);
    return LongStream.range(0, 20).map(i -> base + i);
  }

  /**
   * Any ring of any mix of keys publishes exactly its asymmetric keys, each equal to the key's own
   * public half and with no private member, readable by jose4j.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void publicJwkSet_anyRing_exactlyThePublicHalvesOfItsAsymmetricKeys(long seed) throws Exception {
    Random random = new Random(seed);
    List<JwtKey> chosen = new ArrayList<>(POOL);
    java.util.Collections.shuffle(chosen, random);
    chosen = chosen.subList(0, 1 + random.nextInt(chosen.size()));
    List<JwtKey> verifying = new ArrayList<>();
    for (JwtKey k : chosen.subList(1, chosen.size())) {
      verifying.add(random.nextBoolean() ? k : k.withoutSigning());
    }
    if (random.nextBoolean()) {
      byte[] secret = new byte[32];
      random.nextBytes(secret);
      verifying.add(JwtKey.hmac("hmac-" + seed, Algorithm.HS256, secret));
    }
    KeyRing ring = KeyRing.of(chosen.get(0), verifying);

    String jwks = ring.publicJwkSet();

    List<String> expectedKids = new ArrayList<>();
    for (JwtKey k : chosen) {
      expectedKids.add(k.keyId());
    }
    List<Map<String, Object>> keys = keysOf(jwks);
    assertThat(keys)
        .extracting(k -> k.get("kid"))
        .as("seed %d", seed)
        .containsExactlyElementsOf(expectedKids);
    for (Map<String, Object> k : keys) {
      assertThat(k.keySet()).as("seed %d", seed).doesNotContainAnyElementsOf(PRIVATE_MEMBERS);
    }
    List<JsonWebKey> parsed = new JsonWebKeySet(jwks).getJsonWebKeys();
    for (int i = 0; i < parsed.size(); i++) {
      PublicJsonWebKey p = (PublicJsonWebKey) parsed.get(i);
      assertThat(p.getPrivateKey()).isNull();
      assertThat(p.getPublicKey()).isEqualTo(chosen.get(i).verificationKey());
    }
  }
}
