package dev.jwtsecurity.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard itself, on a private capture and registry (never the global ones, or this test would
 * fail the real run). That the real run fails is shown by the guard's exit: Surefire reports a
 * forked VM that ended with status 1.
 */
class LogLeakGuardTest {

  private static final String SECRET = "guard-test-secret-value-0042";

  @TempDir Path dir;

  private final Secrets secrets = new Secrets();
  private final LogCapture capture = new LogCapture(secrets);
  private final List<Integer> exits = new ArrayList<>();

  private LogLeakGuard guard() {
    return new LogLeakGuard(capture, exits::add, dir.resolve("target/leaks.txt"));
  }

  @Test
  void testPlanFinished_noLeak_doesNotExit() {
    capture.add("INFO x - all good");

    guard().testPlanExecutionFinished(null);

    assertThat(exits).isEmpty();
    assertThat(dir.resolve("target/leaks.txt")).doesNotExist();
  }

  @Test
  void testPlanFinished_secretLogged_exitsWithFailureAndWritesMaskedReport() throws Exception {
    secrets.add(SECRET);
    capture.add("DEBUG x - password is " + SECRET);

    guard().testPlanExecutionFinished(null);

    assertThat(exits).containsExactly(LogLeakGuard.LEAK_EXIT_STATUS);
    String report = Files.readString(dir.resolve("target/leaks.txt"), StandardCharsets.UTF_8);
    assertThat(report)
        .contains("A SECRET WAS WRITTEN TO A LOG LINE")
        .contains("[SECRET]")
        .doesNotContain(SECRET);
  }

  @Test
  void testPlanFinished_secretRegisteredAfterItWasLogged_isStillCaught() {
    capture.add("WARN y - cookie __Host-refresh=" + SECRET);
    assertThat(capture.earlyLeaks()).isEmpty();
    secrets.add(SECRET);

    guard().testPlanExecutionFinished(null);

    assertThat(exits).containsExactly(1);
  }

  @Test
  void add_leakWhileATestRuns_namesTheTestInTheFinding() {
    secrets.add(SECRET);
    capture.currentTest("login_wrongPassword_fails()");

    capture.add("INFO z - " + SECRET);

    assertThat(capture.earlyLeaks())
        .singleElement()
        .satisfies(
            f -> assertThat(f).contains("login_wrongPassword_fails()").doesNotContain(SECRET));
    assertThat(guard().findings()).hasSize(2); // the early finding and the final re-check
  }
}
