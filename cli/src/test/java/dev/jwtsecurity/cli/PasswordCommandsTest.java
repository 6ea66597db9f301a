package dev.jwtsecurity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PasswordCommandsTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int hash(String stdin) {
    return PasswordCommands.run(
        new String[] {"hash-password"}, input(stdin), print(out), print(err));
  }

  private int verify(String phc, String stdin) {
    return PasswordCommands.run(
        new String[] {"verify-password", phc},
        input(stdin),
        print(new ByteArrayOutputStream()),
        print(err));
  }

  private static ByteArrayInputStream input(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  private static PrintStream print(ByteArrayOutputStream b) {
    return new PrintStream(b, true, StandardCharsets.UTF_8);
  }

  @Test
  void hashPassword_pipedInput_printsPhcThatVerifiesWithExactBytes() {
    assertThat(hash("correct horse\n")).isZero();
    String phc = out.toString(StandardCharsets.UTF_8).strip();
    assertThat(phc).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(verify(phc, "correct horse\n")).isEqualTo(PasswordCommands.MATCH);
    // The newline is part of the password when piped.
    assertThat(verify(phc, "correct horse")).isEqualTo(PasswordCommands.MISMATCH);
  }

  @Test
  void verifyPassword_referenceToolHash_exitCodes() {
    String phc =
        "$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$rk2Mi3E4dgRMg0fHaYaptWVZRKqs//6b6k3/nntqGJk";
    assertThat(verify(phc, "correct horse")).isEqualTo(PasswordCommands.MATCH);
    assertThat(verify(phc, "wrong")).isEqualTo(PasswordCommands.MISMATCH);
    assertThat(verify("$argon2id$v=19$m=19456", "x")).isEqualTo(PasswordCommands.BAD_HASH);
    assertThat(verify("5f4dcc3b5aa765d61d8327deb882cf99", "password"))
        .isEqualTo(PasswordCommands.BAD_HASH);
    assertThat(verify(phc.replace("m=19456", "m=9999999"), "x"))
        .isEqualTo(PasswordCommands.BAD_HASH);
  }

  @Test
  void verifyPassword_migrationFormats_matchNeedsRehashOrRefused() {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    int status =
        PasswordCommands.run(
            new String[] {
              "verify-password",
              "pbkdf2_sha256$600000$seasalt$OAXyhAQ/4ZDA9V5RMExt3C1OwQdUpLZ99vm1McFlLRA="
            },
            input("lètmein"),
            print(stdout),
            print(err));
    assertThat(status).isEqualTo(PasswordCommands.MATCH);
    assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("match (needs rehash)");
    assertThat(verify("{noop}lètmein", "lètmein")).isEqualTo(PasswordCommands.BAD_HASH);
    assertThat(verify("md5$seasalt$3f86d0d3d465b7b458c231bf3555c0e3", "lètmein"))
        .isEqualTo(PasswordCommands.BAD_HASH);
    assertThat(verify("pbkdf2_sha256$1000$salt$OAXyhAQ/4ZDA9V5RMExt3C1OwQdUpLZ99vm1McFlLRA=", "x"))
        .isEqualTo(PasswordCommands.BAD_HASH);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("INSECURE_SCHEME")
        .contains("PARAMETERS_BELOW_FLOOR")
        .doesNotContain("lètmein");
  }

  @Test
  void hashPassword_emptyOrOverlong_failsWithoutEchoingInput() {
    assertThat(hash("")).isEqualTo(1);
    assertThat(hash("y".repeat(5000))).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("TOO_LONG").doesNotContain("yyyy");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void verifyPassword_missingArgument_usage() {
    assertThat(
            PasswordCommands.run(
                new String[] {"verify-password"}, input("x"), print(out), print(err)))
        .isEqualTo(2);
  }
}
