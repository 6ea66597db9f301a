package dev.jwtsecurity.examples;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.audit.AuditTrail;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.servlet.JwtAuthenticationFilter;
import dev.jwtsecurity.servlet.JwtAuthenticationSettings;
import dev.jwtsecurity.servlet.LoginThrottleGate;
import dev.jwtsecurity.servlet.SecurityHeadersFilter;
import dev.jwtsecurity.servlet.SecurityHeadersSettings;
import dev.jwtsecurity.servlet.TokenCookies;
import jakarta.servlet.DispatcherType;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * The demo application: everything wired on embedded Jetty and an in-memory H2 database. {@link
 * DemoApplication} runs it from the command line; tests start it on a free port with their own
 * clock.
 *
 * <pre>{@code
 * try (DemoServer server = DemoServer.builder().environment(System.getenv()).port(0).start()) {
 *   URI base = server.baseUri();
 * }
 * }</pre>
 */
final class DemoServer implements AutoCloseable {

  private final Server jetty;
  private final Database db;
  private final String host;

  private DemoServer(Server jetty, Database db, String host) {
    this.jetty = jetty;
    this.db = db;
    this.host = host;
  }

  static Builder builder() {
    return new Builder();
  }

  int port() {
    return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
  }

  URI baseUri() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + h + ":" + port());
  }

  /** Stops Jetty and drops the in-memory database. */
  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop the demo server", e);
    } finally {
      db.close();
    }
  }

  /** Settings of one demo server; defaults are the command line's. */
  static final class Builder {
    private Map<String, String> env = Map.of();
    private Clock clock = Clock.systemUTC();
    private SecureRandom random = new SecureRandom();
    private String host = "127.0.0.1";
    private int port = 8080;
    private PrintStream err = System.err;
    private SecurityEventListener extraEvents = SecurityEventListener.none();

    /**
     * The environment ({@code JWT_*} variables); {@code JWT_SECRET_KEY} is made up if absent (demo
     * only).
     */
    Builder environment(Map<String, String> env) {
      this.env = Map.copyOf(env);
      return this;
    }

    Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port; 0 picks a free one. */
    Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("PORT must be 0..65535");
      }
      this.port = port;
      return this;
    }

    /**
     * Another listener that receives every security event too (tests observe the events through
     * it).
     */
    Builder events(SecurityEventListener listener) {
      this.extraEvents = Objects.requireNonNull(listener, "listener");
      return this;
    }

    Builder stderr(PrintStream err) {
      this.err = Objects.requireNonNull(err, "err");
      return this;
    }

    /** Wires everything and starts Jetty. */
    DemoServer start() throws Exception {
      JwtSettings settings = JwtSettings.fromEnvironment(DemoSecret.withSecret(env, random, err));

      AuditTrail audit = new ConsoleAuditTrail();
      Database db = Database.inMemory();
      UserStore users = new UserStore(db);
      // The front door: every security event goes to the security log and the failure monitor;
      // tests add their own listener.
      JwtSecurity security =
          JwtSecurity.builder(settings)
              .clock(clock)
              .random(random)
              .events(extraEvents)
              .users(users)
              .userDirectory(users)
              // ask the (in-memory) database on every request: logout-all is immediate
              .userStatusCache(Duration.ZERO, 10_000)
              .build();
      // The refresh cookie is scoped to /api/auth so that logout can revoke the session it belongs
      // to.
      TokenCookies cookies = TokenCookies.builder().refreshPath("/api/auth").random(random).build();

      JwtAuthenticationSettings authSettings =
          JwtAuthenticationSettings.builder()
              .authenticator(security.authenticator())
              .events(security.events())
              .clock(clock)
              .random(random)
              .publicPaths("/api/auth/register", "/api/auth/login", "/api/auth/refresh")
              .loginPaths("/api/auth/login")
              .loginThrottle(
                  LoginThrottleGate.checking(
                      security.loginThrottle())) // the address; the facade's login records
              .cookies(cookies)
              .build();
      SecurityHeadersSettings headerSettings =
          SecurityHeadersSettings.builder()
              // Development switch: plain HTTP only from loopback clients. Anything else gets 403;
              // use TLS.
              .unsafeAllowPlainHttpOnLoopback()
              .events(security.events())
              .clock(clock)
              .random(random)
              .build();

      ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
      context.setContextPath("/");
      EnumSet<DispatcherType> request = EnumSet.of(DispatcherType.REQUEST);
      context.addFilter(new FilterHolder(new SecurityHeadersFilter(headerSettings)), "/*", request);
      context.addFilter(
          new FilterHolder(new JwtAuthenticationFilter(authSettings)), "/api/*", request);
      AuthServlet.Services services =
          new AuthServlet.Services(security, users, cookies, audit, clock);
      context.addServlet(new ServletHolder(new AuthServlet(services)), "/api/auth/*");
      context.addServlet(
          new ServletHolder(new TodoServlet(new TodoStore(db), audit, clock)), "/api/todos/*");
      context.addServlet(new ServletHolder(new ErrorServlet()), "/error");
      context.addServlet(new ServletHolder(new StaticServlet()), "/");
      ErrorPageErrorHandler errors =
          new ErrorPageErrorHandler() {
            @Override
            public boolean errorPageForMethod(String method) {
              // Jetty renders error pages for GET, POST and HEAD only; a PUT or DELETE 404 must
              // look the same too.
              return true;
            }
          };
      errors.addErrorPage(ErrorPageErrorHandler.GLOBAL_ERROR_PAGE, "/error");
      errors.setShowStacks(false);
      context.setErrorHandler(errors);

      Server server = new Server();
      HttpConfiguration http = new HttpConfiguration();
      http.setSendServerVersion(false);
      http.setSendXPoweredBy(false);
      ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
      connector.setHost(host);
      connector.setPort(port);
      server.addConnector(connector);
      server.setHandler(context);
      ErrorHandler serverErrors =
          new ErrorHandler(); // requests refused before the context (bad URI, ...)
      serverErrors.setShowStacks(false);
      serverErrors.setShowMessageInTitle(false);
      server.setErrorHandler(serverErrors);
      server.setStopAtShutdown(true);
      try {
        server.start();
      } catch (Exception e) {
        db.close();
        throw e;
      }
      if (!isLoopback(host)) {
        err.println(
            "Note: bound to "
                + host
                + "; plain HTTP is still answered for loopback clients only (403 otherwise).");
      }
      return new DemoServer(server, db, host);
    }

    private static boolean isLoopback(String host) {
      try {
        return InetAddress.getByName(host).isLoopbackAddress();
      } catch (UnknownHostException e) {
        return false;
      }
    }
  }
}
