package dev.jwtsecurity.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.access.TokenAuthenticator;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.testing.Secrets;
import dev.jwtsecurity.testing.TestSecurity;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** The no-argument constructors, configured as from {@code web.xml} and the environment. */
class InitParametersTest {

  private final Map<String, String> params = new HashMap<>();
  private final Map<String, Object> attributes = new HashMap<>();

  private JwtAuthenticationSettings authentication(Map<String, String> env) {
    return InitParameters.authentication(params::get, attributes::get, env);
  }

  @Test
  void authentication_fromParamsAndContextAttribute_buildsTheDescribedSettings() {
    attributes.put(
        InitParameters.DEFAULT_AUTHENTICATOR_ATTRIBUTE,
        JwtAuthenticationSettingsMisuseTest.authenticator());
    attributes.put(InitParameters.DEFAULT_THROTTLE_ATTRIBUTE, new ServletHttpSuite.CountingGate());
    params.put("public-paths", "/health, /api/auth/*");
    params.put("login-paths", "/api/auth/login");
    params.put("cookie-mode", "true");
    params.put("cookie-same-site", "Lax");
    params.put("refresh-path", "/auth/refresh");
    params.put("realm", "shop");

    JwtAuthenticationSettings s = authentication(Map.of());

    assertThat(s.realm()).isEqualTo("shop");
    assertThat(s.publicPaths().matches("/api/auth/refresh", "")).isTrue();
    assertThat(s.loginPaths().matches("/api/auth/login", "")).isTrue();
    assertThat(s.cookies()).isNotNull();
    assertThat(s.cookies().refreshPath()).isEqualTo("/auth/refresh");
  }

  @Test
  void jwtSecurityAttribute_bothFilters_configuredFromTheFacade() {
    JwtSecurity security = TestSecurity.builder().build();
    attributes.put(InitParameters.DEFAULT_SECURITY_ATTRIBUTE, security);
    params.put("login-paths", "/api/auth/login");

    JwtAuthenticationSettings a = authentication(Map.of());
    SecurityHeadersSettings h = InitParameters.headers(params::get, attributes::get);

    assertThat(a.authenticator()).isSameAs(security.authenticator());
    assertThat(a.events()).isSameAs(security.events());
    assertThat(a.clock()).isSameAs(security.clock());
    assertThat(a.random()).isSameAs(security.random());
    assertThat(a.loginThrottle()).isNotNull();
    assertThat(h.events()).isSameAs(security.events());
    assertThat(h.random()).isSameAs(security.random());
  }

