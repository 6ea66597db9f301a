package dev.jwtsecurity.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TokenCookiesMisuseTest {

  @Test
  void csrfKey_shortOrConstant_rejected() {
    assertThatThrownBy(() -> TokenCookies.builder().csrfKey(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32");
    byte[] same = new byte[32];
    Arrays.fill(same, (byte) 7);
    assertThatThrownBy(() -> TokenCookies.builder().csrfKey(same))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TokenCookies.builder().csrfKey(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void refreshPath_nonCanonical_rejected() {
    for (String bad : new String[] {"refresh", "/a/../b", "/a;b", "/a//b", "/a b"}) {
      assertThatThrownBy(() -> TokenCookies.builder().refreshPath(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void requireCookieValue_separatorsAndControls_rejected() {
    for (String bad :
        new String[] {"", "a;b", "a b", "a,b", "a\"b", "a\\b", "a\r\nSet-Cookie: x=y", "\u00e9"}) {
      assertThatThrownBy(() -> TokenCookies.requireCookieValue(bad, "refresh token"))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageNotContaining(bad.isEmpty() ? "\u0000" : bad);
    }
  }

  @Test
  void csrfToken_boundToTokenIdAndKey() {
    byte[] key = "0123456789abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);
    TokenCookies a = TokenCookies.builder().csrfKey(key).build();
    TokenCookies b = TokenCookies.builder().csrfKey(key).build();
    TokenCookies other = TokenCookies.builder().build();

    assertThat(a.csrfToken("jti-1")).isEqualTo(b.csrfToken("jti-1")).hasSize(43);
    assertThat(a.csrfToken("jti-1"))
        .isNotEqualTo(a.csrfToken("jti-2"))
        .isNotEqualTo(other.csrfToken("jti-1"));
    assertThat(a.isCsrfTokenOf(a.csrfToken("jti-1"), "jti-1")).isTrue();
    assertThat(a.isCsrfTokenOf(a.csrfToken("jti-1"), "jti-2")).isFalse();
    assertThat(a.toString())
        .doesNotContain(new String(key, StandardCharsets.US_ASCII))
        .contains("redacted");
  }
}
