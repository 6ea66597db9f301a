package dev.jwtsecurity.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Every log line written through slf4j during a test run, kept in memory for {@link LogLeakGuard}'s
 * final check and for tests that assert on log output.
 *
 * <pre>{@code
 * int mark = LogCapture.global().size();
 * service.doSomething();
 * List<String> written = LogCapture.global().linesSince(mark);
 * }</pre>
 *
 * <p>Bounded at {@value #MAX_LINES} lines; lines beyond are still checked as they are written
 * ({@link #earlyLeaks()}) but not kept. A captured line is {@code LEVEL logger - message},
 * followed, when a throwable was logged, by the {@code toString()} of the throwable and of each
 * cause (exception messages are log output too).
 */
public final class LogCapture {

  /** The most lines kept. */
  public static final int MAX_LINES = 200_000;

  /** The longest line kept, in chars (longer lines are checked whole when written, then cut). */
  public static final int MAX_LINE_LENGTH = 16_384;

  private static final LogCapture GLOBAL = new LogCapture(Secrets.global());

  private final Secrets secrets;
  private final List<String> lines = new ArrayList<>();
  private final List<String> earlyLeaks = new ArrayList<>();
  private long dropped;
  private volatile String currentTest = "(no test running)";

  /**
   * Creates a capture checked against {@code secrets}.
   *
   * @param secrets the registry each line is checked against as it is written
   */
  public LogCapture(Secrets secrets) {
    this.secrets = secrets;
  }

  /**
   * Returns the capture slf4j writes to during a test run.
   *
   * @return the global capture
   */
  public static LogCapture global() {
    return GLOBAL;
  }

  /**
   * Records one line, checking it at once so the report can name the test that wrote it.
   *
   * @param line the formatted line
   */
  public void add(String line) {
    LogLeakChecker.Kind kind = LogLeakChecker.kindOf(line, secrets.values());
    synchronized (this) {
      if (kind != null) {
        earlyLeaks.add(
            kind
                + " written during "
                + currentTest
                + ": "
                + LogLeakChecker.mask(line, secrets.values()));
      }
      if (lines.size() < MAX_LINES) {
        lines.add(line.length() > MAX_LINE_LENGTH ? line.substring(0, MAX_LINE_LENGTH) : line);
      } else {
        dropped++;
      }
    }
  }

  /**
   * Returns a snapshot of the kept lines.
   *
   * @return the lines, oldest first
   */
  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  /**
   * Returns the number of kept lines; a mark for {@link #linesSince(int)}.
   *
   * @return the count
   */
  public synchronized int size() {
    return lines.size();
  }

  /**
   * Returns the lines kept after {@code mark}.
   *
   * @param mark a value returned by {@link #size()}
   * @return the newer lines
   */
  public synchronized List<String> linesSince(int mark) {
    return List.copyOf(lines.subList(Math.min(mark, lines.size()), lines.size()));
  }

  /**
   * Returns the leaks seen when lines were written (masked, with the test that was running).
   *
   * @return descriptions of early-detected leaks
   */
  public synchronized List<String> earlyLeaks() {
    return List.copyOf(earlyLeaks);
  }

  /**
   * Returns how many lines were not kept because the capture was full.
   *
   * @return the count
   */
  public synchronized long dropped() {
    return dropped;
  }

  /**
   * Returns the secrets registry this capture checks against.
   *
   * @return the registry
   */
  public Secrets secrets() {
    return secrets;
  }

  void currentTest(String name) {
    this.currentTest = name;
  }
}
