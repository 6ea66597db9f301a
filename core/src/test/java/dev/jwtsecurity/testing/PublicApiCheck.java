package dev.jwtsecurity.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Fails the build when a module's public API differs from its committed listing {@code
 * api/<artifactId>.api}, so every API change is a visible diff in review. A published module turns
 * it on with one class in its tests:
 *
 * <pre>{@code
 * class PublicApiTest extends PublicApiCheck {
 *   PublicApiTest() {
 *     super("jwt-security-servlet");
 *   }
 * }
 * }</pre>
 *
 * <p>After a reviewed change, regenerate the listing with {@code -DapiDump} (the failure message
 * prints the whole command) and commit it with the change. See {@link ApiListing} for what is
 * listed.
 */
public abstract class PublicApiCheck {

  /** The system property that rewrites the listing instead of checking it. */
  public static final String DUMP_PROPERTY = "apiDump";

  private final String artifactId;

  /**
   * Checks the module whose listing is {@code api/<artifactId>.api}.
   *
   * @param artifactId the module's Maven artifact id
   */
  protected PublicApiCheck(String artifactId) {
    this.artifactId = Objects.requireNonNull(artifactId, "artifactId");
  }

  @Test
  void publicApi_comparedWithCommittedListing_isUnchanged() throws IOException {
    Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    Path listingFile = module.resolve("api").resolve(artifactId + ".api");
    String command = dumpCommand(module.getFileName().toString(), getClass().getSimpleName());
    String actual =
        header(artifactId, command)
            + ApiListing.of(module.resolve("target/classes"), getClass().getClassLoader());
    if (System.getProperty(DUMP_PROPERTY) != null) {
      Files.createDirectories(listingFile.getParent());
      Files.writeString(listingFile, actual, StandardCharsets.UTF_8);
      System.out.println("Wrote the public API listing " + listingFile);
      return;
    }
    String expected =
        Files.exists(listingFile) ? Files.readString(listingFile, StandardCharsets.UTF_8) : null;
    Path shown = Path.of(module.getFileName().toString(), "api", artifactId + ".api");
    String failure = compare(artifactId, shown, expected, actual, command);
    if (failure != null) {
      fail(failure);
    }
  }

  /**
   * Returns why the build must fail, or {@code null} when the listing matches.
   *
   * @param expected the committed listing, {@code null} when there is none yet
   */
  static String compare(
      String artifactId, Path listingFile, String expected, String actual, String command) {
    if (expected == null) {
      return "No public API listing for "
          + artifactId
          + " at "
          + listingFile
          + ".\nCreate it with\n  "
          + command
          + "\nand commit it.";
    }
    String diff = ApiListing.diff(expected, actual);
    if (diff.isEmpty()) {
      return null;
    }
    return "The public API of "
        + artifactId
        + " differs from its committed listing "
        + listingFile
        + " (- listed, + compiled now):\n\n"
        + diff
        + "\nIf the change is intended, regenerate the listing and commit it with the change:\n  "
        + command;
  }

  static String dumpCommand(String moduleDir, String testClass) {
    return "./mvnw -B -q -pl "
        + moduleDir
        + " -am test -D"
        + DUMP_PROPERTY
        + " -Dtest="
        + testClass
        + " -Dsurefire.failIfNoSpecifiedTests=false";
  }

  static String header(String artifactId, String command) {
    return "# The public API of "
        + artifactId
        + ", generated from the compiled classes: do not edit.\n"
        + "# The build fails when it differs from the code. After a reviewed API change run\n"
        + "#   "
        + command
        + "\n# and commit this file with the change.\n\n";
  }
}
