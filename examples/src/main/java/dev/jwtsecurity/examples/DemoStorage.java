package dev.jwtsecurity.examples;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.audit.AuditTrail;
import dev.jwtsecurity.jdbc.JdbcStores;
import dev.jwtsecurity.redis.RedisStores;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Where one demo instance keeps its state, chosen by the environment:
 *
 * <ul>
 *   <li>nothing set: users and todos in a private in-memory H2, the library's stores in process
 *       (one instance);
 *   <li>{@code DATABASE_URL} (a PostgreSQL JDBC URL): users, todos, the audit trail and the
 *       library's stores (refresh-token families, login throttle, access-token denylist) in that
 *       database, tables created on start;
 *   <li>{@code REDIS_URL} as well: the library's stores in Redis instead.
 * </ul>
 *
 * <p>Instances started with the same {@code DATABASE_URL}, {@code JWT_SECRET_KEY} and {@code
 * JWT_CSRF_KEY} (and {@code REDIS_URL}) behave as one application behind a load balancer.
 *
 * <pre>{@code
 * try (DemoStorage storage = DemoStorage.open(env, clock, null)) {
 *   JwtSecurity security = storage.wire(JwtSecurity.builder(settings)).build();
 * }
 * }</pre>
 */
final class DemoStorage implements AutoCloseable {

  static final String REDIS_VARIABLE = "REDIS_URL";
  static final String CSRF_VARIABLE = "JWT_CSRF_KEY";

  private final Database db;
  private final JdbcStores jdbc; // null without DATABASE_URL
  private final RedisStores redis; // null without REDIS_URL
  private final AuditTrail audit;

  private DemoStorage(Database db, JdbcStores jdbc, RedisStores redis) {
    this.db = db;
    this.jdbc = jdbc;
    this.redis = redis;
    this.audit = jdbc != null ? jdbc.auditTrail() : AuditTrail.inMemory(100_000);
  }

  /**
   * Whether the environment asks for shared state ({@code DATABASE_URL} or {@code REDIS_URL}).
   * Shared state needs the same keys on every instance, so then {@link #requireSharedKeys} holds.
   */
  static boolean shared(Map<String, String> env) {
    return value(env, Database.VARIABLE) != null || value(env, REDIS_VARIABLE) != null;
  }

  /**
   * Refuses shared state without keys given by the operator: a key made up per process (the demo's
   * ephemeral secret, the servlet adapter's random CSRF key) would make each instance refuse the
   * others' tokens, which looks like random log-outs behind a load balancer.
   *
   * @throws IllegalArgumentException naming the missing variable
   */
  static void requireSharedKeys(Map<String, String> env) {
    if (!shared(env)) {
      return;
    }
    boolean signingKey =
        value(env, DemoSecret.VARIABLE) != null
            || value(env, "JWT_PRIVATE_JWK_FILE") != null
            || value(env, "JWT_PRIVATE_JWK") != null;
    if (!signingKey) {
      throw new IllegalArgumentException(
          "DATABASE_URL or REDIS_URL is set: set JWT_SECRET_KEY too, the same on every instance"
              + " (java -jar cli/target/jwt-security-cli.jar keygen)");
    }
    if (value(env, CSRF_VARIABLE) == null) {
      throw new IllegalArgumentException(
          "DATABASE_URL or REDIS_URL is set: set JWT_CSRF_KEY too, the same on every instance"
              + " (base64 of 32 random bytes: openssl rand -base64 32)");
    }
  }

  /**
   * The CSRF key of {@code JWT_CSRF_KEY} (base64 or base64url), if set.
   *
   * @throws IllegalArgumentException if it is not base64 (the servlet adapter then checks its
   *     length and randomness)
   */
  static Optional<byte[]> csrfKey(Map<String, String> env) {
    String key = value(env, CSRF_VARIABLE);
    if (key == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Base64.getUrlDecoder().decode(key.replace('+', '-').replace('/', '_')));
    } catch (IllegalArgumentException e) {
      // Not the value: it is a secret.
      throw new IllegalArgumentException(CSRF_VARIABLE + " must be base64 of 32 random bytes", e);
    }
  }

  /**
   * Opens the database (creating the tables) and Redis as the environment says.
   *
   * @param redisKeyPrefix the Redis key prefix, or {@code null} for the library's default (tests
   *     give each run its own)
   * @throws IllegalArgumentException if a URL is malformed or insecure (plain text to a host that
   *     is not loopback)
   * @throws IllegalStateException if the database or Redis cannot be reached
   */
  static DemoStorage open(Map<String, String> env, Clock clock, String redisKeyPrefix) {
    String databaseUrl = value(env, Database.VARIABLE);
    String redisUrl = value(env, REDIS_VARIABLE);
    Database db = databaseUrl == null ? Database.inMemory() : Database.postgres(databaseUrl);
    RedisStores redis = null;
    try {
      JdbcStores jdbc =
          db.shared() ? JdbcStores.builder().dataSource(db.dataSource()).build() : null;
      db.createSchema(jdbc == null ? () -> {} : jdbc::createSchema);
      if (redisUrl != null) {
        RedisStores.Builder b = RedisStores.builder().uri(redisUrl).clock(clock);
        if (redisKeyPrefix != null) {
          b.keyPrefix(redisKeyPrefix);
        }
        redis = b.build();
      }
      return new DemoStorage(db, jdbc, redis);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /**
   * Gives the front door the shared stores (Redis before the database); without either it keeps its
   * in-process defaults.
   */
  JwtSecurity.Builder wire(JwtSecurity.Builder security) {
    if (redis != null) {
      return security
          .refreshTokenStore(redis.refreshTokenStore())
          .throttleStore(redis.throttleStore())
          .denylist(redis.accessTokenDenylist());
    }
    if (jdbc != null) {
      return security
          .refreshTokenStore(jdbc.refreshTokenStore())
          .throttleStore(jdbc.throttleStore())
          .denylist(jdbc.accessTokenDenylist());
    }
    return security;
  }

  Database database() {
    return db;
  }

  /** Where audit records go: the database's table when shared, else a bounded in-memory list. */
  AuditTrail auditTrail() {
    return audit;
  }

  /** One line for the console: where what is kept (never a URL: it may hold a password). */
  String describe() {
    if (!db.shared() && redis == null) {
      return "in-memory H2 and in-process stores (one instance)";
    }
    String data = db.shared() ? "PostgreSQL (DATABASE_URL)" : "in-memory H2 (this instance only)";
    String stores = redis != null ? "Redis (REDIS_URL)" : "PostgreSQL (DATABASE_URL)";
    return "users and todos in " + data + ", refresh tokens, throttle and denylist in " + stores;
  }

  @Override
  public void close() {
    try {
      if (redis != null) {
        redis.close();
      }
    } finally {
      db.close();
    }
  }

  /** Empty counts as unset, as in the library's own settings. */
  private static String value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }
}
