package dev.jwtsecurity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class ConstantTimeTest {

  static Gen<byte[]> smallBytes() {
    // A tiny alphabet and short lengths make equal pairs frequent, so both branches are exercised.
    return lists().of(integers().between(0, 2)).ofSizeBetween(0, 4).map(ConstantTimeTest::toBytes);
  }

  private static byte[] toBytes(List<Integer> values) {
    byte[] out = new byte[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i).byteValue();
    }
    return out;
  }

  @Test
  void equals_generatedBytes_agreesWithArraysEquals() {
    qt().forAll(smallBytes(), smallBytes())
        .check((a, b) -> ConstantTime.equals(a, b) == Arrays.equals(a, b));
  }

  @Test
  void equalsSecretLength_generatedBytes_agreesWithArraysEquals() {
    qt().forAll(smallBytes(), smallBytes())
        .check((a, b) -> ConstantTime.equalsSecretLength(a, b) == Arrays.equals(a, b));
  }

  @Test
  void equals_generatedStrings_agreesWithStringEquals() {
    qt().forAll(
            strings().betweenCodePoints('a', 'c').ofLengthBetween(0, 3),
            strings().betweenCodePoints('a', 'c').ofLengthBetween(0, 3))
        .check(
            (a, b) ->
                ConstantTime.equals(a, b) == a.equals(b)
                    && ConstantTime.equalsSecretLength(a, b) == a.equals(b));
  }

  @Test
  void equals_generatedUnicodeStrings_agreesWithStringEquals() {
    qt().forAll(
            strings().allPossible().ofLengthBetween(0, 8),
            strings().allPossible().ofLengthBetween(0, 8))
        .check((a, b) -> ConstantTime.equalsSecretLength(a, b) == a.equals(b));
  }

  @Test
  void equals_sameCharsInCharBuffer_true() {
    assertThat(
            ConstantTime.equals(
                java.nio.CharBuffer.wrap(new char[] {'s', '3', 'c', 'r', '\u00e9', 't'}),
                "s3cr\u00e9t"))
        .isTrue();
    assertThat(
            ConstantTime.equalsSecretLength(
                java.nio.CharBuffer.wrap(new char[] {'s', '3', 'c', 'r', '\u00e9', 't'}),
                "s3cr\u00e9t"))
        .isTrue();
  }

  @Test
  void equals_nulls_onlyNullEqualsNull() {
    assertThat(ConstantTime.equals((byte[]) null, null)).isTrue();
    assertThat(ConstantTime.equals(new byte[0], null)).isFalse();
    assertThat(ConstantTime.equals(null, new byte[0])).isFalse();
    assertThat(ConstantTime.equals((CharSequence) null, null)).isTrue();
    assertThat(ConstantTime.equals("", null)).isFalse();
    assertThat(ConstantTime.equalsSecretLength((byte[]) null, null)).isTrue();
    assertThat(ConstantTime.equalsSecretLength("", (CharSequence) null)).isFalse();
  }

  @Test
  void equalsSecretLength_prefix_false() {
    assertThat(ConstantTime.equalsSecretLength("abc", "abcd")).isFalse();
    assertThat(ConstantTime.equalsSecretLength(new byte[] {1, 2}, new byte[] {1, 2, 0})).isFalse();
    assertThat(ConstantTime.equalsSecretLength(new byte[0], new byte[0])).isTrue();
  }

  @Test
  void utf8_unpairedSurrogate_encodesAsReplacementLikeGetBytes() {
    String s = "a\ud800b";
    assertThat(ConstantTime.utf8(s)).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
  }
}
