package dev.jwtsecurity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.testing.TestKeys;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Misuse of {@link TrustedIssuer.Builder}, {@link ProviderTokenValidator.Builder} and {@link
 * ClaimRule}.
 */
class TrustedIssuerBuilderMisuseTest {

  static final String ISS = "https://idp.example";

  static TrustedIssuer.Builder discovering() {
    return TrustedIssuer.builder(ISS).discoverKeys().audiences("api");
  }

  @Test
  void builder_badIssuer_refused() {
    for (String bad : List.of("", "  ", "a\nb", "x".repeat(2049))) {
      assertThatThrownBy(() -> TrustedIssuer.builder(bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> TrustedIssuer.builder(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void build_noKeySource_saysWhichToChoose() {
    assertThatThrownBy(() -> TrustedIssuer.builder(ISS).audiences("api").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("discoverKeys()");
  }

  @Test
  void keySource_setTwice_refused() {
    assertThatThrownBy(
            () -> TrustedIssuer.builder(ISS).discoverKeys().jwksUri("https://idp.example/jwks"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("choose one key source");
    assertThatThrownBy(
            () ->
                TrustedIssuer.builder(ISS)
                    .keys(List.of(TestKeys.signingKey(Algorithm.RS256, "k")))
                    .discoverKeys())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void build_noAudience_refusedWithTheReason() {
    assertThatThrownBy(() -> TrustedIssuer.builder(ISS).discoverKeys().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("audiences(...)")
        .hasMessageContaining("other APIs");
    assertThat(
            TrustedIssuer.builder(ISS).discoverKeys().unsafeAcceptAnyAudience().build().audiences())
        .isEmpty();
    assertThatThrownBy(() -> discovering().unsafeAcceptAnyAudience().build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void build_plainHttp_onlyToLoopbackWithTheSwitch() {
    assertThatThrownBy(
            () -> TrustedIssuer.builder("http://idp.example").discoverKeys().audiences("a").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("https");
    assertThatThrownBy(
            () ->
                TrustedIssuer.builder("http://127.0.0.1:9000")
                    .discoverKeys()
                    .audiences("a")
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unsafeAllowPlainHttpOnLoopback");
    assertThatThrownBy(
            () ->
                TrustedIssuer.builder(ISS)
                    .jwksUri("http://keys.example/jwks")
                    .audiences("a")
                    .unsafeAllowPlainHttpOnLoopback()
                    .build())
        .isInstanceOf(IllegalStateException.class);
    for (String loopback :
        List.of(
            "http://127.0.0.1:9000",
            "http://localhost:9000/realms/x",
            "http://[::1]:9000",
            "http://127.8.9.10")) {
      assertThat(
              TrustedIssuer.builder(loopback)
                  .discoverKeys()
                  .audiences("a")
                  .unsafeAllowPlainHttpOnLoopback()
                  .build()
                  .issuer())
          .isEqualTo(loopback);
    }
  }

  @Test
  void isLoopback_literalAddressesAndLocalhostOnly() {
    assertThat(JwksHttp.isLoopback("127.0.0.1")).isTrue();
    assertThat(JwksHttp.isLoopback("127.255.0.9")).isTrue();
    assertThat(JwksHttp.isLoopback("LOCALHOST")).isTrue();
    assertThat(JwksHttp.isLoopback("[::1]")).isTrue();
    assertThat(JwksHttp.isLoopback("127.0.0.1.nip.io")).isFalse();
    assertThat(JwksHttp.isLoopback("localhost.evil.example")).isFalse();
    assertThat(JwksHttp.isLoopback("127.0.0.256")).isFalse();
    assertThat(JwksHttp.isLoopback("128.0.0.1")).isFalse();
    assertThat(JwksHttp.isLoopback("0x7f.0.0.1")).isFalse();
  }

  @Test
  void build_discoveryIssuerWithQueryOrUserInfo_refused() {
    assertThatThrownBy(
            () ->
                TrustedIssuer.builder("https://idp.example/?tenant=a")
                    .discoverKeys()
                    .audiences("a")
                    .build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                TrustedIssuer.builder("https://user@idp.example")
                    .discoverKeys()
                    .audiences("a")
                    .build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TrustedIssuer.builder(ISS).jwksUri("relative/jwks"))
        .isInstanceOf(IllegalArgumentException.class);
    // A non-URL issuer is fine with pinned keys.
    assertThat(
            TrustedIssuer.builder("joe")
                .keys(List.of(TestKeys.signingKey(Algorithm.ES256, "k")))
                .audiences("a")
                .build()
                .issuer())
        .isEqualTo("joe");
  }

  @Test
  void options_setTwice_refused() {
    assertThatThrownBy(() -> discovering().audiences("b"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> discovering().algorithms(Algorithm.RS256).algorithms(Algorithm.ES256))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> discovering().rolesClaim("a").rolesClaim("b"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> discovering().types("JWT").types("at+jwt"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> discovering().clockSkew(Duration.ZERO).clockSkew(Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void options_outOfRange_refused() {
    assertThatThrownBy(() -> discovering().algorithms(Algorithm.HS256))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("never fetched");
    assertThatThrownBy(() -> discovering().algorithms())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> discovering().cacheTtl(Duration.ofSeconds(5), Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> discovering().cacheTtl(Duration.ofHours(2), Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> discovering().cacheTtl(Duration.ofMinutes(1), Duration.ofHours(25)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> discovering().unknownKeyFetchInterval(Duration.ofMillis(999)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> discovering().outageTolerance(Duration.ofHours(25)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> discovering().connectTimeout(Duration.ofMillis(50)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> discovering().fetchTimeout(Duration.ofMinutes(2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> discovering().maxResponseBytes(100))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> discovering().clockSkew(Duration.ofMinutes(6)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> discovering().types("not a type"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> discovering().requireClaims(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> discovering().rolesClaim("a..b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void httpClient_thatFollowsRedirectsOrKeepsCookies_refused() {
    assertThatThrownBy(
            () ->
                discovering()
                    .httpClient(
                        HttpClient.newBuilder()
                            .followRedirects(HttpClient.Redirect.NORMAL)
                            .build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("redirects");
    assertThatThrownBy(
            () ->
                discovering()
                    .httpClient(HttpClient.newBuilder().cookieHandler(new CookieManager()).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cookie");
    assertThat(discovering().httpClient(HttpClient.newHttpClient()).build().remote().httpClient())
        .isNotNull();
  }

  @Test
  void build_retrievalOptionsWithPinnedKeys_refused() {
    assertThatThrownBy(
            () ->
                TrustedIssuer.builder(ISS)
                    .keys(List.of(TestKeys.signingKey(Algorithm.ES256, "k")))
                    .audiences("a")
                    .outageTolerance(Duration.ZERO)
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no effect");
  }

  @Test
  void keys_emptyOrDuplicateKid_refused_signingHalvesDropped() {
    assertThatThrownBy(() -> TrustedIssuer.builder(ISS).keys(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    JwtKey k = TestKeys.signingKey(Algorithm.ES256, "k");
    assertThatThrownBy(
            () ->
                TrustedIssuer.builder(ISS)
                    .keys(List.of(k, TestKeys.signingKey(Algorithm.RS256, "k"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("share the kid");
    TrustedIssuer t = TrustedIssuer.builder(ISS).keys(List.of(k)).audiences("a").build();
    assertThat(t.pinned().get("k").canSign()).isFalse();
  }

  @Test
  void defaults_areTheDocumentedOnes() {
    TrustedIssuer t = discovering().build();
    RemoteKeys.Policy p = t.remote();
    assertThat(p.jwksUri()).isNull();
    assertThat(p.algorithms()).containsExactlyInAnyOrder(Algorithm.RS256, Algorithm.ES256);
    assertThat(p.minTtl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(p.maxTtl()).isEqualTo(Duration.ofHours(1));
    assertThat(p.unknownKeyInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(p.outageTolerance()).isEqualTo(Duration.ofHours(1));
    assertThat(p.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(p.maxResponseBytes()).isEqualTo(64 * 1024);
    assertThat(p.plainHttpOnLoopback()).isFalse();
    assertThat(t.rolePaths()).extracting(ClaimPath::toString).containsExactly("roles");
    assertThat(t.typeOptional()).isTrue();
    assertThat(t.clockSkew()).isEqualTo(Duration.ofSeconds(30));
  }

  // ---- ProviderTokenValidator.Builder ----------------------------------------------------------

  @Test
  void validatorBuilder_misuse() {
    assertThatThrownBy(() -> ProviderTokenValidator.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("trust");
    TrustedIssuer t = discovering().build();
    assertThatThrownBy(() -> ProviderTokenValidator.builder().trust(t).trust(discovering().build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already trusted");
    assertThatThrownBy(() -> ProviderTokenValidator.builder().clock(Forge.CLOCK).clock(Forge.CLOCK))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ProviderTokenValidator.builder().events(e -> {}).events(e -> {}))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ProviderTokenValidator.builder().maxTokenLength(100))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> ProviderTokenValidator.builder().maxTokenLength(2048).maxTokenLength(4096))
        .isInstanceOf(IllegalStateException.class);
    ProviderTokenValidator v = ProviderTokenValidator.builder().trust(t).build();
    assertThat(v.trusts(ISS)).isTrue();
    assertThat(v.trusts(ISS + "/")).isFalse();
  }

  // ---- ClaimRule -------------------------------------------------------------------------------

  @Test
  void claimRule_names_upperCaseWordsNotBuiltInReasons() {
    assertThat(ClaimRule.of("TENANT_NOT_ALLOWED", c -> true).name())
        .isEqualTo("TENANT_NOT_ALLOWED");
    for (String bad :
        List.of("", "tenant", "1ABC", "A-B", "A B", "X".repeat(65), "EXPIRED", "WRONG_AUDIENCE")) {
      assertThatThrownBy(() -> ClaimRule.of(bad, c -> true))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> ClaimRule.requireValue("T", "tid"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClaimRule.requireValue("T", " ", "a"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                discovering()
                    .claimRules(ClaimRule.of("A", c -> true), ClaimRule.of("A", c -> false)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("named A");
  }
}
