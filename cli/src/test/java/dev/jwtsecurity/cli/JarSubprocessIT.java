package dev.jwtsecurity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the shaded jar as a real process, as operators do (failsafe, after {@code package}). */
class JarSubprocessIT {

  private static final Path JAR = Path.of("target", "jwt-security-cli.jar");

  private record Run(int status, String out, String err) {}

  private static Run run(String stdin, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(JAR.toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(
        p.exitValue(),
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void jar_keygenThenCheckSecret_acceptedWithoutEcho() throws Exception {
    assertThat(Files.exists(JAR)).isTrue();
    Run keygen = run("", "keygen");
    assertThat(keygen.status()).isZero();
    String secret = keygen.out().strip();
    Run check = run(secret + "\n", "check-secret");
    assertThat(check.status()).isZero();
    assertThat(check.out() + check.err()).doesNotContain(secret);
  }

  @Test
  void jar_weakSecretAndUnknownCommand_exitCodes() throws Exception {
    assertThat(run("changeme\n", "check-secret").status()).isEqualTo(1);
    assertThat(run("", "nope").status()).isEqualTo(2);
  }
}
