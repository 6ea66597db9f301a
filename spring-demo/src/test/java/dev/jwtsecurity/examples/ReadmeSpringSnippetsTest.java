package dev.jwtsecurity.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Spring Boot blocks compile against Spring Boot 4 and the starter (the other blocks
 * are compiled by the examples' {@code ReadmeSnippetsTest}, with the same compiler and givens).
 */
class ReadmeSpringSnippetsTest {

  @TempDir Path out;

  @Test
  void readme_everySpringBootBlock_compiles() throws IOException {
    Path readme = Path.of(System.getProperty("basedir", ".")).resolve("../README.md").normalize();
    String markdown = Files.readString(readme, StandardCharsets.UTF_8);

    List<String> errors =
        ReadmeSnippets.compile("README.md", markdown, out, ReadmeSnippets.Snippet::needsSpringBoot);

    assertThat(ReadmeSnippets.extract(markdown))
        .filteredOn(ReadmeSnippets.Snippet::needsSpringBoot)
        .hasSizeGreaterThanOrEqualTo(2);
    assertThat(errors).as("README.md Spring Boot snippets must compile").isEmpty();
  }
}
