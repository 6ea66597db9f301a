package dev.jwtsecurity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void run_noArguments_exitsTwoWithUsage() {
    Cli.Result r = Cli.run();
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("usage: jwt-security");
  }

  @Test
  void run_unknownCommand_exitsTwoWithUsage() {
    Cli.Result r = Cli.run("frobnicate");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("unknown command").contains("usage:").doesNotContain("frobnicate");
  }

  @Test
  void run_help_exitsZeroWithUsageOnStdout() {
    Cli.Result r = Cli.run("--help");
    assertThat(r.status()).isZero();
    assertThat(r.out())
        .contains("keygen")
        .contains("check-secret")
        .contains("verify")
        .contains("inspect");
  }

  @Test
  void run_unknownOption_exitsTwo() {
    assertThat(Cli.run("keygen", "--bogus").status()).isEqualTo(2);
  }

  @Test
  void run_publicEntryPoint_usesSystemClockAndRandom() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        Main.run(
            new String[] {"keygen"},
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            Map.of());
    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).strip()).hasSize(43);
  }
}
