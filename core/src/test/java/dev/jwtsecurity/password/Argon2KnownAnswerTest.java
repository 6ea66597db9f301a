package dev.jwtsecurity.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Version;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Argon2KnownAnswerTest {

  private static byte[] filled(int n, int value) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) value);
    return b;
  }

  /**
   * RFC 9106 §5.1-5.3: password 32x01, salt 16x02, secret 8x03, AD 12x04, m=32, t=3, p=4, tag 32,
   * version 0x13.
   */
  @ParameterizedTest
  @CsvSource({
    "ARGON2d, 512b391b6f1162975371d30919734294f868e3be3984f3c1a13a4db9fabe4acb",
    "ARGON2i, c814d9d1dc7f37aa13f0d77f2494bda1c8de6b016dd388d29952a4c4672b6ce8",
    "ARGON2id, 0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659",
  })
  void rawHash_rfc9106Vectors_matchTag(Argon2Factory.Argon2Types type, String expectedHex) {
    Argon2Advanced argon2 = Argon2Factory.createAdvanced(type);
    byte[] tag =
        argon2.rawHashAdvanced(
            3,
            32,
            4,
            filled(32, 1),
            filled(16, 2),
            filled(8, 3),
            filled(12, 4),
            32,
            Argon2Version.V13);
    assertThat(HexFormat.of().formatHex(tag)).isEqualTo(expectedHex);
  }

  @Test
  void engine_argon2idWithoutSecret_matchesArgon2JvmDirectly() {
    // Our engine passes no secret and no AD; it must still be plain Argon2id (cross-check with the
    // raw API).
    Argon2Parameters p =
        new Argon2Parameters(Argon2Parameters.Variant.ARGON2ID, 19, 32, 3, 4, 16, 32);
    byte[] ours = NativeHashEngine.INSTANCE.argon2(p, filled(32, 1), filled(16, 2));
    byte[] direct =
        Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id)
            .rawHash(3, 32, 4, filled(32, 1), filled(16, 2));
    assertThat(ours).isEqualTo(direct);
  }

  /**
   * Made by the reference command: {@code echo -n PASSWORD | argon2 SALT <args> -e} (Debian package
   * argon2).
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "pw|$argon2id$v=19$m=32768,t=2,p=1$c29tZXNhbHRzYWx0$42O0Qv4XzgaXoooTQC64wO4DZUPJ9xHE6CxoYmn+qLU",
        "pässwörd|$argon2i$v=19$m=8192,t=3,p=2$c2FsdHNhbHRzYWx0$Nb5NcwKwwfmmXS+3KryoW++trU7kQW9rwRAsAd7VgjU",
        "pw|$argon2d$v=16$m=4096,t=1,p=1$c29tZXNhbHRzYWx0$l37MzM05sbw/bhhSzk0JHjfffYSVSk+g33tozHnuVyE",
        "pw|$argon2d$m=4096,t=1,p=1$c29tZXNhbHRzYWx0$l37MzM05sbw/bhhSzk0JHjfffYSVSk+g33tozHnuVyE",
        "correct horse|$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$rk2Mi3E4dgRMg0fHaYaptWVZRKqs//6b6k3/nntqGJk",
        "x|$argon2id$v=19$m=64,t=1,p=4$c2FsdHlzYWx0eXNhbHR5$Pq7BiIec2pkZHwaqBn5hoA",
      })
  void verify_referenceToolVectors_match(String password, String phc) {
    PasswordHasher hasher = PasswordHasher.builder().build();
    assertThat(hasher.verify(password, phc).status()).isEqualTo(PasswordVerification.Status.MATCH);
    assertThat(hasher.verify(password + "!", phc).status())
        .isEqualTo(PasswordVerification.Status.MISMATCH);
  }

  @Test
  void verify_referenceToolVectorAtDefaults_matchesWithoutRehash() {
    PasswordHasher hasher = PasswordHasher.builder().build();
    PasswordVerification v =
        hasher.verify(
            "correct horse",
            "$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$rk2Mi3E4dgRMg0fHaYaptWVZRKqs//6b6k3/nntqGJk");
    assertThat(v).isEqualTo(new PasswordVerification(PasswordVerification.Status.MATCH, false));
  }

  @Test
  void hash_atDefaults_sameStringAsReferenceTool() throws Exception {
    // Our PHC output, byte for byte, equals the reference tool's for the same salt (committed
    // vector).
    PasswordHasher hasher = PasswordHasher.builder().build();
    String ours =
        hasher.hashWithSalt(
            "correct horse".getBytes(StandardCharsets.UTF_8),
            "0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    assertThat(ours)
        .isEqualTo(
            "$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$rk2Mi3E4dgRMg0fHaYaptWVZRKqs//6b6k3/nntqGJk");
  }

  @Test
  void referenceTool_whenInstalled_producesOurHashAndVerifiesHere() throws Exception {
    File tool = findTool();
    if (tool == null) {
      System.out.println(
          "SKIPPED: the reference 'argon2' command is not installed (Debian package argon2);"
              + " the committed vectors above still ran");
    }
    assumeTrue(tool != null, "argon2 command not installed (apt-get install argon2)");
    PasswordHasher hasher = PasswordHasher.builder().build();
    String[] passwords = {
      "pw", "pässwörd \u4e2d\u6587", "with space and\ttab", "x".repeat(100)
    }; // the tool reads at most 127 bytes
    for (String password : passwords) {
      byte[] pw = password.getBytes(StandardCharsets.UTF_8);
      String salt = "saltsalt" + Integer.toHexString(password.hashCode());
      String ours = hasher.hashWithSalt(pw, salt.getBytes(StandardCharsets.US_ASCII));
      String theirs = run(tool, pw, salt, "-id", "-t", "2", "-k", "19456", "-p", "1", "-e");
      // Ours verifies there: the tool computes the identical string from the same inputs.
      assertThat(ours).isEqualTo(theirs);
      // Theirs verifies here, for other variants and costs too.
      assertThat(
              hasher
                  .verify(
                      password, run(tool, pw, salt, "-i", "-t", "3", "-k", "4096", "-p", "2", "-e"))
                  .matches())
          .isTrue();
      assertThat(
              hasher
                  .verify(
                      password,
                      run(
                          tool, pw, salt, "-d", "-t", "1", "-k", "1024", "-p", "1", "-v", "10",
                          "-e"))
                  .matches())
          .isTrue();
    }
  }

  private static File findTool() {
    for (String dir : new String[] {"/usr/bin", "/usr/local/bin", "/bin"}) {
      File f = new File(dir, "argon2");
      if (f.canExecute()) {
        return f;
      }
    }
    return null;
  }

  private static String run(File tool, byte[] stdin, String salt, String... args)
      throws IOException, InterruptedException {
    String[] cmd = new String[args.length + 2];
    cmd[0] = tool.getPath();
    cmd[1] = salt;
    System.arraycopy(args, 0, cmd, 2, args.length);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(stdin);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream o = p.getInputStream()) {
      o.transferTo(out);
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    return out.toString(StandardCharsets.UTF_8).strip();
  }
}
