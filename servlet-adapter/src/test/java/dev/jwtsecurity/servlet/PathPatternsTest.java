package dev.jwtsecurity.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathPatternsTest {

  private final PathPatterns publicPaths =
      PathPatterns.of(List.of("/health", "/api/auth/*", "/public/*"));

  @Test
  void matches_exactAndPrefix_asDocumented() {
    assertThat(publicPaths.matches("/health", "")).isTrue();
    assertThat(publicPaths.matches("/health/x", "")).isFalse();
    assertThat(publicPaths.matches("/healthz", "")).isFalse();
    assertThat(publicPaths.matches("/api/auth", "")).isTrue();
    assertThat(publicPaths.matches("/api/auth/login", "")).isTrue();
    assertThat(publicPaths.matches("/api/authx", "")).isFalse();
    assertThat(publicPaths.matches("/api/me", "")).isFalse();
    assertThat(publicPaths.matches("/app/health", "/app")).isTrue();
    assertThat(publicPaths.matches("/health", "/app")).isFalse();
    assertThat(publicPaths.matches("/public/caf%C3%A9", "")).isTrue();
  }

  @Test
  void matches_nonCanonicalPaths_neverPublic() {
    for (String trick :
        List.of(
            "/public/../api/me",
            "/public/..;/api/me",
            "/public;x/a",
            "/public/%2e%2e/api",
            "/public/%2E./api",
            "/public/..%2Fapi",
            "/public/..%5capi",
            "/public\\..\\api",
            "//public/a",
            "/public//a",
            "/public/./a",
            "/public/%252e%252e/api",
            "/public/%00",
            "/public/%ZZ",
            "/public/%C3",
            "/public/a%3Bb",
            "/health;",
            "/public/\u00e9",
            "/public/a b")) {
      assertThat(publicPaths.matches(trick, "")).as(trick).isFalse();
    }
  }

  @Test
  void of_invalidPatterns_rejectedWithHint() {
    for (String bad :
        List.of("health", "/a/*/b", "/a*", "/a/", "/a/../b", "/a;b", "/a//b", "*.css")) {
      assertThatThrownBy(() -> PathPatterns.of(List.of(bad)))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("/health");
    }
  }

  private static final String[] SEGMENTS = {
    "public",
    "api",
    "me",
    "..",
    ".",
    "",
    "%2e%2e",
    "%2e",
    "..;",
    ";x=y",
    "public;a",
    "%2f",
    "%70ublic",
    "auth",
    "%2E%2E",
    "..%2f",
    "%252e",
    "\\..",
    "health"
  };

  /**
   * What a lenient container could route a raw path to: strip {@code ;} parameters, percent-decode
   * (twice, to model double decoding), turn backslashes into slashes, collapse empty segments,
   * resolve dot segments.
   */
  private static String lenientNormalise(String raw) {
    String s = raw.replaceAll(";[^/]*", "");
    s = URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    s = URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    s = s.replace('\\', '/');
    Deque<String> out = new ArrayDeque<>();
    List<String> segments = new java.util.ArrayList<>();
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == '/') {
        segments.add(s.substring(start, i));
        start = i + 1;
      }
    }
    for (String seg : segments) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        out.pollLast();
      } else {
        out.addLast(seg);
      }
    }
    return "/" + String.join("/", out);
  }

  @Test
  void matches_generatedPathTricks_publicOnlyWhenEveryNormalisationAgrees() {
    qt().withExamples(20_000)
        .forAll(lists().of(integers().between(0, SEGMENTS.length - 1)).ofSizeBetween(1, 6))
        .checkAssert(
            picks -> {
              StringBuilder sb = new StringBuilder();
              for (int i : picks) {
                sb.append('/').append(SEGMENTS[i]);
              }
              String raw = sb.toString();
              boolean isPublic;
              try {
                isPublic = publicPaths.matches(raw, "");
              } catch (RuntimeException e) {
                throw new AssertionError("threw on " + raw, e);
              }
              if (isPublic) {
                String routed;
                try {
                  routed = lenientNormalise(raw);
                } catch (IllegalArgumentException e) {
                  return;
                }
                // A path judged public must be routed to a public resource by any normalisation.
                assertThat(publicPaths.matches(routed, "")).as(raw + " -> " + routed).isTrue();
                String canonical = PathPatterns.canonical(raw);
                if (canonical.length() > 1 && canonical.endsWith("/")) {
                  canonical =
                      canonical.substring(
                          0, canonical.length() - 1); // the model drops trailing slashes
                }
                assertThat(routed).as(raw).isEqualTo(canonical);
              }
            });
  }
}
