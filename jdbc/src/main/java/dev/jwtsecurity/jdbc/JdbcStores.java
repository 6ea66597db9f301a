package dev.jwtsecurity.jdbc;

import dev.jwtsecurity.StoreUnavailableException;
import dev.jwtsecurity.access.AccessTokenDenylist;
import dev.jwtsecurity.audit.AuditTrail;
import dev.jwtsecurity.refresh.RefreshTokenStore;
import dev.jwtsecurity.throttle.ThrottleStore;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The shared stores of jwt-security on the application's own database, for applications that run on
 * several instances: refresh-token families, login throttle counters, the access-token denylist and
 * the audit trail. Plain JDBC on the {@link DataSource} the application already has (its pool);
 * PostgreSQL is the target, H2 serves tests and demos.
 *
 * <pre>{@code
 * JdbcStores stores = JdbcStores.builder()
 *     .dataSource(dataSource)            // the application's pool
 *     .tablePrefix("jwt_")               // the default; the shipped schema file uses it
 *     .build();
 * stores.createSchema();                 // optional: or apply db/jwt-security/V1__jwt_security_schema.sql with Flyway
 *
 * JwtSecurity security = JwtSecurity.builder(settings)
 *     .refreshTokenStore(stores.refreshTokenStore())
 *     .throttleStore(stores.throttleStore())
 *     .denylist(stores.accessTokenDenylist())
 *     .auditTrail(stores.auditTrail(), Duration.ofDays(90))
 *     .build();
 * scheduler.scheduleAtFixedRate(security::purgeExpired, 1, 60, TimeUnit.MINUTES);
 * }</pre>
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li><b>Several instances, one database.</b> A refresh token is rotated by exactly one request,
 *       whichever instance serves it (a row lock on its family, then a conditional update);
 *       concurrent login failures are all counted (row lock, insert race retried); a denied token
 *       is denied on every instance as soon as {@code deny} returns.
 *   <li><b>Fail closed.</b> Any database failure throws {@link StoreUnavailableException} ({@link
 *       dev.jwtsecurity.StoreUnavailableException} for the audit trail) and changes nothing: a
 *       denylist check, a refresh or a throttle update never succeeds silently.
 *   <li><b>Transient failures</b> (serialisation failure 40001, deadlock 40P01, lock timeout) are
 *       retried up to {@link Builder#maxAttempts} times with a small jittered backoff.
 *   <li><b>Times</b> come from the caller's clock through the SPI arguments, never from the
 *       database's {@code now()}, stored as {@code BIGINT} microseconds since the epoch.
 * </ul>
 *
 * <h2>Security considerations</h2>
 *
 * <ul>
 *   <li>Table names are the validated prefix plus fixed names; every value is a {@code
 *       PreparedStatement} parameter.
 *   <li>The tables hold ids, SHA-256 hashes of refresh secrets and audit records, never a token or
 *       secret. Still, the database user of the application can revoke and un-revoke sessions:
 *       protect it like the signing keys' store.
 *   <li>Nothing purges on its own (the library starts no threads): schedule {@code
 *       JwtSecurity.purgeExpired()} (or {@link #purgeExpired} and the audit trail's {@code
 *       purgeOlderThan}), or the tables grow without bound.
 * </ul>
 */
public final class JdbcStores {

  private final Database db;
  private final Tables tables;
  private final DataSource dataSource;
  private final JdbcRefreshTokenStore refresh;
  private final JdbcThrottleStore throttle;
  private final JdbcAccessTokenDenylist denylist;
  private final JdbcAuditTrail audit;

  private JdbcStores(DataSource dataSource, Dialect dialect, Tables tables, int maxAttempts) {
    this.dataSource = dataSource;
    this.tables = tables;
    this.db = new Database(dataSource, dialect, maxAttempts);
    this.refresh = new JdbcRefreshTokenStore(db, tables);
    this.throttle = new JdbcThrottleStore(db, tables);
    this.denylist = new JdbcAccessTokenDenylist(db, tables);
    this.audit = new JdbcAuditTrail(db, tables);
  }

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the refresh-token store, for {@code JwtSecurity.Builder.refreshTokenStore}.
   *
   * @return the thread-safe store, shared by every instance on this database
   */
  public RefreshTokenStore refreshTokenStore() {
    return refresh;
  }

  /**
   * Returns the login throttle store.
   *
   * @return the thread-safe store, shared by every instance on this database
   */
  public ThrottleStore throttleStore() {
    return throttle;
  }

  /**
   * Returns the access-token denylist, for {@code TokenAuthenticator.Builder.denylist}.
   *
   * @return the thread-safe list, shared by every instance on this database
   */
  public AccessTokenDenylist accessTokenDenylist() {
    return denylist;
  }

  /**
   * Returns the audit trail. Its {@code append} is synchronous (one {@code INSERT}); see the
   * module's README for running it off the request path.
   *
   * @return the thread-safe trail, shared by every instance on this database
   */
  public AuditTrail auditTrail() {
    return audit;
  }

  /**
   * Returns the table prefix in use.
   *
   * @return the validated prefix
   */
  public String tablePrefix() {
    return tables.prefix;
  }

  /**
   * Creates the tables and indexes if they do not exist, from the shipped schema file with this
   * prefix. Idempotent; opt-in: applications that manage their schema with Flyway or Liquibase
   * apply {@code db/jwt-security/V1__jwt_security_schema.sql} instead.
   *
   * @throws StoreUnavailableException if the database refused a statement (for example missing
   *     privileges)
   */
  public void createSchema() {
    List<String> statements = Schema.statements(tables);
    db.inTransaction(
        "schema",
        StoreUnavailableException::new,
        c -> {
          try (Statement s = c.createStatement()) {
            for (String sql : statements) {
              s.execute(sql); // fixed text from our jar, prefix validated: no user input
            }
          }
          return null;
        });
  }

  /**
   * Deletes what can no longer matter at {@code now}: refresh-token families past their absolute or
   * idle expiry (with their tokens), expired throttle records and denylist entries past their
   * retention. Runs in batches of a few thousand rows, each its own short transaction. Schedule it
   * (hourly is plenty); the audit trail has its own retention ({@code AuditTrail.purgeOlderThan},
   * which {@code JwtSecurity.purgeExpired()} calls).
   *
   * @param now the application's clock
   * @return how many rows of each kind were deleted
   * @throws NullPointerException if {@code now} is {@code null}
   * @throws StoreUnavailableException if the database failed (rows deleted by earlier batches stay
   *     deleted)
   */
  public PurgeResult purgeExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    int families = refresh.purgeExpired(now);
    int throttles = throttle.purgeExpired(now);
    int denied = denylist.purgeExpired(now);
    return new PurgeResult(families, throttles, denied);
  }

  @Override
  public String toString() {
    return "JdbcStores[dialect="
        + db.dialect()
        + ", tablePrefix="
        + tables.prefix
        + ", dataSource="
        + dataSource.getClass().getName()
        + "]";
  }

  /**
   * How many rows {@link #purgeExpired} deleted.
   *
   * @param refreshFamilies refresh-token families deleted, each with all its tokens
   * @param throttleEntries throttle records deleted
   * @param denylistEntries denylist entries deleted
   */
  public record PurgeResult(int refreshFamilies, int throttleEntries, int denylistEntries) {}

  /** Builds {@link JdbcStores}. Not thread-safe; use once. */
  public static final class Builder {
    /** Default number of attempts for an operation that hits a transient failure. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    private DataSource dataSource;
    private String tablePrefix = Tables.DEFAULT_PREFIX;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;

    private Builder() {}

    /**
     * Sets the application's {@link DataSource} (normally its connection pool). Each operation
     * borrows one connection and returns it; auto-commit and isolation are restored before it is
     * returned. Required.
     *
     * @param dataSource the data source of a PostgreSQL or H2 database
     * @return this builder
     * @throws NullPointerException if {@code dataSource} is {@code null}
     */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /**
     * Sets the prefix of every table and index name; default {@code "jwt_"}, which the shipped
     * schema file uses. A constant of the application, never user input.
     *
     * @param tablePrefix a lower-case letter, then up to 20 lower-case letters, digits or
     *     underscores
     * @return this builder
     * @throws NullPointerException if {@code tablePrefix} is {@code null}
     * @throws IllegalArgumentException if it does not match {@code [a-z][a-z0-9_]{0,20}}
     */
    public Builder tablePrefix(String tablePrefix) {
      Objects.requireNonNull(tablePrefix, "tablePrefix");
      new Tables(tablePrefix); // validates
      this.tablePrefix = tablePrefix;
      return this;
    }

    /**
     * Sets how many times an operation is attempted when the database reports a transient failure
     * (serialisation failure, deadlock, lock timeout); default {@value #DEFAULT_MAX_ATTEMPTS}.
     *
     * @param maxAttempts 1 (no retry) to 20
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1 || maxAttempts > 20) {
        throw new IllegalArgumentException(
            "maxAttempts must be between 1 and 20, was " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Returns the stores. Opens one connection to learn which database it is.
     *
     * @return the stores, immutable and thread-safe
     * @throws IllegalStateException if no data source was set, or the database is neither
     *     PostgreSQL nor H2
     * @throws StoreUnavailableException if the database cannot be reached
     */
    public JdbcStores build() {
      if (dataSource == null) {
        throw new IllegalStateException(
            "dataSource is required: pass the application's DataSource (its pool)");
      }
      Dialect dialect;
      try (Connection c = dataSource.getConnection()) {
        DatabaseMetaData meta = c.getMetaData();
        dialect = Dialect.of(meta.getDatabaseProductName());
      } catch (SQLException e) {
        throw new StoreUnavailableException(
            "cannot reach the database to detect its dialect (SQLState " + e.getSQLState() + ")",
            e);
      }
      return new JdbcStores(dataSource, dialect, new Tables(tablePrefix), maxAttempts);
    }
  }
}
