package dev.jwtsecurity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.jwtsecurity.internal.Json;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Claim paths: the syntax, and the names each shape of claim yields. */
class ClaimPathTest {

  static Set<String> names(String path, Map<String, Object> claims) throws InvalidTokenException {
    Set<String> out = new LinkedHashSet<>();
    ClaimPath.parse(path).collect(claims, out);
    return out;
  }

  @Test
  void parse_dotsSeparateBackslashEscapes() {
    assertThat(ClaimPath.parse("roles").segments()).containsExactly("roles");
    assertThat(ClaimPath.parse("realm_access.roles").segments())
        .containsExactly("realm_access", "roles");
    assertThat(ClaimPath.parse("resource_access.my\\.app.roles").segments())
        .containsExactly("resource_access", "my.app", "roles");
    assertThat(ClaimPath.parse("https://example\\.com/roles").segments())
        .containsExactly("https://example.com/roles");
    assertThat(ClaimPath.parse("cognito:groups").segments()).containsExactly("cognito:groups");
    assertThat(ClaimPath.parse("a\\\\b").segments()).containsExactly("a\\b");
  }

  @Test
  void parse_malformed_refusedWithAHint() {
    for (String bad :
        List.of(
            "",
            ".roles",
            "roles.",
            "a..b",
            "a\\",
            "a\\b",
            "a\u0000b",
            "x".repeat(257),
            "a.b.c.d.e.f.g.h")) {
      assertThatThrownBy(() -> ClaimPath.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void collect_arrayStringAbsentAndNull() throws Exception {
    assertThat(names("roles", Map.of("roles", List.of("a", "b")))).containsExactly("a", "b");
    assertThat(names("roles", Map.of("roles", " a  b "))).containsExactly("a", "b");
    assertThat(names("roles", Map.of())).isEmpty();
    assertThat(names("roles", Map.of("roles", Json.NULL))).isEmpty();
    assertThat(names("a.b", Map.of("a", "not an object"))).isEmpty();
    assertThat(names("a.b", Map.of("a", Map.of("b", List.of("x"))))).containsExactly("x");
  }

  @Test
  void collect_otherShapes_refuseTheToken() {
    for (Object v :
        List.<Object>of(1L, true, Map.of("admin", true), List.of("a", 1L), List.of(""))) {
      assertThatThrownBy(() -> names("roles", Map.of("roles", v)))
          .as(String.valueOf(v))
          .isInstanceOf(InvalidTokenException.class)
          .extracting(e -> ((InvalidTokenException) e).reason())
          .isEqualTo(InvalidTokenException.Reason.MISSING_OR_INVALID_CLAIM);
    }
  }

  /** Escape a claim name for a path: the inverse of what parse does per segment. */
  static String escape(String name) {
    return name.replace("\\", "\\\\").replace(".", "\\.");
  }

  @Test
  void parse_anyEscapedSegments_roundTripAndResolve() {
    qt().forAll(
            lists()
                .of(strings().betweenCodePoints(0x20, 0x7e).ofLengthBetween(1, 12))
                .ofSizeBetween(1, ClaimPath.MAX_SEGMENTS))
        .checkAssert(
            segments -> {
              String path = String.join(".", segments.stream().map(ClaimPathTest::escape).toList());
              if (path.length() > ClaimPath.MAX_LENGTH) {
                return;
              }
              ClaimPath p = ClaimPath.parse(path);
              assertThat(p.segments()).isEqualTo(segments);
              Object claims = List.of("found");
              for (int i = segments.size() - 1; i >= 0; i--) {
                claims = Map.of(segments.get(i), claims);
              }
              @SuppressWarnings("unchecked")
              Map<String, Object> top = (Map<String, Object>) claims;
              assertThat(p.resolve(top)).isEqualTo(List.of("found"));
            });
  }
}
