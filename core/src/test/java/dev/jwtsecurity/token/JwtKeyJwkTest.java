package dev.jwtsecurity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.testing.TestKeys;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JwtKeyJwkTest {

  private static final String OCT =
      "{\"kty\":\"oct\",\"kid\":\"k1\",\"k\":\""
          + Base64.getUrlEncoder().withoutPadding().encodeToString(TestKeys.hmacSecret())
          + "\"}";

  @ParameterizedTest
  @EnumSource(Algorithm.class)
  void fromJwk_privateJwkOfGeneratedKey_roundTripsAndSigns(Algorithm alg) {
    JwtKey key =
        alg.family() == Algorithm.Family.RSA
            ? TestKeys.signingKey(alg, "gen-1")
            : JwtKey.generate(alg, "gen-1", new SecureRandom());

    JwtKey loaded = JwtKey.fromJwk(key.toPrivateJwk(), alg);

    assertThat(loaded.keyId()).isEqualTo("gen-1");
    assertThat(loaded.algorithm()).isEqualTo(alg);
    assertThat(loaded.canSign()).isTrue();
    byte[] data = {1, 2, 3};
    assertThat(key.verify(data, 3, loaded.sign(data, 3))).isTrue();
  }

  @ParameterizedTest
  @EnumSource(
      value = Algorithm.class,
      names = {"RS256", "PS384", "ES256", "ES384", "ES512", "EDDSA"})
  void fromJwkSet_publicJwkSet_givesVerificationOnlyKeys(Algorithm alg) {
    JwtKey key = TestKeys.signingKey(alg, "pub-1");

    List<JwtKey> keys = JwtKey.fromJwkSet(JwtKey.toPublicJwkSet(List.of(key)), alg);

    assertThat(keys).hasSize(1);
    assertThat(keys.get(0).canSign()).isFalse();
    assertThat(keys.get(0).keyId()).isEqualTo("pub-1");
    byte[] data = {9, 8, 7};
    assertThat(keys.get(0).verify(data, 3, key.sign(data, 3))).isTrue();
    assertThat(key.toPublicJwk()).doesNotContain("\"d\"");
  }

  @Test
  void fromJwk_octWithoutKid_usesRfc7638Thumbprint() throws Exception {
    String noKid = OCT.replace("\"kid\":\"k1\",", "");
    JwtKey key = JwtKey.fromJwk(noKid, Algorithm.HS256);
    String thumb = JsonWebKey.Factory.newJwk(noKid).calculateBase64urlEncodedThumbprint("SHA-256");
    assertThat(key.keyId()).isEqualTo(thumb);
  }

  @Test
  void fromJwk_rsa1024_isRefused() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(1024);
    PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(g.generateKeyPair().getPublic());
    String json = jwk.toJson();
    assertThatThrownBy(() -> JwtKey.fromJwk(json, Algorithm.RS256))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2048");
  }

  @Test
  void fromJwk_useEnc_isRefused() {
    String json = OCT.replace("{", "{\"use\":\"enc\",");
    assertThatThrownBy(() -> JwtKey.fromJwk(json, Algorithm.HS256))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use");
  }

  @Test
  void fromJwk_publicKeyOpsWithoutVerify_isRefused() {
    String pub =
        TestKeys.signingKey(Algorithm.ES256, "e1")
            .toPublicJwk()
            .replace("{", "{\"key_ops\":[\"encrypt\"],");
    assertThatThrownBy(() -> JwtKey.fromJwk(pub, Algorithm.ES256))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key_ops");
  }

  @Test
  void fromJwk_octKeyOpsWithoutSignOrVerify_isRefused() {
    String json = OCT.replace("{", "{\"key_ops\":[\"wrapKey\"],");
    assertThatThrownBy(() -> JwtKey.fromJwk(json, Algorithm.HS256))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fromJwk_octKeyOpsVerifyOnly_givesVerificationOnlyKey() {
    JwtKey key = JwtKey.fromJwk(OCT.replace("{", "{\"key_ops\":[\"verify\"],"), Algorithm.HS256);
    assertThat(key.canSign()).isFalse();
    assertThatThrownBy(() -> KeyRing.of(key)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fromJwk_jwkAlgDiffersFromConfigured_isRefused() {
    String json = OCT.replace("{", "{\"alg\":\"HS512\",");
    assertThatThrownBy(() -> JwtKey.fromJwk(json, Algorithm.HS256))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HS512");
  }

  @Test
  void fromJwk_p384KeyForEs256_isRefused() {
    String p384 =
        TestKeys.signingKey(Algorithm.ES384, "e").toPublicJwk().replace("\"alg\":\"ES384\",", "");
    assertThatThrownBy(() -> JwtKey.fromJwk(p384, Algorithm.ES256))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("P-256");
  }

  @Test
  void fromJwk_secp256k1KeyForEs256_isRefused() throws Exception {
    // Same 256-bit field size as P-256, another curve: must not pass a field-size-only check.
    String k1 =
        "{\"kty\":\"EC\",\"crv\":\"secp256k1\",\"x\":\"4WYl5nVq2xAS_jSfIDjyB0vPpWiZ5tL0bMhbMg1rCZs\","
            + "\"y\":\"3rxxxQVbK45sFqaQ4vGbgc2AOpBTHCpVf0o0fyZ0Jbo\"}";
    assertThatThrownBy(() -> JwtKey.fromJwk(k1, Algorithm.ES256))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fromJwk_rsaKeyForHs256_isRefused() {
    String rsa =
        TestKeys.signingKey(Algorithm.RS256, "r").toPublicJwk().replace("\"alg\":\"RS256\",", "");
    assertThatThrownBy(() -> JwtKey.fromJwk(rsa, Algorithm.HS256))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kty");
  }

  @Test
  void fromJwk_shortOctSecret_isRefused() {
    String json = "{\"kty\":\"oct\",\"kid\":\"k\",\"k\":\"c2hvcnQ\"}";
    assertThatThrownBy(() -> JwtKey.fromJwk(json, Algorithm.HS256))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fromJwk_duplicateMembers_isRefusedWithoutEchoingTheSecret() {
    String json = OCT.replace("{", "{\"k\":\"AAAA\",");
    assertThatThrownBy(() -> JwtKey.fromJwk(json, Algorithm.HS256))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(OCT.substring(28, 60)));
  }

  @Test
  void fromJwk_badKid_isRefused() {
    assertThatThrownBy(
            () -> JwtKey.fromJwk(OCT.replace("\"k1\"", "\"../../dev/null\\n\""), Algorithm.HS256))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fromJwkSet_duplicateKids_isRefused() {
    JwtKey key = TestKeys.signingKey(Algorithm.ES256, "same");
    String set = JwtKey.toPublicJwkSet(List.of(key, key));
    assertThatThrownBy(() -> JwtKey.fromJwkSet(set, Algorithm.ES256))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same");
  }

  @Test
  void fromJwkSet_emptySet_isRefused() {
    assertThatThrownBy(() -> JwtKey.fromJwkSet("{\"keys\":[]}", Algorithm.ES256))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fromJwk_mismatchedPrivateAndPublicHalves_isRefused() throws Exception {
    PublicJsonWebKey a =
        PublicJsonWebKey.Factory.newPublicJwk(TestKeys.keyPair(Algorithm.ES256).getPublic());
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
    a.setPrivateKey(g.generateKeyPair().getPrivate());
    String json = a.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
    assertThatThrownBy(() -> JwtKey.fromJwk(json, Algorithm.ES256))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toString_ofKeyAndRing_neverContainsTheSecret() {
    JwtKey key = JwtKey.fromJwk(OCT, Algorithm.HS256);
    String secretB64 =
        Base64.getUrlEncoder().withoutPadding().encodeToString(TestKeys.hmacSecret());
    String secretHex = java.util.HexFormat.of().formatHex(TestKeys.hmacSecret());
    for (String s : List.of(key.toString(), KeyRing.of(key).toString())) {
      assertThat(s)
          .doesNotContain(secretB64.substring(0, 12))
          .doesNotContain(secretHex.substring(0, 16))
          .contains("k1");
    }
  }

  @Test
  void toPublicJwk_hmacKey_isRefused() {
    assertThatThrownBy(() -> JwtKey.fromJwk(OCT, Algorithm.HS256).toPublicJwk())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void toPrivateJwk_verificationOnlyKey_isRefused() {
    JwtKey pub = TestKeys.signingKey(Algorithm.ES256, "x").withoutSigning();
    assertThatThrownBy(pub::toPrivateJwk).isInstanceOf(IllegalStateException.class);
  }
}
