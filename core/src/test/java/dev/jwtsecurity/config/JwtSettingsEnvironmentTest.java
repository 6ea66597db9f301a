package dev.jwtsecurity.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.jwtsecurity.token.AccessTokenClaims;
import dev.jwtsecurity.token.AccessTokenIssuer;
import dev.jwtsecurity.token.AccessTokenValidator;
import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.InvalidTokenException;
import dev.jwtsecurity.token.IssuedAccessToken;
import dev.jwtsecurity.token.KeyRing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwtSettingsEnvironmentTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);

  private static Map<String, String> env(String... kv) {
    Map<String, String> m = new HashMap<>();
    m.put("JWT_SECRET_KEY", TestSecrets.STRONG);
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i + 1] == null) {
        m.remove(kv[i]);
      } else {
        m.put(kv[i], kv[i + 1]);
      }
    }
    return m;
  }

  private static InsecureConfigurationException refused(Map<String, String> env) {
    Throwable t =
        org.assertj.core.api.Assertions.catchThrowable(() -> JwtSettings.fromEnvironment(env));
    assertThat(t).isInstanceOf(InsecureConfigurationException.class);
    String secret = env.get("JWT_SECRET_KEY");
    if (secret != null && secret.length() >= 9) {
      assertThat(t.getMessage()).doesNotContain(secret);
    }
    return (InsecureConfigurationException) t;
  }

  @Test
  void fromEnvironment_onlyStrongSecret_usesDefaults() {
    JwtSettings s = JwtSettings.fromEnvironment(env());
    assertThat(s.algorithm()).isEqualTo(Algorithm.HS256);
    assertThat(s.accessTokenLifetime()).isEqualTo(Duration.ofMinutes(30));
    assertThat(s.clockSkew()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.issuer()).isEmpty();
    assertThat(s.environment()).isEmpty();
    assertThat(s.keyId()).isEqualTo(s.keyFingerprint()).matches("[0-9a-f]{16}");
  }

  @Test
  void fromEnvironment_everyVariable_applied() {
    JwtSettings s =
        JwtSettings.fromEnvironment(
            env(
                "JWT_ALGORITHM",
                "HS256",
                "JWT_ACCESS_TOKEN_EXPIRE_MINUTES",
                "15",
                "JWT_ISSUER",
                "https://api.example.com",
                "JWT_AUDIENCE",
                "web",
                "JWT_CLOCK_SKEW_SECONDS",
                "10",
                "JWT_KEY_ID",
                "2026-11",
                "JWT_PREVIOUS_SECRET_KEYS",
                "2026-10:" + TestSecrets.STRONG_2,
                "JWT_ENVIRONMENT",
                "production"));
    assertThat(s.accessTokenLifetime()).isEqualTo(Duration.ofMinutes(15));
    assertThat(s.clockSkew()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.issuer()).contains("https://api.example.com");
    assertThat(s.audience()).contains("web");
    assertThat(s.environment()).contains("production");
    assertThat(s.keyId()).isEqualTo("2026-11");
    assertThat(s.newKeyRing().keyIds()).containsExactly("2026-11", "2026-10");
    assertThat(s.verificationKeyFingerprints()).containsOnlyKeys("2026-10");
  }

  @Test
  void fromEnvironment_missingSecret_refusedWithKeygenHint() {
    assertThat(refused(env("JWT_SECRET_KEY", null)).getMessage())
        .contains("JWT_SECRET_KEY is missing")
        .contains("jwt-security keygen");
    assertThat(refused(env("JWT_SECRET_KEY", "")).getMessage())
        .contains("JWT_SECRET_KEY is missing");
  }

  @Test
  void fromEnvironment_shortSecret_refused() {
    assertThat(refused(env("JWT_SECRET_KEY", TestSecrets.base64url(9, 16))).getMessage())
        .contains("JWT_SECRET_KEY")
        .contains("at least 32 bytes");
  }

  @Test
  void fromEnvironment_hs512WithShortSecret_refused() {
    assertThat(refused(env("JWT_ALGORITHM", "HS512")).getMessage()).contains("at least 64 bytes");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "your-very-long-random-secret-key-here",
        "changeme",
        "secret",
        "password",
        "changemechangemechangemechangemechangeme",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "abcdefghijklmnopqrstuvwxyz0123456789abcdefgh",
        "qwertyuiopasdfghjklzxcvbnm1234567890qwerty"
      })
  void fromEnvironment_placeholderOrPatternSecret_refused(String secret) {
    assertThat(refused(env("JWT_SECRET_KEY", secret)).getMessage())
        .contains("JWT_SECRET_KEY is refused");
  }

  @Test
  void fromEnvironment_lowEntropyPhrase_refusedNamingEstimate() {
    assertThat(
            refused(
                    env(
                        "JWT_SECRET_KEY",
                        "The quick brown fox jumps over the lazy dog and then runs far away"))
                .getMessage())
        .contains("estimated entropy");
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
  void fromEnvironment_algorithmNone_refused(String alg) {
    assertThat(refused(env("JWT_ALGORITHM", alg)).getMessage())
        .contains("JWT_ALGORITHM")
        .contains("never");
  }

  @ParameterizedTest
  @ValueSource(strings = {"HS1", "hs256", "RSA", "ES256K", "HS256 HS512"})
  void fromEnvironment_unknownAlgorithm_refused(String alg) {
    assertThat(refused(env("JWT_ALGORITHM", alg)).getMessage())
        .contains("JWT_ALGORITHM")
        .contains("HS256");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "61", "1440", "999999999"})
  void fromEnvironment_lifetimeOutOfBounds_refused(String minutes) {
    assertThat(refused(env("JWT_ACCESS_TOKEN_EXPIRE_MINUTES", minutes)).getMessage())
        .contains(
            "JWT_ACCESS_TOKEN_EXPIRE_MINUTES: the access-token lifetime must be 1 to 60 minutes");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "60"})
  void fromEnvironment_lifetimeAtBounds_accepted(String minutes) {
    assertThat(
            JwtSettings.fromEnvironment(env("JWT_ACCESS_TOKEN_EXPIRE_MINUTES", minutes))
                .accessTokenLifetime())
        .isEqualTo(Duration.ofMinutes(Long.parseLong(minutes)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-5", "30m", "1e3", "3O", " 30", "30.5", "0x1e", "9999999999"})
  void fromEnvironment_malformedNumber_refused(String minutes) {
    assertThat(refused(env("JWT_ACCESS_TOKEN_EXPIRE_MINUTES", minutes)).getMessage())
        .contains("must be a whole number");
    assertThat(refused(env("JWT_CLOCK_SKEW_SECONDS", minutes)).getMessage())
        .contains("must be a whole number");
  }

  @Test
  void fromEnvironment_skewAboveFiveMinutes_refused() {
    assertThat(refused(env("JWT_CLOCK_SKEW_SECONDS", "301")).getMessage()).contains("0 to 300");
    assertThat(JwtSettings.fromEnvironment(env("JWT_CLOCK_SKEW_SECONDS", "300")).clockSkew())
        .isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void fromEnvironment_weakPreviousKey_refusedNamingTheEntry() {
    String msg =
        refused(env("JWT_PREVIOUS_SECRET_KEYS", "old:" + TestSecrets.STRONG_2 + ",older:changeme"))
            .getMessage();
    assertThat(msg).contains("JWT_PREVIOUS_SECRET_KEYS entry 2").doesNotContain("changeme");
  }

  @Test
  void fromEnvironment_previousKeysWithoutKid_useFingerprint() {
    JwtSettings s =
        JwtSettings.fromEnvironment(env("JWT_PREVIOUS_SECRET_KEYS", TestSecrets.STRONG_2));
    assertThat(s.newKeyRing().keyIds()).hasSize(2);
    assertThat(s.verificationKeyFingerprints().keySet()).allMatch(k -> k.matches("[0-9a-f]{16}"));
  }

  @Test
  void fromEnvironment_previousKeyEqualsCurrent_refused() {
    assertThat(refused(env("JWT_PREVIOUS_SECRET_KEYS", "old:" + TestSecrets.STRONG)).getMessage())
        .contains("is the current secret");
  }

  @Test
  void fromEnvironment_emptyPreviousEntry_refused() {
    assertThat(refused(env("JWT_PREVIOUS_SECRET_KEYS", TestSecrets.STRONG_2 + ",")).getMessage())
        .contains("empty");
  }

  @Test
  void fromEnvironment_duplicateKid_refused() {
    assertThat(
            refused(
                    env(
                        "JWT_KEY_ID",
                        "k1",
                        "JWT_PREVIOUS_SECRET_KEYS",
                        "k1:" + TestSecrets.STRONG_2))
                .getMessage())
        .contains("share the kid");
  }

  @ParameterizedTest
  @ValueSource(strings = {"prod uction", "staging\n", "é", "a/b"})
  void fromEnvironment_malformedEnvironmentName_refused(String name) {
    assertThat(refused(env("JWT_ENVIRONMENT", name)).getMessage()).contains("JWT_ENVIRONMENT");
  }

  @Test
  void fromEnvironment_asymmetricAlgorithmWithSecret_refused() {
    assertThat(refused(env("JWT_ALGORITHM", "ES256")).getMessage())
        .contains("remove JWT_SECRET_KEY");
  }

  @Test
  void fromEnvironment_asymmetricWithoutPrivateJwkFile_refused() {
    assertThat(refused(env("JWT_ALGORITHM", "RS256", "JWT_SECRET_KEY", null)).getMessage())
        .contains("JWT_PRIVATE_JWK_FILE is missing")
        .contains("keygen --algorithm RS256");
  }

  @Test
  void fromEnvironment_unreadableJwkFile_refused(@TempDir Path dir) {
    assertThat(
            refused(
                    env(
                        "JWT_ALGORITHM",
                        "ES256",
                        "JWT_SECRET_KEY",
                        null,
                        "JWT_PRIVATE_JWK_FILE",
                        dir.resolve("missing.json").toString()))
                .getMessage())
        .contains("cannot be read");
  }

  @Test
  void fromEnvironment_es256PrivateJwkAndPublicSet_issuesAndValidates(@TempDir Path dir)
      throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    PublicJsonWebKey current =
        PublicJsonWebKey.Factory.newPublicJwk(g.generateKeyPair().getPublic());
    java.security.KeyPair kp = g.generateKeyPair();
    PublicJsonWebKey priv = PublicJsonWebKey.Factory.newPublicJwk(kp.getPublic());
    priv.setPrivateKey(kp.getPrivate());
    priv.setKeyId("cur");
    priv.setUse("sig");
    current.setKeyId("prev");
    Path privFile = dir.resolve("private.json");
    Files.writeString(
        privFile,
        priv.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE),
        StandardCharsets.UTF_8);
    Path pubFile = dir.resolve("public.json");
    PublicJsonWebKey pubOfCurrent = PublicJsonWebKey.Factory.newPublicJwk(kp.getPublic());
    pubOfCurrent.setKeyId("cur");
    Files.writeString(
        pubFile,
        new org.jose4j.jwk.JsonWebKeySet(current, pubOfCurrent).toJson(),
        StandardCharsets.UTF_8);

    JwtSettings s =
        JwtSettings.fromEnvironment(
            env(
                "JWT_SECRET_KEY",
                null,
                "JWT_ALGORITHM",
                "ES256",
                "JWT_PRIVATE_JWK_FILE",
                privFile.toString(),
                "JWT_PUBLIC_JWKS_FILE",
                pubFile.toString()));
    KeyRing ring = s.newKeyRing();
    assertThat(ring.keyIds()).containsExactly("cur", "prev");
    IssuedAccessToken t =
        s.issuerBuilder(ring).clock(CLOCK).build().issue(AccessTokenClaims.forSubject("a").build());
    assertThat(s.validatorBuilder(ring).clock(CLOCK).build().validate(t.value()).subject())
        .isEqualTo("a");
  }

  @Test
  void fromEnvironment_jwkForAnotherAlgorithm_refused(@TempDir Path dir) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    java.security.KeyPair kp = g.generateKeyPair();
    PublicJsonWebKey priv = PublicJsonWebKey.Factory.newPublicJwk(kp.getPublic());
    priv.setPrivateKey(kp.getPrivate());
    priv.setAlgorithm("ES384");
    Path privFile = dir.resolve("private.json");
    Files.writeString(
        privFile,
        priv.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE),
        StandardCharsets.UTF_8);
    assertThat(
            refused(
                    env(
                        "JWT_SECRET_KEY",
                        null,
                        "JWT_ALGORITHM",
                        "ES256",
                        "JWT_PRIVATE_JWK_FILE",
                        privFile.toString()))
                .getMessage())
        .contains("is for ES384");
    priv.setAlgorithm(null);
    priv.setUse("enc");
    Files.writeString(
        privFile,
        priv.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE),
        StandardCharsets.UTF_8);
    assertThat(
            refused(
                    env(
                        "JWT_SECRET_KEY",
                        null,
                        "JWT_ALGORITHM",
                        "ES256",
                        "JWT_PRIVATE_JWK_FILE",
                        privFile.toString()))
                .getMessage())
        .contains("\"use\" is not \"sig\"");
  }

  @Test
  void fromEnvironment_hmacWithJwkFile_refused() {
    assertThat(refused(env("JWT_PRIVATE_JWK_FILE", "/nonexistent")).getMessage())
        .contains("RS/PS/ES/EdDSA");
  }

  // --- environment binding
  // ----------------------------------------------------------------------------------------

  @Test
  void validate_tokenFromStagingInProduction_rejectsWithWrongEnvironment() throws Exception {
    JwtSettings staging = JwtSettings.fromEnvironment(env("JWT_ENVIRONMENT", "staging"));
    JwtSettings production = JwtSettings.fromEnvironment(env("JWT_ENVIRONMENT", "production"));
    assertThat(staging.keyFingerprint())
        .isEqualTo(production.keyFingerprint()); // what the start-up log shows
    AccessTokenIssuer stagingIssuer =
        staging.issuerBuilder(staging.newKeyRing()).clock(CLOCK).build();
    AccessTokenValidator productionValidator =
        production.validatorBuilder(production.newKeyRing()).clock(CLOCK).build();
    String token = stagingIssuer.issue(AccessTokenClaims.forSubject("alice").build()).value();

    assertThatThrownBy(() -> productionValidator.validate(token))
        .isInstanceOfSatisfying(
            InvalidTokenException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidTokenException.Reason.WRONG_ENVIRONMENT));
    AccessTokenValidator stagingValidator =
        staging.validatorBuilder(staging.newKeyRing()).clock(CLOCK).build();
    assertThat(stagingValidator.validate(token).subject()).isEqualTo("alice");
  }

  @Test
  void validate_environmentsWithGeneratedNames_onlyOwnEnvironmentAccepted() {
    qt().withExamples(50)
        .forAll(integers().between(0, 5), integers().between(0, 5))
        .checkAssert(
            (a, b) -> {
              String[] names = {"production", "staging", "dev", "qa", "eu-prod", "us.prod"};
              JwtSettings mint = JwtSettings.fromEnvironment(env("JWT_ENVIRONMENT", names[a]));
              JwtSettings check = JwtSettings.fromEnvironment(env("JWT_ENVIRONMENT", names[b]));
              String token =
                  mint.issuerBuilder(mint.newKeyRing())
                      .clock(CLOCK)
                      .build()
                      .issue(AccessTokenClaims.forSubject("u").build())
                      .value();
              AccessTokenValidator v =
                  check.validatorBuilder(check.newKeyRing()).clock(CLOCK).build();
              if (a.equals(b)) {
                assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> v.validate(token)))
                    .isNull();
              } else {
                assertThatThrownBy(() -> v.validate(token))
                    .isInstanceOf(InvalidTokenException.class);
              }
            });
  }

  // --- secrets never shown
  // ----------------------------------------------------------------------------------------

  @Test
  void toString_settings_neverContainsSecrets() {
    JwtSettings s =
        JwtSettings.fromEnvironment(env("JWT_PREVIOUS_SECRET_KEYS", "old:" + TestSecrets.STRONG_2));
    assertThat(s.toString())
        .doesNotContain(TestSecrets.STRONG)
        .doesNotContain(TestSecrets.STRONG_2)
        .contains(s.keyFingerprint());
  }

  @Test
  void fromEnvironment_generatedWeakSecrets_messageNeverContainsSecret() {
    qt().forAll(longs().all(), integers().between(9, 31))
        .checkAssert(
            (seed, len) -> {
              String weak = TestSecrets.base64url(seed, 30).substring(0, len);
              Map<String, String> e = env("JWT_SECRET_KEY", weak);
              assertThat(refused(e).getMessage()).doesNotContain(weak);
              Map<String, String> p = env("JWT_PREVIOUS_SECRET_KEYS", "old:" + weak);
              assertThat(refused(p).getMessage()).doesNotContain(weak);
            });
  }
}
