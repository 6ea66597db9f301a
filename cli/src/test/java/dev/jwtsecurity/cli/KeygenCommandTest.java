package dev.jwtsecurity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsecurity.config.Secret;
import dev.jwtsecurity.token.Algorithm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeygenCommandTest {

  @ParameterizedTest
  @CsvSource({"HS256,32", "HS384,48", "HS512,64"})
  void keygen_hmac_printsBase64urlSecretOfHashSizeThatPassesTheCheck(String alg, int bytes) {
    Cli.Result r = Cli.run("keygen", "--algorithm", alg);
    assertThat(r.status()).isZero();
    String secret = r.out().strip();
    assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(bytes);
    assertThat(Secret.ofUtf8(secret).problemsFor(Algorithm.fromName(alg)).isEmpty()).isTrue();
    assertThat(r.err()).contains("JWT_SECRET_KEY").doesNotContain(secret);
  }

  @Test
  void keygen_default_isHs256AndFreshEachTime() {
    String a = Cli.run("keygen").out().strip();
    String b = Cli.run("keygen").out().strip();
    assertThat(a).hasSize(43).isNotEqualTo(b);
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "NONE", "HS1", "RSA"})
  void keygen_badAlgorithm_exitsTwo(String alg) {
    assertThat(Cli.run("keygen", "--algorithm", alg).status()).isEqualTo(2);
  }

  @Test
  void keygen_publicOutWithHmac_exitsTwo(@TempDir Path dir) {
    assertThat(Cli.run("keygen", "--public-out", dir.resolve("p.json").toString()).status())
        .isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"EdDSA", "ES256", "RS256"})
  void keygen_asymmetric_privateJwkOnStdoutPublicSetOnStderr(String alg) throws Exception {
    Cli.Result r = Cli.run("keygen", "--algorithm", alg);
    assertThat(r.status()).isZero();
    PublicJsonWebKey priv = PublicJsonWebKey.Factory.newPublicJwk(r.out().strip());
    assertThat(priv.getPrivateKey()).isNotNull();
    assertThat(priv.getAlgorithm()).isEqualTo(alg);
    assertThat(priv.getUse()).isEqualTo("sig");
    assertThat(priv.getKeyId()).isEqualTo(priv.calculateBase64urlEncodedThumbprint("SHA-256"));
    String set = r.err().substring(r.err().indexOf('{'));
    JsonWebKeySet jwks = new JsonWebKeySet(set.strip());
    assertThat(jwks.getJsonWebKeys()).hasSize(1);
    assertThat(set).doesNotContain("\"d\"");
  }

  @Test
  void keygen_publicOut_writesPublicSetAndRefusesToOverwrite(@TempDir Path dir) throws Exception {
    Path pub = dir.resolve("public.json");
    Cli.Result r = Cli.run("keygen", "--algorithm", "ES256", "--public-out", pub.toString());
    assertThat(r.status()).isZero();
    String json = Files.readString(pub, StandardCharsets.UTF_8);
    assertThat(new JsonWebKeySet(json).getJsonWebKeys())
        .singleElement()
        .satisfies(
            k ->
                assertThat(k.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE))
                    .doesNotContain("\"d\""));
    assertThat(Cli.run("keygen", "--algorithm", "ES256", "--public-out", pub.toString()).status())
        .isEqualTo(2);
  }
}
