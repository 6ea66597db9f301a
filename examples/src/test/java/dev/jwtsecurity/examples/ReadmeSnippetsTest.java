package dev.jwtsecurity.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every Java snippet of README.md compiles against the published modules. */
class ReadmeSnippetsTest {

  @TempDir Path out;

  @Test
  void readme_everyJavaBlock_compiles() throws IOException {
    Path readme = Path.of(System.getProperty("basedir", ".")).resolve("../README.md").normalize();
    String markdown = Files.readString(readme, StandardCharsets.UTF_8);

    List<String> errors = ReadmeSnippets.compile("README.md", markdown, out);

    assertThat(ReadmeSnippets.extract(markdown)).hasSizeGreaterThan(10);
    assertThat(errors)
        .as(
            "README.md snippets must compile; givens are in ReadmeContext, rules in"
                + " ReadmeSnippets")
        .isEmpty();
  }

  @Test
  void compile_snippetCallingAMissingMethod_failsNamingTheReadmeLine() throws IOException {
    String markdown =
        """
        # Title

        ```java
        JwtSecurity s = JwtSecurity.fromEnvironment(System.getenv());
        s.noSuchMethod();
        ```
        """;

    List<String> errors = ReadmeSnippets.compile("DOC.md", markdown, out);

    assertThat(errors)
        .singleElement()
        .asString()
        .startsWith("DOC.md:5 (statements): ")
        .contains("noSuchMethod");
  }

  @Test
  void compile_deprecatedOrRawUse_failsToo() throws IOException {
    String markdown =
        """
        ```java
        List list = new ArrayList<String>();
        ```
        """;

    assertThat(ReadmeSnippets.compile("DOC.md", markdown, out)).isNotEmpty();
  }

  @Test
  void extract_threeKindsOfBlock_areToldApart() {
    String markdown =
        """
        ```java
        // a comment first
        String a = "statements";
        ```
        text
        ```java
        @Bean
        Object bean() { return null; }
        ```
        ```java
        public final class Whole {}
        ```
        ```sh
        echo not java
        ```
        """;

    List<ReadmeSnippets.Snippet> snippets = ReadmeSnippets.extract(markdown);

    assertThat(snippets)
        .extracting(ReadmeSnippets.Snippet::kind)
        .containsExactly(
            ReadmeSnippets.BlockKind.STATEMENTS,
            ReadmeSnippets.BlockKind.MEMBERS,
            ReadmeSnippets.BlockKind.FILE);
    assertThat(snippets).extracting(ReadmeSnippets.Snippet::line).containsExactly(2, 7, 11);
  }

  @Test
  void compile_membersAndWholeFiles_compileInTheirContext() throws IOException {
    String markdown =
        """
        ```java
        @Deprecated
        SecurityHeadersFilter headers() {
          return new SecurityHeadersFilter();
        }
        ```
        ```java
        public final class Startup {
          void run(JwtSecurity security) {}
        }
        ```
        """;

    assertThat(ReadmeSnippets.compile("DOC.md", markdown, out)).isEmpty();
  }

  @Test
  void compile_springBootBlock_leftToTheSpringBootDemosTests() throws IOException {
    String markdown =
        """
        ```java
        import org.springframework.context.annotation.Bean;

        class NeedsSpring {
          @Bean
          Object bean() { return null; }
        }
        ```
        """;

    assertThat(ReadmeSnippets.extract(markdown).get(0).needsSpringBoot()).isTrue();
    assertThat(ReadmeSnippets.compile("DOC.md", markdown, out)).as("not compiled here").isEmpty();
  }
}
