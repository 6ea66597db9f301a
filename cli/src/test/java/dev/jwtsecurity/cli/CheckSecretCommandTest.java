package dev.jwtsecurity.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CheckSecretCommandTest {

  private static final String STRONG = "Zr8Kq3Xv0bN7mW2pL9cT5yH1sD6fJ4gA8eU3iO7kQ2x";

  @Test
  void checkSecret_strongOnStdin_exitsZeroWithoutEcho() {
    Cli.Result r = Cli.runWithStdin(STRONG, "check-secret");
    assertThat(r.status()).isZero();
    assertThat(r.out()).startsWith("accepted for HS256");
    assertThat(r.all()).doesNotContain(STRONG).doesNotContain(STRONG.substring(0, 10));
  }

  @Test
  void checkSecret_oneTrailingNewline_strippedAndAccepted() {
    assertThat(Cli.runWithStdin(STRONG + "\n", "check-secret").status()).isZero();
    assertThat(Cli.runWithStdin(STRONG + "\r\n", "check-secret").status()).isZero();
  }

  @Test
  void checkSecret_twoTrailingNewlines_refusedForWhitespace() {
    Cli.Result r = Cli.runWithStdin(STRONG + "\n\n", "check-secret");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).contains("whitespace");
  }

  @Test
  void checkSecret_guidePlaceholder_exitsOneWithReasonsWithoutEcho() {
    String s = "your-very-long-random-secret-key-here";
    Cli.Result r = Cli.runWithStdin(s, "check-secret");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).contains("refused").contains("placeholder").contains("jwt-security keygen");
    assertThat(r.all()).doesNotContain(s);
  }

  @Test
  void checkSecret_emptyStdin_exitsOne() {
    assertThat(Cli.runWithStdin("", "check-secret").status()).isEqualTo(1);
  }

  @Test
  void checkSecret_hs512WithHs256Secret_exitsOne() {
    Cli.Result r = Cli.runWithStdin(STRONG, "check-secret", "--algorithm", "HS512");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).contains("64 bytes");
  }

  @Test
  void checkSecret_algorithmFromEnvironment_used() {
    Cli.Result r =
        Cli.run(
            STRONG.getBytes(StandardCharsets.UTF_8),
            Map.of("JWT_ALGORITHM", "HS384"),
            Cli.NOW,
            "check-secret");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).contains("HS384");
  }

  @Test
  void checkSecret_fromEnv_readsJwtSecretKeyExactly() {
    Cli.Result ok =
        Cli.run(
            new byte[0], Map.of("JWT_SECRET_KEY", STRONG), Cli.NOW, "check-secret", "--from-env");
    assertThat(ok.status()).isZero();
    assertThat(ok.all()).doesNotContain(STRONG);
    Cli.Result nl =
        Cli.run(
            new byte[0],
            Map.of("JWT_SECRET_KEY", STRONG + "\n"),
            Cli.NOW,
            "check-secret",
            "--from-env");
    assertThat(nl.status()).isEqualTo(1);
    Cli.Result missing = Cli.run(new byte[0], Map.of(), Cli.NOW, "check-secret", "--from-env");
    assertThat(missing.status()).isEqualTo(1);
    assertThat(missing.out()).contains("not set");
  }

  @Test
  void checkSecret_secretAsArgument_exitsTwoWithoutEcho() {
    Cli.Result r = Cli.run("check-secret", STRONG);
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.all()).doesNotContain(STRONG);
  }

  @Test
  void checkSecret_asymmetricAlgorithm_exitsTwo() {
    assertThat(Cli.runWithStdin(STRONG, "check-secret", "--algorithm", "RS256").status())
        .isEqualTo(2);
  }

  @Test
  void checkSecret_hugeInput_exitsTwo() {
    assertThat(Cli.runWithStdin("a".repeat(70_000), "check-secret").status()).isEqualTo(2);
  }

  @Test
  void checkSecret_generatedSecretsStrongOrWeak_neverEchoed() {
    qt().withExamples(200)
        .forAll(longs().all(), integers().between(8, 80))
        .checkAssert(
            (seed, len) -> {
              byte[] b = new byte[64];
              new SplittableRandom(seed).nextBytes(b);
              String s =
                  Base64.getUrlEncoder().withoutPadding().encodeToString(b).substring(0, len);
              Cli.Result r = Cli.runWithStdin(s, "check-secret");
              assertThat(r.status()).isIn(0, 1);
              assertThat(r.all()).doesNotContain(s);
            });
  }
}
