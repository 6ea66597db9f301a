package dev.jwtsecurity.jdbc;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One test database (H2 in memory, or the PostgreSQL server named by {@code
 * JWTSEC_TEST_POSTGRES_URL}), and fresh table prefixes on it so that test classes and tests never
 * see each other's rows. Every {@link #newDataSource()} is a separate connection source: two of
 * them simulate two application instances.
 */
final class TestDatabase {

  static final String POSTGRES_ENV = "JWTSEC_TEST_POSTGRES_URL";
  private static final SecureRandom RANDOM = new SecureRandom();

  final String label;
  private final Supplier<DataSource> factory;
  private final List<String> prefixes = new ArrayList<>();

  private TestDatabase(String label, Supplier<DataSource> factory) {
    this.label = label;
    this.factory = factory;
  }

  /**
   * A named in-memory H2 database, kept until the JVM ends; a long lock timeout for the concurrency
   * tests.
   */
  static TestDatabase h2() {
    String url = "jdbc:h2:mem:" + uniquePrefix() + "db;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000";
    return new TestDatabase("H2", () -> h2DataSource(url));
  }

  static JdbcDataSource h2DataSource(String url) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(url);
    return ds;
  }

  /**
   * The PostgreSQL server of {@code JWTSEC_TEST_POSTGRES_URL}; aborts the calling test class (a
   * visible skip, with the reason on stderr) when the variable is unset or the server does not
   * answer.
   */
  static TestDatabase postgresOrSkip() {
    String url = System.getenv(POSTGRES_ENV);
    if (url == null || url.isBlank()) {
      skip(
          POSTGRES_ENV
              + " is not set; PostgreSQL store tests SKIPPED (.ci/run sets it; see README, JDBC stores)");
    }
    Supplier<DataSource> factory =
        () -> {
          PGSimpleDataSource ds = new PGSimpleDataSource();
          ds.setURL(url);
          return ds;
        };
    try (Connection c = factory.get().getConnection()) {
      c.isValid(5);
    } catch (SQLException e) {
      skip(
          "PostgreSQL at "
              + POSTGRES_ENV
              + " is unreachable (SQLState "
              + e.getSQLState()
              + "); PostgreSQL store tests SKIPPED");
    }
    return new TestDatabase("PostgreSQL", factory);
  }

  private static void skip(String reason) {
    System.err.println("[jwt-security-jdbc] " + reason);
    Assumptions.abort(reason);
  }

  static String uniquePrefix() {
    byte[] b = new byte[5];
    RANDOM.nextBytes(b);
    return "t" + HexFormat.of().formatHex(b) + "_";
  }

  private final List<TinyPool> pools = new ArrayList<>();
  private TinyPool admin;

  /** A separate pool of connections: one application instance. */
  synchronized DataSource newDataSource() {
    TinyPool pool = new TinyPool(factory.get());
    pools.add(pool);
    return pool;
  }

  private synchronized DataSource admin() {
    if (admin == null) {
      admin = (TinyPool) newDataSource();
    }
    return admin;
  }

  private JdbcStores current;

  /**
   * Stores on empty tables of this object's own prefix (created once per test class: DDL is slow on
   * a busy PostgreSQL; emptying a few rows is not).
   */
  synchronized JdbcStores fresh() {
    if (current == null) {
      String prefix = uniquePrefix();
      prefixes.add(prefix);
      current = JdbcStores.builder().dataSource(newDataSource()).tablePrefix(prefix).build();
      current.createSchema();
      return current;
    }
    try (Connection c = admin().getConnection();
        Statement s = c.createStatement()) {
      for (String table :
          List.of("refresh_token", "refresh_family", "throttle", "denylist", "audit")) {
        s.execute(
            "DELETE FROM " + current.tablePrefix() + table); // test-generated prefix, never input
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty test tables", e);
    }
    return current;
  }

  private JdbcStores second;

  /**
   * The tables of the last {@link #fresh()} through a second data source of their own: another
   * application instance. Kept for the test class, like the tables.
   */
  synchronized JdbcStores secondInstance() {
    if (current == null) {
      throw new IllegalStateException("call fresh() first");
    }
    if (second == null) {
      second =
          JdbcStores.builder()
              .dataSource(newDataSource())
              .tablePrefix(current.tablePrefix())
              .build();
    }
    return second;
  }

  /** Drops every table this object created. */
  synchronized void dropAll() {
    try (Connection c = admin().getConnection();
        Statement s = c.createStatement()) {
      for (String p : prefixes) {
        for (String table :
            List.of("refresh_token", "refresh_family", "throttle", "denylist", "audit")) {
          s.execute("DROP TABLE IF EXISTS " + p + table); // test-generated prefix, never input
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop test tables", e);
    }
    prefixes.clear();
    current = null;
    second = null;
    for (TinyPool pool : pools) {
      pool.close();
    }
    pools.clear();
    admin = null;
  }

  long count(JdbcStores stores, String table) {
    try (Connection c = admin().getConnection();
        Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT COUNT(*) FROM " + stores.tablePrefix() + table)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