  @Test
  void jwtSecurityAttribute_withASeparateAuthenticatorOrListener_refused() {
    attributes.put(InitParameters.DEFAULT_SECURITY_ATTRIBUTE, TestSecurity.builder().build());
    attributes.put(InitParameters.DEFAULT_EVENTS_ATTRIBUTE, (SecurityEventListener) e -> {});

    assertThatThrownBy(() -> authentication(Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("JwtSecurity.Builder.events");
    assertThatThrownBy(() -> InitParameters.headers(params::get, attributes::get))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void authentication_trustedProxiesOnTheJwtFilter_refusedPointingToTheHeadersFilter() {
    attributes.put(
        InitParameters.DEFAULT_AUTHENTICATOR_ATTRIBUTE,
        JwtAuthenticationSettingsMisuseTest.authenticator());
    params.put("trusted-proxies", "10.0.0.0/8");

    assertThatThrownBy(() -> authentication(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SecurityHeadersFilter");
  }

  @Test
  void authentication_noAuthenticatorAndNoSecret_stopsStartUpNamingTheVariable() {
    assertThatThrownBy(() -> authentication(Map.of()))
        .isInstanceOf(RuntimeException.class)
        .hasMessageContaining("JWT_SECRET_KEY");
  }

  @Test
  void authentication_weakSecretInEnvironment_stopsStartUp() {
    assertThatThrownBy(() -> authentication(Map.of("JWT_SECRET_KEY", "your-secret-key-here")))
        .isInstanceOf(RuntimeException.class)
        .hasMessageNotContaining("your-secret-key-here");
  }

  @Test
  void authentication_strongSecretInEnvironment_builds() {
    String secret = Secrets.register("u7Gk2pX9qL4vN8wR1zT6yB3mC5sH0jD7fA2eK9oP4iV6xQ1n");
    assertThat(authentication(Map.of("JWT_SECRET_KEY", secret)).authenticator()).isNotNull();
  }

  @Test
  void authentication_loginPathsWithoutThrottle_fails() {
    attributes.put(
        InitParameters.DEFAULT_AUTHENTICATOR_ATTRIBUTE,
        JwtAuthenticationSettingsMisuseTest.authenticator());
    params.put("login-paths", "/login");
    assertThatThrownBy(() -> authentication(Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("LoginThrottleGate");
  }

  @Test
  void authentication_wrongAttributeTypeOrBadValues_fail() {
    attributes.put(InitParameters.DEFAULT_AUTHENTICATOR_ATTRIBUTE, "not an authenticator");
    assertThatThrownBy(() -> authentication(Map.of())).isInstanceOf(IllegalStateException.class);
    attributes.put(
        InitParameters.DEFAULT_AUTHENTICATOR_ATTRIBUTE,
        JwtAuthenticationSettingsMisuseTest.authenticator());
    params.put("cookie-mode", "yes");
    assertThatThrownBy(() -> authentication(Map.of())).isInstanceOf(IllegalArgumentException.class);
    params.remove("cookie-mode");
    params.put("not-found-exceptions", "java.lang.String");
    assertThatThrownBy(() -> authentication(Map.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void headers_fromParams_overridesAndSwitches() {
    params.put("x-frame-options", "off");
    params.put("x-xss-protection", "1; mode=block");
    params.put("plain-http", "redirect");
    params.put("unsafe-allow-plain-http-on-loopback", "true");
    SecurityHeadersSettings s = InitParameters.headers(params::get, attributes::get);

    assertThat(s.headers())
        .doesNotContainKey("X-Frame-Options")
        .containsEntry("X-XSS-Protection", "1; mode=block");
    assertThat(s.plainHttp()).isEqualTo(SecurityHeadersSettings.PlainHttp.REDIRECT);
    assertThat(s.allowPlainHttpOnLoopback()).isTrue();
  }

  @Test
  void noArgumentFilters_configuredLikeWebXml_workOverHttp() throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    TokenAuthenticator authenticator = JwtAuthenticationSettingsMisuseTest.authenticator();
    context.setAttribute(InitParameters.DEFAULT_AUTHENTICATOR_ATTRIBUTE, authenticator);
    FilterHolder headers = new FilterHolder(SecurityHeadersFilter.class);
    headers.setInitParameter("unsafe-allow-plain-http-on-loopback", "true");
    FilterHolder jwt = new FilterHolder(JwtAuthenticationFilter.class);
    jwt.setInitParameter("public-paths", "/health");
    jwt.setInitParameter("realm", "web-xml");
    context.addFilter(headers, "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addFilter(jwt, "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new TestApp(null)), "/*");
    server.setHandler(context);
    server.start();
    try {
      int port = connector.getLocalPort();
      RawHttp.Response health = RawHttp.send(port, false, new RawHttp.Request("GET", "/health"));
      RawHttp.Response api = RawHttp.send(port, false, new RawHttp.Request("GET", "/api/me"));

      assertThat(health.status()).isEqualTo(200);
      assertThat(health.header("X-Frame-Options")).isEqualTo(Optional.of("DENY"));
      assertThat(api.status()).isEqualTo(401);
      assertThat(api.headers("WWW-Authenticate")).containsExactly("Bearer realm=\"web-xml\"");
    } finally {
      server.stop();
    }
  }
}
