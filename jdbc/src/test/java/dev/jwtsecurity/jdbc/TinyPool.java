package dev.jwtsecurity.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import javax.sql.DataSource;

/**
 * A minimal connection pool for tests: reuses physical connections the way an application's pool
 * does (so tests are not dominated by PostgreSQL's per-connection start-up, and the stores'
 * restoring of auto-commit and isolation is exercised). Not for production; applications bring
 * their own pool.
 */
final class TinyPool extends SwitchableDataSource implements AutoCloseable {

  private final DataSource physical;
  private final LinkedBlockingQueue<Connection> idle = new LinkedBlockingQueue<>();
  private final List<Connection> all = new ArrayList<>();

  TinyPool(DataSource physical) {
    super(physical);
    this.physical = physical;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection c = idle.poll();
    if (c == null || c.isClosed()) {
      c = physical.getConnection();
      synchronized (all) {
        all.add(c);
      }
    }
    Connection real = c;
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("close")) {
                if (!real.isClosed()) {
                  if (!real.getAutoCommit()) {
                    real.rollback();
                    real.setAutoCommit(true);
                  }
                  idle.add(real);
                }
                return null;
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Override
  public void close() {
    synchronized (all) {
      for (Connection c : all) {
        try {
          c.close();
        } catch (SQLException e) {
          // closing a test connection: nothing to do
        }
      }
      all.clear();
    }
    idle.clear();
  }
}
