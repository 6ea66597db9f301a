package dev.jwtsecurity.jdbc;

import dev.jwtsecurity.StoreUnavailableException;
import dev.jwtsecurity.audit.AuditOutcome;
import dev.jwtsecurity.audit.AuditQuery;
import dev.jwtsecurity.audit.AuditRecord;
import dev.jwtsecurity.audit.AuditTrail;
import dev.jwtsecurity.audit.RequestContext;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link AuditTrail} on one append-only table; {@code seq} (an identity column) is the insertion
 * order.
 *
 * <p>{@link #append} is synchronous: one auto-committed {@code INSERT} on its own connection, so it
 * takes no lock that token validation (a primary-key read of the denylist) could wait on; nothing
 * in the library calls it on the validation path. Applications that do not want a request to wait
 * for it hand it to their own executor; the contract (an exception when the record could not be
 * stored) is kept either way.
 */
final class JdbcAuditTrail implements AuditTrail {

  private static final String NAME = "audit trail";

  private final Database db;
  private final String insert;
  private final String query;
  private final String purge;

  JdbcAuditTrail(Database db, Tables t) {
    this.db = db;
    this.insert =
        "INSERT INTO "
            + t.audit
            + " (event_us, user_id, action, resource_type, resource_id, outcome, client_address, user_agent,"
            + " request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    this.query =
        "SELECT event_us, user_id, action, resource_type, resource_id, outcome, client_address, user_agent,"
            + " request_id FROM "
            + t.audit
            + " WHERE user_id = ? AND event_us >= ? AND event_us < ? ORDER BY event_us, seq FETCH FIRST ? ROWS ONLY";
    this.purge = db.dialect().batchedDelete(t.audit, "seq", "event_us < ?", Database.PURGE_BATCH);
  }

  private static RuntimeException failure(String message, Throwable cause) {
    return new StoreUnavailableException(message, cause);
  }

  @Override
  public void append(AuditRecord record) {
    Objects.requireNonNull(record, "record");
    db.autoCommit(
        NAME,
        JdbcAuditTrail::failure,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(insert)) {
            RequestContext r = record.request();
            ps.setLong(1, Micros.floor(record.time()));
            ps.setString(2, record.userId());
            ps.setString(3, record.action());
            JdbcRefreshTokenStore.setNullableString(ps, 4, record.resourceType());
            JdbcRefreshTokenStore.setNullableString(ps, 5, record.resourceId());
            ps.setString(6, record.outcome().name());
            JdbcRefreshTokenStore.setNullableString(ps, 7, r.clientAddress());
            JdbcRefreshTokenStore.setNullableString(ps, 8, r.userAgent());
            JdbcRefreshTokenStore.setNullableString(ps, 9, r.requestId());
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public List<AuditRecord> query(AuditQuery q) {
    Objects.requireNonNull(q, "query");
    // Record times are whole microseconds: time >= from  <=>  micros >= ceil(from); the same for
    // time < to.
    long from = Micros.ceil(q.from());
    long to = Micros.ceil(q.to());
    return db.autoCommit(
        NAME,
        JdbcAuditTrail::failure,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(query)) {
            ps.setString(1, q.userId());
            ps.setLong(2, from);
            ps.setLong(3, to);
            ps.setInt(4, q.limit());
            try (ResultSet rs = ps.executeQuery()) {
              List<AuditRecord> out = new ArrayList<>();
              while (rs.next()) {
                Instant time = Micros.instant(rs.getLong(1));
                out.add(
                    new AuditRecord(
                        time,
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        AuditOutcome.valueOf(rs.getString(6)),
                        new RequestContext(rs.getString(7), rs.getString(8), rs.getString(9))));
              }
              return List.copyOf(out);
            }
          }
        });
  }

  @Override
  public long purgeOlderThan(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    long at = Micros.ceil(cutoff);
    return db.purgeInBatches(NAME, JdbcAuditTrail::failure, purge, 1, at);
  }
}
