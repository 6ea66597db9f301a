package dev.jwtsecurity.token;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.testing.TestKeys;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JwtVerifierBuilderMisuseTest {

  private final JwtKey key = TestKeys.signingKey(Algorithm.HS256, "k");

  @Test
  void build_withoutKeys_throwsIllegalState() {
    assertThatThrownBy(() -> JwtVerifier.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("keys");
  }

  @Test
  void keys_emptyOrDuplicateKid_throwsIllegalArgument() {
    assertThatThrownBy(() -> JwtVerifier.builder().keys(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JwtVerifier.builder().keys(List.of(key, key)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kid");
    assertThatThrownBy(() -> JwtVerifier.builder().key(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void jwsOnly_withClaimRequirements_throwsIllegalState() {
    assertThatThrownBy(() -> JwtVerifier.builder().key(key).jwsOnly().requireIssuer("i").build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JwtVerifier.builder().key(key).requireAudience("a").jwsOnly().build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JwtVerifier.builder().key(key).requireClaim("sub").jwsOnly().build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void requirements_blankOrMalformed_throwIllegalArgument() {
    assertThatThrownBy(() -> JwtVerifier.builder().requireIssuer(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JwtVerifier.builder().requireAudience(""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JwtVerifier.builder().requireClaim(""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JwtVerifier.builder().requireType("at jwt"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void clockSkewAndSize_outOfBounds_throwIllegalArgument() {
    assertThatThrownBy(() -> JwtVerifier.builder().clockSkew(Duration.ofMinutes(6)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JwtVerifier.builder().clockSkew(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JwtVerifier.builder().maxTokenLength(100))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JwtVerifier.builder().maxTokenLength(1 << 20))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JwtVerifier.builder().clock(null))
        .isInstanceOf(NullPointerException.class);
  }
}
