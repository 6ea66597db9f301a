package dev.jwtsecurity.testing;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Fails the test run when any log line written during it contains a secret (see {@link Secrets} and
 * {@link LogLeakChecker}). Registered in {@code
 * META-INF/services/org.junit.platform.launcher.TestExecutionListener}, so it runs in every module
 * whose test classpath has core's test-jar.
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>dev.jwtsecurity</groupId>
 *   <artifactId>jwt-security-core</artifactId>
 *   <type>test-jar</type>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
 *
 * <p>At the end of the test plan it re-checks every captured line against every secret registered
 * during the run (a secret registered after it was logged is still caught), writes the masked
 * findings to {@code target/jwt-security-log-leaks.txt} and standard error, and then ends the test
 * JVM with status 1. JUnit ignores exceptions thrown by execution listeners, so ending the JVM is
 * the one reliable way for a listener to fail the build: Surefire reports "The forked VM terminated
 * without properly saying goodbye" and the build fails.
 */
public final class LogLeakGuard implements TestExecutionListener {

  /** Exit status used when a leak is found. */
  public static final int LEAK_EXIT_STATUS = 1;

  private final LogCapture capture;
  private final IntConsumer exit;
  private final Path report;

  /**
   * Called by the JUnit Platform's ServiceLoader: checks the global capture and ends the JVM on a
   * leak.
   */
  public LogLeakGuard() {
    this(LogCapture.global(), System::exit, Path.of("target", "jwt-security-log-leaks.txt"));
  }

  LogLeakGuard(LogCapture capture, IntConsumer exit, Path report) {
    this.capture = capture;
    this.exit = exit;
    this.report = report;
  }

  @Override
  public void executionStarted(TestIdentifier testIdentifier) {
    if (testIdentifier.isTest()) {
      capture.currentTest(
          testIdentifier.getDisplayName() + " [" + testIdentifier.getUniqueId() + "]");
    }
  }

  @Override
  public void executionFinished(
      TestIdentifier testIdentifier, TestExecutionResult testExecutionResult) {
    if (testIdentifier.isTest()) {
      capture.currentTest("(between tests)");
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    List<String> findings = findings();
    if (findings.isEmpty()) {
      return;
    }
    List<String> out = new ArrayList<>();
    out.add(
        "jwt-security: A SECRET WAS WRITTEN TO A LOG LINE during this test run (values masked below).");
    out.add(
        "Never log a token, password, secret or raw Authorization/Cookie header (see SECURITY.md).");
    out.addAll(findings);
    PrintStream err = System.err;
    for (String line : out) {
      err.println(line);
    }
    err.flush();
    try {
      Path dir = report.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      Files.write(report, out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println("(could not write " + report + ": " + e + ")");
    }
    exit.accept(LEAK_EXIT_STATUS);
  }

  /**
   * Returns the masked findings: leaks seen as lines were written, then the final re-check of every
   * kept line.
   */
  List<String> findings() {
    List<String> findings = new ArrayList<>(capture.earlyLeaks());
    for (LogLeakChecker.Leak leak :
        LogLeakChecker.check(capture.lines(), capture.secrets().values())) {
      findings.add("line " + leak.lineNumber() + " " + leak.kind() + ": " + leak.maskedLine());
    }
    return findings;
  }
}
