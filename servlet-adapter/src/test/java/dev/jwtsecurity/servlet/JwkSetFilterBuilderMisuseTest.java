package dev.jwtsecurity.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.JwtKey;
import dev.jwtsecurity.token.KeyRing;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every way to misconfigure {@link JwkSetFilter.Builder} fails at once, with a useful message. */
class JwkSetFilterBuilderMisuseTest {

  private static final KeyRing RING =
      KeyRing.of(JwtKey.generate(Algorithm.ES256, "k1", new SecureRandom()));

  @Test
  void build_withoutKeyRing_failsSayingWhatToSet() {
    assertThatThrownBy(() -> JwkSetFilter.builder().withoutDiscovery().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("key ring");
  }

  @Test
  void build_discoveryWithoutIssuer_failsNamingJwtIssuer() {
    assertThatThrownBy(() -> JwkSetFilter.builder().keyRing(RING).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("JWT_ISSUER")
        .hasMessageContaining("withoutDiscovery()");
  }

  @Test
  void build_issuerNotAnHttpsUrl_refused() {
    for (String bad :
        new String[] {
          "orders-service",
          "http://app.example.com",
          "https://app.example.com?x=1",
          "https://app.example.com#f",
          "https://user@app.example.com",
          "ftp://app.example.com",
          "/relative",
          "http://localhost.evil.example"
        }) {
      assertThatThrownBy(() -> JwkSetFilter.builder().keyRing(RING).issuer(bad).build())
          .as(bad)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("https URL");
    }
  }

  @Test
  void build_httpsIssuerOrLoopbackHttp_accepted() {
    for (String good :
        new String[] {
          "https://app.example.com",
          "https://app.example.com/realms/a",
          "http://127.0.0.1:8080",
          "http://[::1]:8080",
          "http://localhost:8080"
        }) {
      assertThat(JwkSetFilter.builder().keyRing(RING).issuer(good).build().paths())
          .as(good)
          .containsExactly(JwkSetFilter.DEFAULT_JWKS_PATH, JwkSetFilter.DEFAULT_DISCOVERY_PATH);
    }
  }

  @Test
  void paths_notOneExactCanonicalPath_refused() {
    for (String bad : new String[] {"keys", "/keys/*", "/", "/a/../b", "/a//b", "/a;x", "/a/"}) {
      assertThatThrownBy(() -> JwkSetFilter.builder().jwksPath(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> JwkSetFilter.builder().discoveryPath(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void build_samePathForBoth_refused() {
    assertThatThrownBy(
            () ->
                JwkSetFilter.builder()
                    .keyRing(RING)
                    .issuer("https://app.example")
                    .jwksPath("/k")
                    .discoveryPath("/k")
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("differ");
  }

  @Test
  void setters_calledTwice_failFast() {
    assertThatThrownBy(() -> JwkSetFilter.builder().keyRing(RING).keyRing(RING))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JwkSetFilter.builder().issuer("https://a").issuer("https://b"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JwkSetFilter.builder().jwksPath("/a").jwksPath("/b"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JwkSetFilter.builder().withoutDiscovery().discoveryPath("/d"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> JwkSetFilter.builder().maxAge(Duration.ZERO).maxAge(Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class);
    JwkSetFilter.Builder once = JwkSetFilter.builder().keyRing(RING).withoutDiscovery();
    once.build();
    assertThatThrownBy(once::build).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void maxAge_outOfRange_refused() {
    assertThatThrownBy(() -> JwkSetFilter.builder().maxAge(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JwkSetFilter.builder().maxAge(Duration.ofDays(2)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void jwksUri_insecureOrWithoutDiscovery_refused() {
    assertThatThrownBy(() -> JwkSetFilter.builder().jwksUri("http://keys.example/set"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                JwkSetFilter.builder()
                    .keyRing(RING)
                    .withoutDiscovery()
                    .jwksUri("https://keys.example/set")
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("discovery document");
  }

  @Test
  void publishKeys_twiceOnTheFiltersBuilder_failsFast() {
    assertThatThrownBy(
            () ->
                JwtSecurityFilters.builder(dev.jwtsecurity.testing.TestSecurity.builder().build())
                    .publishKeys()
                    .publishKeys())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("publishKeys");
  }
}
