package dev.jwtsecurity.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The escaping of ids into key parts, and the lossless instant text the Lua scripts compare. */
class TextTest {

  @Test
  void escape_separatorsTagsEscapesAndControls_areHexEscaped() {
    assertThat(Text.escape("a:b{c}d%e\nf\u007f")).isEqualTo("a%3Ab%7Bc%7Dd%25e%0Af%7F");
    assertThat(Text.escape("plain-id_42")).isSameAs("plain-id_42");
    assertThat(Text.escape("\u00e9\u4e2d\ud83d\ude00")).isEqualTo("\u00e9\u4e2d\ud83d\ude00");
  }

  @Test
  void escape_unpairedSurrogates_becomeEscapesSoUtf8CannotMergeIds() {
    assertThat(Text.escape("a\ud800")).isEqualTo("a%uD800");
    assertThat(Text.escape("\udc00b")).isEqualTo("%uDC00b");
    // Without the escape both would be written as "a?" in UTF-8: two accounts, one counter.
    assertThat(Text.escape("a\ud800")).isNotEqualTo(Text.escape("a?"));
  }

  @Test
  void escape_anyText_roundTripsAndLeavesNoSeparatorTagOrBrokenUtf8() {
    qt().withExamples(2_000)
        .forAll(strings().allPossible().ofLengthBetween(0, 30))
        .checkAssert(
            s -> {
              String e = Text.escape(s);
              assertThat(Text.unescape(e)).isEqualTo(s);
              assertThat(e).doesNotContain(":", "{", "}");
              assertThat(e.chars()).noneMatch(c -> c < 0x20 || c == 0x7F);
              byte[] utf8 = e.getBytes(StandardCharsets.UTF_8);
              assertThat(new String(utf8, StandardCharsets.UTF_8)).isEqualTo(e);
            });
  }

  @Test
  void escape_twoDifferentIds_neverCollide() {
    qt().withExamples(2_000)
        .forAll(
            strings().betweenCodePoints(0x20, 0x7E).ofLengthBetween(0, 6),
            strings().betweenCodePoints(0x20, 0x7E).ofLengthBetween(0, 6))
        .assuming((a, b) -> !a.equals(b))
        .checkAssert((a, b) -> assertThat(Text.escape(a)).isNotEqualTo(Text.escape(b)));
  }

  @Test
  void unescape_malformed_throwsIllegalArgument() {
    for (String bad : new String[] {"%", "%4", "%G0", "%u12", "%uZZZZ"}) {
      assertThatThrownBy(() -> Text.unescape(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void instant_anyInstant_roundTripsToTheNanosecond() {
    qt().withExamples(1_000)
        .forAll(
            longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
            integers().between(0, 999_999_999))
        .checkAssert(
            (seconds, nanos) -> {
              Instant t = Instant.ofEpochSecond(seconds, nanos);
              String text = Text.instant(t);
              assertThat(text).matches("-?\\d+\\.\\d{9}");
              assertThat(Text.instant(text)).isEqualTo(t);
            });
  }

  @Test
  void instant_malformed_throwsIllegalArgument() {
    for (String bad : new String[] {"", "1", "1.5", "x.000000000", "1.00000000x", ".000000000"}) {
      assertThatThrownBy(() -> Text.instant(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void millisUntil_roundsUpAndIsZeroForThePast() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(Text.millisUntil(t, t)).isZero();
    assertThat(Text.millisUntil(t, t.minusNanos(1))).isZero();
    assertThat(Text.millisUntil(t, t.plusNanos(1))).isEqualTo(1);
    assertThat(Text.millisUntil(t, t.plusMillis(5))).isEqualTo(5);
    assertThat(Text.millisUntil(t, t.plusMillis(5).plusNanos(1))).isEqualTo(6);
    assertThat(Text.millisUntil(Instant.MIN, Instant.MAX)).isEqualTo(Text.MAX_TTL.toMillis());
    assertThat(Text.ceilMillis(t.plusNanos(1))).isEqualTo(t.toEpochMilli() + 1);
  }
}
