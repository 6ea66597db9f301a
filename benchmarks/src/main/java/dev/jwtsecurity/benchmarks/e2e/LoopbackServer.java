package dev.jwtsecurity.benchmarks.e2e;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.access.TokenAuthenticator;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.config.Secret;
import dev.jwtsecurity.servlet.JwtAuthenticationFilter;
import dev.jwtsecurity.servlet.JwtAuthenticationSettings;
import dev.jwtsecurity.token.AccessTokenClaims;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Serves {@code GET /open/hello} (no filter) and {@code GET /api/hello} (behind the authentication
 * filter) on 127.0.0.1, with an HS256 key generated at start. Writes the bound port and a valid
 * access token to two files, then serves until killed or until its time limit passes (so a
 * forgotten server never outlives a benchmark run).
 *
 * <pre>
 * java -cp benchmarks.jar dev.jwtsecurity.benchmarks.e2e.LoopbackServer PORT_FILE TOKEN_FILE [MAX_SECONDS]
 * </pre>
 */
public final class LoopbackServer {

  static final String ISSUER = "api.example.com";
  static final String AUDIENCE = "todo-api";

  private LoopbackServer() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: LoopbackServer PORT_FILE TOKEN_FILE [MAX_SECONDS]");
      System.exit(2);
    }
    Path portFile = Path.of(args[0]);
    Path tokenFile = Path.of(args[1]);
    long maxSeconds = args.length > 2 ? Long.parseLong(args[2]) : 600;

    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    JwtSettings settings =
        JwtSettings.builder()
            .secret(Secret.of(secret))
            .keyId("e2e-1")
            .issuer(ISSUER)
            .audience(AUDIENCE)
            .accessTokenLifetime(Duration.ofMinutes(60))
            .build();
    JwtSecurity security = JwtSecurity.builder(settings).build();
    TokenAuthenticator authenticator = security.authenticator();
    String token =
        settings
            .issuerBuilder(security.keyRing())
            .build()
            .issue(AccessTokenClaims.forSubject("user-4711").roles("user").build())
            .value();

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder(new Hello()), "/open/hello");
    context.addServlet(new ServletHolder(new Hello()), "/api/hello");
    FilterHook hook = FilterHook.create(authenticator);
    context.addFilter(
        new FilterHolder(hook.filter()), "/api/*", EnumSet.of(DispatcherType.REQUEST));
    server.setHandler(context);
    server.start();

    Files.writeString(tokenFile, token, StandardCharsets.US_ASCII);
    Files.writeString(
        portFile, Integer.toString(connector.getLocalPort()), StandardCharsets.US_ASCII);
    System.out.println("filter: " + hook.description());
    System.out.println("listening on 127.0.0.1:" + connector.getLocalPort());

    Thread.sleep(maxSeconds * 1000);
    server.stop();
  }

  /**
   * The endpoint both sides serve: a short text body naming the caller, as a protected API would.
   */
  static final class Hello extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      Principal p = req.getUserPrincipal();
      resp.setContentType("text/plain;charset=utf-8");
      resp.getWriter().write(p == null ? "hello anonymous\n" : "hello " + p.getName() + "\n");
    }
  }

  /** Which filter guards {@code /api/*}. */
  interface FilterHook {
    Filter filter();

    String description();

    /**
     * The servlet adapter's {@link JwtAuthenticationFilter} with default settings. {@link
     * PlaceholderBearerFilter} stood in for it before the adapter existed; pass {@code
     * -Dbench.filter=placeholder} to measure that instead.
     */
    static FilterHook create(TokenAuthenticator authenticator) {
      boolean placeholder = "placeholder".equals(System.getProperty("bench.filter"));
      Filter f =
          placeholder
              ? new PlaceholderBearerFilter(authenticator)
              : new JwtAuthenticationFilter(
                  JwtAuthenticationSettings.builder().authenticator(authenticator).build());
      String description =
          placeholder
              ? "placeholder (the benchmarks' own bearer filter over TokenAuthenticator)"
              : "dev.jwtsecurity.servlet.JwtAuthenticationFilter (servlet adapter, default settings)";
      return new FilterHook() {
        @Override
        public Filter filter() {
          return f;
        }

        @Override
        public String description() {
          return description;
        }
      };
    }
  }
}
