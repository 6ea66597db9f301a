package dev.jwtsecurity.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.token.Algorithm;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JwtSettingsBuilderMisuseTest {

  private static final Secret STRONG = Secret.ofUtf8(TestSecrets.STRONG);

  @Test
  void build_noSecret_refusedWithKeygenHint() {
    assertThatThrownBy(() -> JwtSettings.builder().build())
        .isInstanceOf(InsecureConfigurationException.class)
        .hasMessageContaining("jwt-security keygen");
  }

  @Test
  void build_weakSecret_refused() {
    assertThatThrownBy(
            () -> JwtSettings.builder().secret(Secret.ofUtf8("changeme".repeat(6))).build())
        .isInstanceOf(InsecureConfigurationException.class)
        .hasMessageNotContaining("changemechangeme");
  }

  @Test
  void build_weakPreviousSecret_refused() {
    assertThatThrownBy(
            () ->
                JwtSettings.builder()
                    .secret(STRONG)
                    .previousSecret("old", Secret.ofUtf8("x".repeat(40)))
                    .build())
        .isInstanceOf(InsecureConfigurationException.class)
        .hasMessageContaining("previous secret");
  }

  @Test
  void accessTokenLifetime_outsideOneToSixtyMinutes_throws() {
    assertThatThrownBy(() -> JwtSettings.builder().accessTokenLifetime(Duration.ofSeconds(59)))
        .isInstanceOf(InsecureConfigurationException.class)
        .hasMessageContaining("1 to 60 minutes");
    assertThatThrownBy(() -> JwtSettings.builder().accessTokenLifetime(Duration.ofMinutes(61)))
        .isInstanceOf(InsecureConfigurationException.class);
    assertThatThrownBy(() -> JwtSettings.builder().accessTokenLifetime(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void unsafeAccessTokenLifetime_twoHours_acceptedAndShownAsUnsafe() {
    JwtSettings s =
        JwtSettings.builder().secret(STRONG).unsafeAccessTokenLifetime(Duration.ofHours(2)).build();
    assertThat(s.accessTokenLifetime()).isEqualTo(Duration.ofHours(2));
    assertThat(s.toString()).contains("(unsafe)");
    assertThat(s.issuerBuilder(s.newKeyRing()).build().lifetime()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void unsafeAccessTokenLifetime_zeroOrAboveThirtyDays_throws() {
    assertThatThrownBy(() -> JwtSettings.builder().unsafeAccessTokenLifetime(Duration.ZERO))
        .isInstanceOf(InsecureConfigurationException.class);
    assertThatThrownBy(() -> JwtSettings.builder().unsafeAccessTokenLifetime(Duration.ofDays(31)))
        .isInstanceOf(InsecureConfigurationException.class);
  }

  @Test
  void clockSkew_negativeOrAboveFiveMinutes_throws() {
    assertThatThrownBy(() -> JwtSettings.builder().clockSkew(Duration.ofSeconds(-1)))
        .isInstanceOf(InsecureConfigurationException.class);
    assertThatThrownBy(() -> JwtSettings.builder().clockSkew(Duration.ofSeconds(301)))
        .isInstanceOf(InsecureConfigurationException.class);
  }

  @Test
  void keyId_controlCharactersEmptyOrOverCap_throws() {
    assertThatThrownBy(() -> JwtSettings.builder().keyId("bad kid\n"))
        .isInstanceOf(InsecureConfigurationException.class);
    assertThatThrownBy(() -> JwtSettings.builder().keyId(""))
        .isInstanceOf(InsecureConfigurationException.class);
    assertThatThrownBy(() -> JwtSettings.builder().keyId("k".repeat(257)))
        .isInstanceOf(InsecureConfigurationException.class);
    assertThatThrownBy(() -> JwtSettings.builder().previousSecret("a\tb", STRONG))
        .isInstanceOf(InsecureConfigurationException.class);
    // RFC 7517: any other string is a key id.
    JwtSettings.builder().keyId("a b").previousSecret("bilbo.baggins@hobbiton.example", STRONG);
  }

  @Test
  void issuerAudience_blankOrControlCharacters_throw() {
    assertThatThrownBy(() -> JwtSettings.builder().issuer(" "))
        .isInstanceOf(InsecureConfigurationException.class);
    assertThatThrownBy(() -> JwtSettings.builder().audience("a\r\nb"))
        .isInstanceOf(InsecureConfigurationException.class);
    assertThatThrownBy(() -> JwtSettings.builder().issuer("x".repeat(513)))
        .isInstanceOf(InsecureConfigurationException.class);
  }

  @Test
  void build_secretWithAsymmetricAlgorithm_refused() {
    assertThatThrownBy(
            () -> JwtSettings.builder().algorithm(Algorithm.ES256).secret(STRONG).build())
        .isInstanceOf(InsecureConfigurationException.class)
        .hasMessageContaining("private key");
  }

  @Test
  void build_keyPairWithHmacAlgorithm_refused() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
    KeyPair kp = g.generateKeyPair();
    assertThatThrownBy(() -> JwtSettings.builder().keyPair(kp).secret(STRONG).build())
        .isInstanceOf(InsecureConfigurationException.class)
        .hasMessageContaining("shared secret");
  }

  @Test
  void build_keyPairOfWrongType_refused() throws Exception {
    KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    assertThatThrownBy(() -> JwtSettings.builder().algorithm(Algorithm.RS256).keyPair(kp).build())
        .isInstanceOf(InsecureConfigurationException.class)
        .hasMessageContaining("RSA");
  }

  @Test
  void build_smallRsaKey_refused() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(1024);
    KeyPair kp = g.generateKeyPair();
    assertThatThrownBy(() -> JwtSettings.builder().algorithm(Algorithm.RS256).keyPair(kp).build())
        .isInstanceOf(InsecureConfigurationException.class)
        .hasMessageContaining("2048");
  }

  @Test
  void build_ed25519KeyPair_signsWithFingerprintKid() throws Exception {
    KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    JwtSettings s = JwtSettings.builder().algorithm(Algorithm.EDDSA).keyPair(kp).build();
    assertThat(s.keyId()).isEqualTo(s.keyFingerprint());
    assertThat(s.newKeyRing().signingKey().algorithm()).isEqualTo(Algorithm.EDDSA);
  }

  @Test
  void privateJwk_notAJwk_refusedWithoutEchoingIt() {
    assertThatThrownBy(
            () ->
                JwtSettings.builder()
                    .privateJwk("{\"d\":\"c2VjcmV0\"}")
                    .algorithm(Algorithm.ES256)
                    .build())
        .isInstanceOf(InsecureConfigurationException.class)
        .hasMessageNotContaining("c2VjcmV0");
  }

  @Test
  void publicJwkSet_containsPrivateKey_refused() throws Exception {
    KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    org.jose4j.jwk.PublicJsonWebKey jwk =
        org.jose4j.jwk.PublicJsonWebKey.Factory.newPublicJwk(kp.getPublic());
    jwk.setPrivateKey(kp.getPrivate());
    jwk.setKeyId("k");
    String json = jwk.toJson(org.jose4j.jwk.JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
    KeyPair current = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    assertThatThrownBy(
            () ->
                JwtSettings.builder()
                    .algorithm(Algorithm.EDDSA)
                    .keyPair(current)
                    .publicJwkSet(json)
                    .build())
        .isInstanceOf(InsecureConfigurationException.class)
        .hasMessageContaining("private key");
  }

  @Test
  void setters_null_throwNullPointer() {
    JwtSettings.Builder b = JwtSettings.builder();
    assertThatThrownBy(() -> b.algorithm(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.secret(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.environment(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.keyPair(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void environment_valid_boundIntoIssuerAndValidator() {
    JwtSettings s = JwtSettings.builder().secret(STRONG).environment("eu-prod.2").build();
    assertThat(s.environment()).contains("eu-prod.2");
  }

  @Test
  void build_privateJwkAndKeyPair_refused() throws Exception {
    KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    String jwk =
        dev.jwtsecurity.token.JwtKey.generate(
                Algorithm.EDDSA, "k", new java.security.SecureRandom())
            .toPrivateJwk();
    assertThatThrownBy(
            () ->
                JwtSettings.builder()
                    .algorithm(Algorithm.EDDSA)
                    .keyPair(kp)
                    .privateJwk(jwk)
                    .build())
        .isInstanceOf(InsecureConfigurationException.class)
        .hasMessageContaining("exactly one private key");
  }

  @Test
  void build_privateJwkWithKeyId_refusedBecauseTheJwkNamesItself() {
    String jwk =
        dev.jwtsecurity.token.JwtKey.generate(
                Algorithm.ES256, "jwk-kid", new java.security.SecureRandom())
            .toPrivateJwk();
    assertThatThrownBy(
            () ->
                JwtSettings.builder()
                    .algorithm(Algorithm.ES256)
                    .privateJwk(jwk)
                    .keyId("other")
                    .build())
        .isInstanceOf(InsecureConfigurationException.class)
        .hasMessageContaining("kid");
    JwtSettings s = JwtSettings.builder().privateJwk(jwk).algorithm(Algorithm.ES256).build();
    assertThat(s.keyId()).isEqualTo("jwk-kid");
    assertThat(s.toString()).doesNotContain(jwk);
  }
}
