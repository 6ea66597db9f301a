package dev.jwtsecurity.idp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.servlet.JwtSecurityFilters;
import dev.jwtsecurity.testing.TestSecurity;
import dev.jwtsecurity.token.InvalidTokenException;
import dev.jwtsecurity.token.TrustedIssuer;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The library against a real authorization server: Spring Authorization Server issues access tokens
 * by {@code client_credentials}; the facade finds it by discovery, accepts its RS256 and ES256
 * tokens beside its own, follows a key rotation without a restart, and the servlet filter hands its
 * roles and subject to the application.
 */
class SpringAuthorizationServerTest {

  static AuthorizationServer server;
  static final RequestContext CTX = RequestContext.of("127.0.0.1", "test", "r");
  final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startServer() throws Exception {
    server = AuthorizationServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  JwtSecurity security() {
    return TestSecurity.builder("alice")
        .events(events::add)
        .trustIssuer(
            TrustedIssuer.builder(server.issuer())
                .discoverKeys()
                .audiences("orders-api")
                .unsafeAllowPlainHttpOnLoopback()
                .unknownKeyFetchInterval(Duration.ofSeconds(1))
                .build())
        .build();
  }

  @Test
  void clientCredentialsToken_foundByDiscovery_accepted() throws Exception {
    JwtSecurity security = security();
    Authentication auth = security.authenticate(server.token("orders-client", "orders.read"), CTX);
    assertThat(auth.user().userId()).isEqualTo("orders-client");
    assertThat(auth.user().roles()).containsExactly("auditor");
    assertThat(auth.user().scopes()).containsExactly("orders.read");
    assertThat(auth.token().issuer()).contains(server.issuer());
    assertThat(auth.token().audience()).contains("orders-api");
    // Own tokens keep working beside the provider's.
    String own = TestSecurity.login(security, "alice").accessToken().value();
    assertThat(security.authenticate(own, CTX).user().userId()).isEqualTo("alice");
  }

  @Test
  void es256Token_accepted() throws Exception {
    Authentication auth =
        security().authenticate(server.token("orders-client-ec", "orders.read orders.write"), CTX);
    assertThat(auth.user().userId()).isEqualTo("orders-client-ec");
    assertThat(auth.user().scopes()).containsExactlyInAnyOrder("orders.read", "orders.write");
  }

  @Test
  void tokenForAnotherAudience_refused() throws Exception {
    JwtSecurity security = security();
    String other = server.token("other-client", "orders.read");
    try {
      security.authenticate(other, CTX);
      throw new AssertionError("accepted a token issued for another audience");
    } catch (InvalidTokenException e) {
      assertThat(e.reason()).isEqualTo(InvalidTokenException.Reason.WRONG_AUDIENCE);
    }
  }

  @Test
  void keyRotation_followedWithoutRestart() throws Exception {
    JwtSecurity security = security();
    String before = server.token("orders-client", "orders.read");
    assertThat(security.authenticate(before, CTX).user().userId()).isEqualTo("orders-client");
    String kid = server.rotate();
    String after = server.token("orders-client", "orders.read");
    assertThat(header(after)).contains(kid);
    assertThat(security.authenticate(after, CTX).user().userId()).isEqualTo("orders-client");
    assertThat(security.authenticate(before, CTX).user().userId()).isEqualTo("orders-client");
  }

  static String header(String token) {
    return new String(
        java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
        java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void fromEnvironment_issuerUri_acceptsTheServersTokens() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("JWT_SECRET_KEY", TestSecurity.SECRET);
    env.put("JWT_ISSUER_URI", server.issuer());
    env.put("JWT_AUDIENCE", "orders-api");
    env.put("JWT_UNSAFE_ALLOW_PLAIN_HTTP_ON_LOOPBACK", "true");
    JwtSecurity security = JwtSecurity.builder(JwtSettings.fromEnvironment(env)).build();
    assertThat(
            security.authenticate(server.token("orders-client", "orders.read"), CTX).user().roles())
        .containsExactly("auditor");
  }

  @Test
  void servletFilter_principalAndRolesFromTheServersToken() throws Exception {
    JwtSecurity security = security();
    Server jetty = new Server(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    ServletContextHandler context = new ServletContextHandler();
    // The one-step configuration an application uses: both filters from the front door.
    JwtSecurityFilters filters =
        JwtSecurityFilters.builder(security)
            .protectedPaths("/api/*")
            .unsafeAllowPlainHttpOnLoopback()
            .build();
    context.addEventListener(
        new ServletContextListener() {
          @Override
          public void contextInitialized(ServletContextEvent e) {
            filters.register(e.getServletContext());
          }
        });
    context.addServlet(
        new ServletHolder(
            new HttpServlet() {
              private static final long serialVersionUID = 1L;

              @Override
              protected void doGet(HttpServletRequest req, HttpServletResponse resp)
                  throws IOException {
                resp.setContentType("text/plain");
                resp.getWriter()
                    .print(
                        req.getUserPrincipal().getName()
                            + " auditor="
                            + req.isUserInRole("auditor")
                            + " admin="
                            + req.isUserInRole("admin"));
              }
            }),
        "/api/*");
    jetty.setHandler(context);
    jetty.start();
    try {
      int port = jetty.getURI().getPort();
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> ok =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/orders"))
                  .header("Authorization", "Bearer " + server.token("orders-client", "orders.read"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).isEqualTo("orders-client auditor=true admin=false");
      HttpResponse<String> refused =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/orders"))
                  .header("Authorization", "Bearer " + server.token("other-client", "orders.read"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
    } finally {
      jetty.stop();
    }
  }
}
