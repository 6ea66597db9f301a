package dev.jwtsecurity.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecureTokensTest {

  private final SecureTokens tokens = new SecureTokens(new SecureRandom());

  @Test
  void token_256bits_is43UrlSafeChars() {
    String t = tokens.token(256);
    assertThat(t).hasSize(43).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void token_anyValidSize_hasExpectedLengthAndAlphabet() {
    qt().forAll(integers().between(SecureTokens.MIN_BITS / 8, SecureTokens.MAX_BITS / 8))
        .check(
            n -> {
              String t = tokens.token(n * 8);
              return t.length() == (n * 8 + 5) / 6 && t.chars().allMatch(SecureTokensTest::urlSafe);
            });
  }

  private static boolean urlSafe(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_';
  }

  @Test
  void token_manyDraws_allDistinct() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      assertThat(seen.add(tokens.token(128))).isTrue();
    }
  }

  @Test
  void token_injectedRandom_isUsed() {
    SecureRandom fixed =
        new SecureRandom() {
          private static final long serialVersionUID = 1L;

          @Override
          public void nextBytes(byte[] bytes) {
            java.util.Arrays.fill(bytes, (byte) 0xff);
          }
        };
    assertThat(new SecureTokens(fixed).token(128)).isEqualTo("_____________________w");
  }

  @Test
  void token_badSizes_throwWithHint() {
    assertThatThrownBy(() -> tokens.token(64))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("256");
    assertThatThrownBy(() -> tokens.token(130)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tokens.token(SecureTokens.MAX_BITS + 8))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tokens.bytes(8)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SecureTokens(null)).isInstanceOf(NullPointerException.class);
  }
}
