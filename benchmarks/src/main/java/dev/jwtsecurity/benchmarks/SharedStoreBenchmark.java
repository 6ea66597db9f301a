package dev.jwtsecurity.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.config.Secret;
import dev.jwtsecurity.jdbc.JdbcStores;
import dev.jwtsecurity.login.LoginResult;
import dev.jwtsecurity.login.UserCredentialsLookup;
import dev.jwtsecurity.login.UserCredentialsLookup.UserCredentials;
import dev.jwtsecurity.password.PasswordHashingException;
import dev.jwtsecurity.redis.RedisStores;
import dev.jwtsecurity.refresh.InvalidRefreshTokenException;
import dev.jwtsecurity.refresh.RefreshTokenStore;
import dev.jwtsecurity.refresh.TokenPair;
import dev.jwtsecurity.throttle.LoginThrottle;
import dev.jwtsecurity.throttle.LoginThrottle.ThrottleDecision;
import dev.jwtsecurity.throttle.ThrottleStore;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The two store operations on the request path of a shared deployment, on the in-memory stores (the
 * baseline) and on a local Redis and PostgreSQL: a login throttle check ({@link
 * LoginThrottle#check}: the address and the account key, each with one failure recorded) and a
 * refresh rotation ({@link JwtSecurity#refresh}: look-up, hash check, compare-and-set rotation, new
 * access token).
 *
 * <p>The benchmark starts nothing: it reads {@code JWTSEC_BENCH_REDIS_URL} (for example {@code
 * redis://127.0.0.1:6379}) and {@code JWTSEC_BENCH_POSTGRES_URL} (a JDBC URL with user and
 * password), and a backend whose variable is unset fails its own rows with a message, the others
 * still run. {@code scripts/bench.sh} starts a throw-away Redis and PostgreSQL on loopback when the
 * variables are unset and the Debian packages are installed. Keys and tables get a random prefix
 * and are removed at the end.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SharedStoreBenchmark {

  static final String REDIS_ENV = "JWTSEC_BENCH_REDIS_URL";
  static final String POSTGRES_ENV = "JWTSEC_BENCH_POSTGRES_URL";

  /**
   * One backend: a front door whose stores are that backend's, with a failure recorded on the
   * checked keys and a session to rotate.
   */
  abstract static class Backend {
    private static final String PASSWORD = "benchmark password, not a secret";
    LoginThrottle throttle;
    JwtSecurity security;
    String current;

    abstract ThrottleStore throttleStore();

    abstract RefreshTokenStore refreshTokenStore();

    void start() {
      byte[] secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      JwtSettings settings =
          JwtSettings.builder()
              .secret(Secret.of(secret))
              .keyId(Fixtures.KID)
              .issuer(Fixtures.ISSUER)
              .audience(Fixtures.AUDIENCE)
              .build();
      Map<String, UserCredentials> table = new ConcurrentHashMap<>();
      security =
          JwtSecurity.builder(settings)
              .users(
                  new UserCredentialsLookup() {
                    @Override
                    public Optional<UserCredentials> findByUsername(String normalisedUsername) {
                      return Optional.ofNullable(table.get(normalisedUsername));
                    }

                    @Override
                    public boolean updatePasswordHash(String userId, String current, String next) {
                      return false;
                    }
                  })
              .throttleStore(throttleStore())
              .refreshTokenStore(refreshTokenStore())
              .build();
      try {
        table.put(
            "alice",
            new UserCredentials("alice", security.passwords().hash(PASSWORD), true, false));
      } catch (PasswordHashingException e) {
        throw new IllegalStateException(e);
      }
      throttle = security.loginThrottle();
      throttle.recordFailure("192.0.2.10", "alice");
      if (!throttle.check("192.0.2.10", "alice").allowed()) {
        throw new IllegalStateException("one failure must not lock");
      }
    }

    /** A new family per iteration, so no family grows for the whole run. */
    void newSession() {
      LoginResult r = security.login("alice", PASSWORD, RequestContext.UNKNOWN);
      if (!(r instanceof LoginResult.Success ok)) {
        throw new IllegalStateException("login failed: " + r);
      }
      current = ok.tokens().refreshToken().orElseThrow().value();
    }

    TokenPair rotate() throws InvalidRefreshTokenException {
      TokenPair next = security.refresh(current, RequestContext.UNKNOWN);
      current = next.refreshToken().orElseThrow().value();
      return next;
    }
  }

  static String prefix() {
    byte[] b = new byte[4];
    new SecureRandom().nextBytes(b);
    return "bench" + HexFormat.of().formatHex(b);
  }

  static String required(String env) {
    String v = System.getenv(env);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException(
          env
              + " is not set: point it at a server (scripts/bench.sh starts one), or skip these rows");
    }
    return v;
  }

  /** The in-memory stores of core: the baseline. */
  @State(Scope.Thread)
  public static class InMemory extends Backend {
    private final ThrottleStore throttleStore = ThrottleStore.inMemory();
    private final RefreshTokenStore refreshStore = RefreshTokenStore.inMemory();

    @Override
    ThrottleStore throttleStore() {
      return throttleStore;
    }

    @Override
    RefreshTokenStore refreshTokenStore() {
      return refreshStore;
    }

    @Setup
    public void setUp() {
      start();
    }

    @Setup(Level.Iteration)
    public void session() {
      newSession();
    }
  }

  /** {@code jwt-security-redis} on the server of {@value #REDIS_ENV}. */
  @State(Scope.Thread)
  public static class Redis extends Backend {
    RedisStores stores;

    @Override
    ThrottleStore throttleStore() {
      return stores.throttleStore();
    }

    @Override
    RefreshTokenStore refreshTokenStore() {
      return stores.refreshTokenStore();
    }

    @Setup
    public void setUp() {
      stores =
          RedisStores.builder()
              .uri(required(REDIS_ENV))
              .unsafeAllowPlaintext() // a benchmark server on the local network
              .keyPrefix(prefix())
              .build();
      start();
    }

    @Setup(Level.Iteration)
    public void session() {
      newSession();
    }

    @TearDown
    public void tearDown() {
      // Every key expires on its own; purge what a far-future clock no longer needs now.
      stores.purgeExpired(java.time.Instant.now().plus(java.time.Duration.ofDays(400)));
      stores.close();
    }
  }

  /** {@code jwt-security-jdbc} on the PostgreSQL of {@value #POSTGRES_ENV}, through HikariCP. */
  @State(Scope.Thread)
  public static class Postgres extends Backend {
    HikariDataSource pool;
    JdbcStores stores;

    @Override
    ThrottleStore throttleStore() {
      return stores.throttleStore();
    }

    @Override
    RefreshTokenStore refreshTokenStore() {
      return stores.refreshTokenStore();
    }

    @Setup
    public void setUp() {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(required(POSTGRES_ENV));
      config.setMaximumPoolSize(4);
      pool = new HikariDataSource(config);
      stores = JdbcStores.builder().dataSource(pool).tablePrefix(prefix() + "_").build();
      stores.createSchema();
      start();
    }

    @Setup(Level.Iteration)
    public void session() {
      newSession();
    }

    @TearDown
    public void tearDown() throws java.sql.SQLException {
      try (java.sql.Connection c = pool.getConnection();
          java.sql.Statement s = c.createStatement()) {
        for (String table :
            new String[] {"refresh_token", "refresh_family", "throttle", "denylist", "audit"}) {
          s.execute("DROP TABLE IF EXISTS " + stores.tablePrefix() + table); // our random prefix
        }
      }
      pool.close();
    }
  }

  @Benchmark
  public ThrottleDecision throttleCheckInMemory(InMemory b) {
    return b.throttle.check("192.0.2.10", "alice");
  }

  @Benchmark
  public ThrottleDecision throttleCheckRedis(Redis b) {
    return b.throttle.check("192.0.2.10", "alice");
  }

  @Benchmark
  public ThrottleDecision throttleCheckPostgres(Postgres b) {
    return b.throttle.check("192.0.2.10", "alice");
  }

  @Benchmark
  public TokenPair refreshRotationInMemory(InMemory b) throws InvalidRefreshTokenException {
    return b.rotate();
  }

  @Benchmark
  public TokenPair refreshRotationRedis(Redis b) throws InvalidRefreshTokenException {
    return b.rotate();
  }

  @Benchmark
  public TokenPair refreshRotationPostgres(Postgres b) throws InvalidRefreshTokenException {
    return b.rotate();
  }
}
