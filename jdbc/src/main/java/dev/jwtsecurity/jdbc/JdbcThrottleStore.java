package dev.jwtsecurity.jdbc;

import dev.jwtsecurity.StoreUnavailableException;
import dev.jwtsecurity.throttle.ThrottleKey;
import dev.jwtsecurity.throttle.ThrottlePolicy;
import dev.jwtsecurity.throttle.ThrottleState;
import dev.jwtsecurity.throttle.ThrottleStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ThrottleStore} on one table, one row per key, shared by every instance.
 *
 * <p>Atomicity of {@link #recordFailure}: one transaction reads the row with {@code SELECT ... FOR
 * UPDATE} (other instances wait on the row lock and then read the committed result), applies {@link
 * ThrottleState#afterFailure} in Java and writes it back. A key seen for the first time is
 * inserted; when two instances insert the same new key at once, the loser gets a unique-key
 * violation, rolls back and runs again, now finding the row. No failure is lost.
 */
final class JdbcThrottleStore implements ThrottleStore {

  private static final String NAME = "throttle store";
  private static final String COLUMNS =
      "failures, window_start_us, lockouts, locked_until_us, last_failure_us, expires_us";

  private final Database db;
  private final String select;
  private final String selectForUpdate;
  private final String insert;
  private final String update;
  private final String delete;
  private final String purge;

  JdbcThrottleStore(Database db, Tables t) {
    this.db = db;
    this.select = "SELECT " + COLUMNS + " FROM " + t.throttle + " WHERE kind = ? AND key_id = ?";
    this.selectForUpdate = select + " FOR UPDATE";
    this.insert =
        "INSERT INTO "
            + t.throttle
            + " ("
            + COLUMNS
            + ", kind, key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    this.update =
        "UPDATE "
            + t.throttle
            + " SET failures = ?, window_start_us = ?, lockouts = ?, locked_until_us = ?, last_failure_us = ?,"
            + " expires_us = ? WHERE kind = ? AND key_id = ?";
    this.delete = "DELETE FROM " + t.throttle + " WHERE kind = ? AND key_id = ?";
    this.purge =
        db.dialect()
            .batchedDelete(t.throttle, "kind, key_id", "expires_us <= ?", Database.PURGE_BATCH);
  }

  private static RuntimeException failure(String message, Throwable cause) {
    return new StoreUnavailableException(message, cause);
  }

  @Override
  public Optional<ThrottleState> get(ThrottleKey key, Instant now) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(now, "now");
    ThrottleState s = db.autoCommit(NAME, JdbcThrottleStore::failure, c -> read(c, select, key));
    return s == null || s.isExpiredAt(now) ? Optional.empty() : Optional.of(s);
  }

  @Override
  public ThrottleState recordFailure(ThrottleKey key, ThrottlePolicy policy, Instant now) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(now, "now");
    return db.inTransaction(
        NAME,
        JdbcThrottleStore::failure,
        c -> {
          ThrottleState old = read(c, selectForUpdate, key);
          ThrottleState next =
              (old == null ? ThrottleState.initial(now) : old).afterFailure(policy, now);
          if (old != null) {
            try (PreparedStatement ps = c.prepareStatement(update)) {
              bind(ps, next, key);
              ps.executeUpdate();
            }
            return next;
          }
          try (PreparedStatement ps = c.prepareStatement(insert)) {
            bind(ps, next, key);
            ps.executeUpdate();
          } catch (SQLException e) {
            if (Dialect.isDuplicateKey(e)) {
              throw new Database
                  .Conflict(); // another instance inserted this key first: run again and update it
            }
            throw e;
          }
          return next;
        });
  }

  @Override
  public void reset(ThrottleKey key) {
    Objects.requireNonNull(key, "key");
    db.autoCommit(
        NAME,
        JdbcThrottleStore::failure,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(delete)) {
            ps.setString(1, key.kind().name());
            ps.setString(2, key.id());
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public int purgeExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    // ThrottleState.isExpiredAt: expired once now >= expiresAt. Floor keeps a record a microsecond
    // longer at most.
    long at = Micros.floor(now);
    return Math.toIntExact(db.purgeInBatches(NAME, JdbcThrottleStore::failure, purge, 1, at));
  }

  private static ThrottleState read(Connection c, String sql, ThrottleKey key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, key.kind().name());
      ps.setString(2, key.id());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new ThrottleState(
            rs.getInt(1),
            Micros.instant(rs.getLong(2)),
            rs.getInt(3),
            Micros.instant(rs.getLong(4)),
            Micros.instant(rs.getLong(5)),
            Micros.instant(rs.getLong(6)));
      }
    }
  }

  private static void bind(PreparedStatement ps, ThrottleState s, ThrottleKey key)
      throws SQLException {
    ps.setInt(1, s.failures());
    ps.setLong(2, Micros.floor(s.windowStart()));
    ps.setInt(3, s.lockouts());
    ps.setLong(4, Micros.floor(s.lockedUntil()));
    ps.setLong(5, Micros.floor(s.lastFailure()));
    ps.setLong(6, Micros.floor(s.expiresAt()));
    ps.setString(7, key.kind().name());
    ps.setString(8, key.id());
  }
}
