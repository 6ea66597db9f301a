package dev.jwtsecurity.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.testing.TestSecurity;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link JwtAuthenticationSettings.Builder#authorizationByFramework()}: anonymous requests pass on
 * for the framework behind to authorize; a presented token is still validated and refused.
 */
class AuthorizationByFrameworkTest {

  private final JwtSecurity security = TestSecurity.builder("alice").build();

  private JwtAuthenticationFilter filter() {
    return new JwtAuthenticationFilter(
        JwtAuthenticationSettings.builder()
            .authenticator(security.authenticator())
            .events(security.events())
            .authorizationByFramework()
            .build());
  }

  @Test
  void doFilter_noToken_passesOnUnauthenticated() throws Exception {
    FakeHttp.Response response = new FakeHttp.Response();
    FakeHttp.Chain chain = new FakeHttp.Chain();

    filter().doFilter(new FakeHttp.Request("GET", "/api/me").build(), response.build(), chain);

    assertThat(chain.request).isNotNull();
    assertThat(JwtRequests.authentication(chain.request)).isEmpty();
    assertThat(response.status).isEqualTo(200);
  }

  @Test
  void doFilter_validToken_passesOnAuthenticated() throws Exception {
    String token = TestSecurity.login(security, "alice").accessToken().value();
    FakeHttp.Chain chain = new FakeHttp.Chain();

    filter()
        .doFilter(
            new FakeHttp.Request("GET", "/api/me")
                .header("Authorization", "Bearer " + token)
                .build(),
            new FakeHttp.Response().build(),
            chain);

    assertThat(JwtRequests.authentication(chain.request)).isPresent();
    assertThat(chain.request.getUserPrincipal()).isInstanceOf(JwtPrincipal.class);
  }

  @Test
  void doFilter_invalidOrMalformedToken_refusedAsWithoutTheSetting() throws Exception {
    FakeHttp.Response invalid = new FakeHttp.Response();
    FakeHttp.Chain invalidChain = new FakeHttp.Chain();
    filter()
        .doFilter(
            new FakeHttp.Request("GET", "/api/me").header("Authorization", "Bearer a.b.c").build(),
            invalid.build(),
            invalidChain);
    FakeHttp.Response malformed = new FakeHttp.Response();
    FakeHttp.Chain malformedChain = new FakeHttp.Chain();
    filter()
        .doFilter(
            new FakeHttp.Request("GET", "/api/me").header("Authorization", "Basic YTpi").build(),
            malformed.build(),
            malformedChain);

    assertThat(invalid.status).isEqualTo(401);
    assertThat(invalid.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
    assertThat(invalidChain.request).isNull();
    assertThat(malformed.status).isEqualTo(400);
    assertThat(malformedChain.request).isNull();
  }

  @Test
  void doFilter_generatedPathsWithoutToken_alwaysPassOnAndNeverAnswer() throws Exception {
    long seed = new Random().nextLong();
    System.out.println("AuthorizationByFrameworkTest seed " + seed);
    Random random = new Random(seed);
    JwtAuthenticationFilter filter = filter();
    String alphabet = "/abc.;%2F\\..%00";
    for (int i = 0; i < 500; i++) {
      StringBuilder path = new StringBuilder("/");
      for (int n = random.nextInt(24); n > 0; n--) {
        path.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String method = random.nextBoolean() ? "GET" : "POST";
      FakeHttp.Response response = new FakeHttp.Response();
      FakeHttp.Chain chain = new FakeHttp.Chain();

      filter.doFilter(
          new FakeHttp.Request(method, path.toString()).build(), response.build(), chain);

      assertThat(chain.request).as("seed %d, %s %s", seed, method, path).isNotNull();
      assertThat(response.status).as("seed %d, %s %s", seed, method, path).isEqualTo(200);
    }
  }

  @Test
  void build_withPublicPaths_failsWithHint() {
    assertThatThrownBy(
            () ->
                JwtAuthenticationSettings.builder()
                    .authenticator(security.authenticator())
                    .publicPaths("/health")
                    .authorizationByFramework()
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("permitAll()");
  }

  @Test
  void authorizationByFramework_calledTwice_fails() {
    JwtAuthenticationSettings.Builder b =
        JwtAuthenticationSettings.builder().authorizationByFramework();
    assertThatThrownBy(b::authorizationByFramework)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("authorizationByFramework");
  }
}
