package dev.jwtsecurity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class LogSafeFieldTest {

  @Test
  void field_quotesInUserAgent_cannotForgeAnotherField() {
    String forged = "x\" user=admin action=delete ua=\"y";
    String line = "user=7 ua=" + LogSafe.field(forged) + " request=r1";
    assertThat(parse(line))
        .containsExactly(
            Map.entry("user", "7"), Map.entry("ua", forged), Map.entry("request", "r1"));
  }

  @Test
  void field_simpleValuesBare_nullDash_emptyQuoted() {
    assertThat(LogSafe.field("user-42@example.org")).isEqualTo("user-42@example.org");
    assertThat(LogSafe.field(null)).isEqualTo("-");
    assertThat(LogSafe.field("")).isEqualTo("\"\"");
    assertThat(LogSafe.field("a\\b")).isEqualTo("\"a\\\\b\"");
    assertThat(LogSafe.field("a\nb c")).isEqualTo("\"a_b c\"");
  }

  @Test
  void field_anyText_parsesBackAsExactlyOneFieldHoldingTheCleanedValue() {
    Gen<String> nasty =
        strings()
            .betweenCodePoints(0, 0x7f)
            .ofLengthBetween(0, 40)
            .mix(strings().allPossible().ofLengthBetween(0, 20), 30);
    qt().withExamples(5_000)
        .forAll(nasty)
        .checkAssert(
            v -> {
              String line = "a=1 k=" + LogSafe.field(v) + " z=2";
              assertThat(line).doesNotContain("\n", "\r");
              assertThat(parse(line))
                  .containsExactly(
                      Map.entry("a", "1"), Map.entry("k", LogSafe.clean(v)), Map.entry("z", "2"));
            });
  }

  /** A logfmt reader as a log shipper would apply it; a repeated key fails. */
  private static Map<String, String> parse(String line) {
    Map<String, String> out = new LinkedHashMap<>();
    int i = 0;
    while (i < line.length()) {
      int eq = line.indexOf('=', i);
      String key = line.substring(i, eq);
      i = eq + 1;
      StringBuilder v = new StringBuilder();
      if (i < line.length() && line.charAt(i) == '"') {
        i++;
        while (line.charAt(i) != '"') {
          if (line.charAt(i) == '\\') {
            i++;
          }
          v.append(line.charAt(i++));
        }
        i++;
      } else {
        while (i < line.length() && line.charAt(i) != ' ') {
          v.append(line.charAt(i++));
        }
      }
      assertThat(out.put(key, v.toString())).as("key %s repeated in %s", key, line).isNull();
      if (i < line.length()) {
        assertThat(line.charAt(i)).as("fields separated by one space: %s", line).isEqualTo(' ');
        i++;
      }
    }
    return out;
  }
}
