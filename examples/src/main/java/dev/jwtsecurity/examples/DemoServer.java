package dev.jwtsecurity.examples;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.audit.AuditTrail;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.micrometer.MicrometerSecurityMetrics;
import dev.jwtsecurity.servlet.JwtSecurityFilters;
import dev.jwtsecurity.servlet.TokenCookies;
import dev.jwtsecurity.throttle.ThrottlePolicy;
import dev.jwtsecurity.token.AccessTokenClaims;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo application: everything wired on embedded Jetty and an in-memory H2 database, or on a
 * shared PostgreSQL (and Redis) when the environment names them ({@link DemoStorage}). {@link
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
  private final DemoStorage storage;
  private final String host;
  private final ScheduledExecutorService maintenance;

  private DemoServer(
      Server jetty, DemoStorage storage, String host, ScheduledExecutorService maintenance) {
    this.jetty = jetty;
    this.storage = storage;
    this.host = host;
    this.maintenance = maintenance;
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

  /** The database (tests break it to provoke an unexpected failure). */
  Database database() {
    return storage.database();
  }

  /** Stops Jetty, drops the in-memory database and closes the shared ones' connections. */
  @Override
  public void close() {
    maintenance.shutdownNow();
    try {
      jetty.stop();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop the demo server", e);
    } finally {
      storage.close();
    }
  }

  private static final Duration PURGE_EVERY = Duration.ofMinutes(10);

  // The server in front: bounds that keep slow or greedy clients from starving the others (the
  // README's production settings explain each one).
  /** Open connections in all; beyond, Jetty stops accepting until one closes. */
  static final int MAX_CONNECTIONS = 2_000;

  /** Open connections of one client address; beyond, a new connection is closed at once. */
  static final int CONNECTIONS_PER_CLIENT = 32;

  /** How long a connection may stay silent (headers, between requests, a stalled answer). */
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);

  /** How long a request body may take to arrive in full. */
  static final Duration BODY_DEADLINE = Duration.ofSeconds(10);

  /** Request threads: busy only while a request runs, never while a body trickles in. */
  static final int MAX_THREADS = 64;

  private static final Duration AUDIT_RETENTION = Duration.ofDays(90);
  private static final Logger LOG = LoggerFactory.getLogger(DemoServer.class);

  /** Settings of one demo server; defaults are the command line's. */
  static final class Builder {
    private Map<String, String> env = Map.of();
    private Clock clock = Clock.systemUTC();
    private SecureRandom random = new SecureRandom();
    private String host = "127.0.0.1";
    private int port = 8080;
    private PrintStream err = System.err;
    private SecurityEventListener extraEvents = SecurityEventListener.none();
    private int connectionsPerClient = CONNECTIONS_PER_CLIENT;
    private Duration bodyDeadline = BODY_DEADLINE;
    private String redisKeyPrefix;

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

    /**
     * At most this many open connections per client address (default {@value
     * #CONNECTIONS_PER_CLIENT}).
     */
    Builder connectionsPerClient(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("connectionsPerClient must be at least 1");
      }
      this.connectionsPerClient = limit;
      return this;
    }

    /** The time a request body has to arrive in full once its headers are read (default 10 s). */
    Builder bodyDeadline(Duration deadline) {
      if (deadline.isNegative() || deadline.isZero()) {
        throw new IllegalArgumentException("bodyDeadline must be positive");
      }
      this.bodyDeadline = deadline;
      return this;
    }

    Builder stderr(PrintStream err) {
      this.err = Objects.requireNonNull(err, "err");
      return this;
    }

    /** The Redis key prefix with {@code REDIS_URL}; tests give each run its own. */
    Builder redisKeyPrefix(String prefix) {
      this.redisKeyPrefix = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    /**
     * Registrations and password changes per client address and hour: {@code
     * REGISTRATION_ATTEMPTS_PER_HOUR}, default 20; then 15 minutes' wait, doubling up to an hour.
     */
    private static ThrottlePolicy registrationBudget(Map<String, String> env) {
      int perHour = Integer.parseInt(env.getOrDefault("REGISTRATION_ATTEMPTS_PER_HOUR", "20"));
      return new ThrottlePolicy(
          perHour, Duration.ofHours(1), Duration.ofMinutes(15), Duration.ofHours(1));
    }

    /** Wires everything and starts Jetty. */
    DemoServer start() throws Exception {
      DemoStorage.requireSharedKeys(env); // before a made-up secret could hide a missing one
      // The port is opened first, so that the demo's own URL is known before the front door is
      // built: it is the issuer of the tokens when they are signed with an asymmetric key.
      QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS);
      threads.setName("demo-http");
      Server server = new Server(threads);
      HttpConfiguration http = new HttpConfiguration();
      http.setSendServerVersion(false);
      http.setSendXPoweredBy(false);
      ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
      connector.setHost(host);
      connector.setPort(port);
      connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
      connector.addEventListener(new ConnectionsPerClient(connectionsPerClient));
      server.addConnector(connector);
      server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, server));
      connector.open();
      try {
        return start(server, connector);
      } catch (Exception | Error e) {
        connector.close();
        throw e;
      }
    }

    private DemoServer start(Server server, ServerConnector connector) throws Exception {
      Map<String, String> environment =
          DemoSecret.withSecret(withLoopbackIdentityProvider(env), random, err);
      environment = DemoKeys.withIssuer(environment, host, connector.getLocalPort(), err);
      JwtSettings settings = JwtSettings.fromEnvironment(environment);
      Set<String> admins = AdminUsernames.parse(env.get(AdminUsernames.VARIABLE));
      Optional<byte[]> csrfKey = DemoStorage.csrfKey(env);
      // DATABASE_URL and REDIS_URL choose where users, todos and the library's stores live.
      DemoStorage storage = DemoStorage.open(env, clock, redisKeyPrefix);
      try {
        DemoServer demo = start(server, settings, admins, csrfKey, storage);
        if (DemoStorage.shared(env)) {
          err.println("jwt-security demo: " + storage.describe());
        }
        return demo;
      } catch (Exception | Error e) {
        storage.close();
        throw e;
      }
    }

    private DemoServer start(
        Server server,
        JwtSettings settings,
        Set<String> admins,
        Optional<byte[]> csrfKey,
        DemoStorage storage)
        throws Exception {
      Database db = storage.database();
      UserStore users = new UserStore(db);
      TodoStore todos = new TodoStore(db);
      // The provider of JWT_ISSUER_URI, if any: its subjects own todos too.
      Owners owners =
          new Owners(db, settings.trustedIssuer().map(t -> Set.of(t.issuer())).orElse(Set.of()));
      AuditTrail audit = new ConsoleAuditTrail(storage.auditTrail());

      // Metrics: every security event, token validation, password hash and store operation,
      // exposed at GET /metrics in the Prometheus text format (loopback clients only).
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

      // The front door: login, refresh, logout and every request's authentication. Its events go
      // to the security log, the failure monitor and the metrics; tests add their own listener.
      JwtSecurity security =
          storage
              .wire(JwtSecurity.builder(settings)) // shared stores, if any
              .users(users) // login() checks passwords against the users table
              .usernameRegistry(users::isSkeletonTaken) // register() refuses look-alike names
              .registrationThrottle(registrationBudget(env)) // per address, every attempt
              .userDirectory(users) // deleted or disabled users, "log out everywhere"
              .claims(userId -> claimsOf(userId, users, admins)) // at login and every refresh
              // Ask the table every time: another instance may just have logged the user out.
              .userStatusCache(Duration.ZERO, 10_000)
              .clock(clock)
              .random(random)
              .events(extraEvents)
              .metrics(MicrometerSecurityMetrics.of(metrics))
              .build();

      // The refresh cookie reaches /api/auth/refresh and /api/auth/logout only; behind a load
      // balancer every instance needs the same CSRF key (JWT_CSRF_KEY).
      TokenCookies.Builder cookieSettings = TokenCookies.builder().refreshPath("/api/auth");
      csrfKey.ifPresent(cookieSettings::csrfKey);
      // Both servlet filters in one step, sharing the front door's authenticator, events, clock,
      // random source and login throttle.
      JwtSecurityFilters.Builder filterOptions =
          JwtSecurityFilters.builder(security)
              .protectedPaths("/api/*")
              .publicPaths("/api/auth/register", "/api/auth/login", "/api/auth/refresh")
              .loginPaths("/api/auth/login")
              .cookieMode(cookieSettings)
              // Development switch: plain HTTP only from loopback clients; use TLS otherwise.
              .unsafeAllowPlainHttpOnLoopback();
      if (!settings.algorithm().isHmac()) {
        // Signed with a private key: other services verify the tokens with the public keys
        // published at /.well-known/jwks.json, found through /.well-known/openid-configuration.
        filterOptions.publishKeys();
      }
      JwtSecurityFilters filters = filterOptions.build();
      TokenCookies cookies = filters.tokenCookies().orElseThrow();

      // The library starts no threads: expired refresh-token families, throttle counters and
      // denylist entries are purged on the application's schedule.
      ScheduledExecutorService maintenance =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "demo-purge");
                t.setDaemon(true);
                return t;
              });
      // A failure (a store down) must not end the schedule: the next run tries again.
      Runnable purge =
          () -> {
            try {
              security.purgeExpired();
              audit.purgeOlderThan(clock.instant().minus(AUDIT_RETENTION));
            } catch (RuntimeException e) {
              LOG.warn("purging expired security state failed; retrying in {}", PURGE_EVERY, e);
            }
          };
      var unused =
          maintenance.scheduleWithFixedDelay(
              purge, PURGE_EVERY.toMinutes(), PURGE_EVERY.toMinutes(), TimeUnit.MINUTES);

      ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
      context.setContextPath("/");
      context.addEventListener(
          new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
              // Outermost: an exception nothing handled becomes one log line and the generic 500.
              event
                  .getServletContext()
                  .addFilter("demo-unexpected-errors", new UnexpectedErrorFilter())
                  .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
              filters.register(event.getServletContext());
            }
          });
      context.addServlet(
          new ServletHolder(new AuthServlet(security, users, cookies, audit)), "/api/auth/*");
      context.addServlet(
          new ServletHolder(new TodoServlet(todos, owners, security.ownership(), audit, clock)),
          "/api/todos/*");
      context.addServlet(
          new ServletHolder(new AdminServlet(security.accessGuard(), users, todos)),
          "/api/admin/*");
      context.addServlet(new ServletHolder(new MetricsServlet(metrics)), "/metrics");
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

      // Bodies are read in full, without a thread, before a servlet runs.
      server.setHandler(new BufferedBodyHandler(context, Api.MAX_BODY_BYTES, bodyDeadline));
      // Requests refused before the context (431, a bad URI or character, 408, 413): the same
      // problem body and security headers as every other answer.
      server.setErrorHandler(
          new ProblemErrorHandler(filters.securityHeadersFilter()::responseHeaders));
      try {
        server.start();
      } catch (Exception e) {
        maintenance.shutdownNow();
        throw e;
      }
      if (!isLoopback(host)) {
        err.println(
            "Note: bound to "
                + host
                + "; plain HTTP is still answered for loopback clients only (403 otherwise).");
      }
      return new DemoServer(server, storage, host, maintenance);
    }

    /**
     * The claims of a user's access tokens: the role "user" for everyone, and "admin" too for the
     * names in {@code ADMIN_USERNAMES}. The front door asks at login and again at every refresh, so
     * the roles in a token are never older than one access-token lifetime.
     */
    private static AccessTokenClaims claimsOf(String userId, UserStore users, Set<String> admins) {
      boolean admin = users.usernameOf(userId).map(admins::contains).orElse(false);
      return AccessTokenClaims.forSubject(userId)
          .roles(admin ? List.of("user", AdminServlet.ADMIN_ROLE) : List.of("user"))
          .build();
    }

    /**
     * The demo's development switch for an identity provider, like the filters' one for clients:
     * with {@code JWT_ISSUER_URI} set, the provider may be reached over plain HTTP when it runs on
     * this machine ({@code localhost}, {@code 127.0.0.1}); any other address still needs HTTPS. An
     * explicit {@code JWT_UNSAFE_ALLOW_PLAIN_HTTP_ON_LOOPBACK} is left as it is.
     */
    private Map<String, String> withLoopbackIdentityProvider(Map<String, String> env) {
      String variable = "JWT_UNSAFE_ALLOW_PLAIN_HTTP_ON_LOOPBACK";
      if (env.get("JWT_ISSUER_URI") == null || env.containsKey(variable)) {
        return env;
      }
      Map<String, String> copy = new HashMap<>(env);
      copy.put(variable, "true");
      err.println(
          "Note: the demo sets "
              + variable
              + "=true: an identity provider on this machine may be reached over plain HTTP.");
      return copy;
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
