package dev.jwtsecurity.jdbc;

import dev.jwtsecurity.StoreUnavailableException;
import dev.jwtsecurity.refresh.RefreshTokenFamily;
import dev.jwtsecurity.refresh.RefreshTokenRecord;
import dev.jwtsecurity.refresh.RefreshTokenStore;
import dev.jwtsecurity.refresh.RevocationReason;
import dev.jwtsecurity.refresh.RotationResult;
import dev.jwtsecurity.refresh.StoredRefreshToken;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link RefreshTokenStore} on two tables (families, tokens) shared by every instance of the
 * application.
 *
 * <p>Atomicity of {@link #rotate}: one transaction locks the family row ({@code SELECT ... FOR
 * UPDATE}), reads the token under that lock, spends it with a conditional {@code UPDATE ... WHERE
 * lookup_id = ? AND spent_us IS NULL} (whose update count must be 1) and inserts the successor.
 * Revocations update the same family row, so rotations and revocations of one family are serialised
 * on its row lock, on every instance, at READ COMMITTED.
 */
final class JdbcRefreshTokenStore implements RefreshTokenStore {

  private static final String NAME = "refresh-token store";
  static final int MAX_ID = 64;
  static final int MAX_USER_ID = 255;
  static final int MAX_HASH = 128;

  private final Database db;
  private final String insertFamily;
  private final String insertToken;
  private final String find;
  private final String familyOfToken;
  private final String lockFamily;
  private final String tokenState;
  private final String spend;
  private final String extendFamily;
  private final String revokeFamily;
  private final String revokeUser;
  private final String purge;

  JdbcRefreshTokenStore(Database db, Tables t) {
    this.db = db;
    this.insertFamily =
        "INSERT INTO "
            + t.family
            + " (family_id, user_id, created_us, expires_us, tokens_expire_us) VALUES (?, ?, ?, ?, ?)";
    this.insertToken =
        "INSERT INTO "
            + t.token
            + " (lookup_id, family_id, secret_hash, issued_us, expires_us) VALUES (?, ?, ?, ?, ?)";
    this.find =
        "SELECT t.lookup_id, t.family_id, t.secret_hash, t.issued_us, t.expires_us, t.spent_us,"
            + " t.successor_lookup_id, f.user_id, f.created_us, f.expires_us, f.revoked_us, f.revocation_reason"
            + " FROM "
            + t.token
            + " t JOIN "
            + t.family
            + " f ON f.family_id = t.family_id WHERE t.lookup_id = ?";
    this.familyOfToken = "SELECT family_id FROM " + t.token + " WHERE lookup_id = ?";
    this.lockFamily =
        "SELECT revoked_us, tokens_expire_us FROM " + t.family + " WHERE family_id = ? FOR UPDATE";
    this.tokenState =
        "SELECT spent_us, successor_lookup_id FROM " + t.token + " WHERE lookup_id = ?";
    this.spend =
        "UPDATE "
            + t.token
            + " SET spent_us = ?, successor_lookup_id = ? WHERE lookup_id = ? AND spent_us IS NULL";
    this.extendFamily = "UPDATE " + t.family + " SET tokens_expire_us = ? WHERE family_id = ?";
    this.revokeFamily =
        "UPDATE "
            + t.family
            + " SET revoked_us = ?, revocation_reason = ? WHERE family_id = ? AND revoked_us IS NULL";
    this.revokeUser =
        "UPDATE "
            + t.family
            + " SET revoked_us = ?, revocation_reason = ? WHERE user_id = ? AND revoked_us IS NULL";
    // Tokens go with their family (ON DELETE CASCADE). Batches keep each transaction and its locks
    // small.
    this.purge =
        db.dialect()
            .batchedDelete(
                t.family,
                "family_id",
                "expires_us <= ? OR tokens_expire_us <= ?",
                Database.PURGE_BATCH);
  }

  private static RuntimeException failure(String message, Throwable cause) {
    return new StoreUnavailableException(message, cause);
  }

  @Override
  public void create(RefreshTokenFamily family, RefreshTokenRecord first) {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(first, "first");
    if (!first.familyId().equals(family.familyId())) {
      throw new IllegalArgumentException("the first token must belong to the new family");
    }
    checkLength("familyId", family.familyId(), MAX_ID);
    checkLength("userId", family.userId(), MAX_USER_ID);
    checkRecord(first);
    db.inTransaction(
        NAME,
        JdbcRefreshTokenStore::failure,
        c -> {
          try {
            try (PreparedStatement ps = c.prepareStatement(insertFamily)) {
              ps.setString(1, family.familyId());
              ps.setString(2, family.userId());
              ps.setLong(3, Micros.floor(family.createdAt()));
              ps.setLong(4, Micros.floor(family.expiresAt()));
              ps.setLong(5, Micros.floor(first.expiresAt()));
              ps.executeUpdate();
            }
            insertToken(c, first);
          } catch (SQLException e) {
            if (Dialect.isDuplicateKey(e)) {
              throw new IllegalArgumentException("family id or lookup id already exists", e);
            }
            throw e;
          }
          return null;
        });
  }

  @Override
  public Optional<StoredRefreshToken> findByLookupId(String lookupId) {
    Objects.requireNonNull(lookupId, "lookupId");
    return db.autoCommit(
        NAME,
        JdbcRefreshTokenStore::failure,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(find)) {
            ps.setString(1, lookupId);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              RefreshTokenRecord token =
                  new RefreshTokenRecord(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getString(3),
                      Micros.instant(rs.getLong(4)),
                      Micros.instant(rs.getLong(5)));
              Instant spentAt = nullableInstant(rs, 6);
              String successor = rs.getString(7);
              RefreshTokenFamily family =
                  new RefreshTokenFamily(
                      token.familyId(),
                      rs.getString(8),
                      Micros.instant(rs.getLong(9)),
                      Micros.instant(rs.getLong(10)));
              Instant revokedAt = nullableInstant(rs, 11);
              String reason = rs.getString(12);
              return Optional.of(
                  new StoredRefreshToken(
                      token,
                      family,
                      spentAt,
                      successor,
                      revokedAt,
                      reason == null ? null : RevocationReason.valueOf(reason)));
            }
          }
        });
  }

  @Override
  public RotationResult rotate(String lookupId, RefreshTokenRecord successor, Instant now) {
    Objects.requireNonNull(lookupId, "lookupId");
    Objects.requireNonNull(successor, "successor");
    Objects.requireNonNull(now, "now");
    checkRecord(successor);
    return db.inTransaction(
        NAME, JdbcRefreshTokenStore::failure, c -> rotateIn(c, lookupId, successor, now));
  }

  private RotationResult rotateIn(
      Connection c, String lookupId, RefreshTokenRecord successor, Instant now)
      throws SQLException {
    String familyId;
    try (PreparedStatement ps = c.prepareStatement(familyOfToken)) {
      ps.setString(1, lookupId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return RotationResult.notFound();
        }
        familyId = rs.getString(1);
      }
    }
    if (!successor.familyId().equals(familyId)) {
      throw new IllegalArgumentException("the successor must belong to the token's family");
    }
    long tokensExpire;
    // The family row lock serialises every rotation and revocation of this family, on every
    // instance.
    try (PreparedStatement ps = c.prepareStatement(lockFamily)) {
      ps.setString(1, familyId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return RotationResult.notFound(); // purged meanwhile
        }
        rs.getLong(1);
        if (!rs.wasNull()) {
          return RotationResult.revoked();
        }
        tokensExpire = rs.getLong(2);
      }
    }
    RotationResult spent = spentState(c, lookupId);
    if (spent != null) {
      return spent;
    }
    try (PreparedStatement ps = c.prepareStatement(spend)) {
      ps.setLong(1, Micros.floor(now));
      ps.setString(2, successor.lookupId());
      ps.setString(3, lookupId);
      if (ps.executeUpdate() != 1) {
        // Cannot happen under the family lock; if a writer bypassed it, report what the row says
        // now.
        RotationResult again = spentState(c, lookupId);
        return again != null ? again : RotationResult.notFound();
      }
    }
    try {
      insertToken(c, successor);
    } catch (SQLException e) {
      if (Dialect.isDuplicateKey(e)) {
        throw new IllegalArgumentException("successor lookup id already exists", e);
      }
      throw e;
    }
    long successorExpires = Micros.floor(successor.expiresAt());
    if (successorExpires > tokensExpire) {
      try (PreparedStatement ps = c.prepareStatement(extendFamily)) {
        ps.setLong(1, successorExpires);
        ps.setString(2, familyId);
        ps.executeUpdate();
      }
    }
    return RotationResult.rotated();
  }

  /**
   * Returns ALREADY_SPENT with the winner's details if the token is spent, NOT_FOUND if gone, null
   * if live.
   */
  private RotationResult spentState(Connection c, String lookupId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(tokenState)) {
      ps.setString(1, lookupId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return RotationResult.notFound();
        }
        Instant spentAt = nullableInstant(rs, 1);
        return spentAt == null ? null : RotationResult.alreadySpent(spentAt, rs.getString(2));
      }
    }
  }

  @Override
  public boolean revokeFamily(String familyId, RevocationReason reason, Instant now) {
    Objects.requireNonNull(familyId, "familyId");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(now, "now");
    return revoke(revokeFamily, familyId, reason, now) == 1;
  }

  @Override
  public int revokeAllForUser(String userId, RevocationReason reason, Instant now) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(now, "now");
    return revoke(revokeUser, userId, reason, now);
  }

  private int revoke(String sql, String id, RevocationReason reason, Instant now) {
    // "AND revoked_us IS NULL" keeps the first revocation and its reason; PostgreSQL and H2
    // re-check it on the
    // locked row when two revocations race, so exactly one of them counts.
    return db.autoCommit(
        NAME,
        JdbcRefreshTokenStore::failure,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, Micros.floor(now));
            ps.setString(2, reason.name());
            ps.setString(3, id);
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public int purgeExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    long at = Micros.floor(now);
    return Math.toIntExact(db.purgeInBatches(NAME, JdbcRefreshTokenStore::failure, purge, 2, at));
  }

  private void insertToken(Connection c, RefreshTokenRecord r) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(insertToken)) {
      ps.setString(1, r.lookupId());
      ps.setString(2, r.familyId());
      ps.setString(3, r.secretHash());
      ps.setLong(4, Micros.floor(r.issuedAt()));
      ps.setLong(5, Micros.floor(r.expiresAt()));
      ps.executeUpdate();
    }
  }

  private static void checkRecord(RefreshTokenRecord r) {
    checkLength("lookupId", r.lookupId(), MAX_ID);
    checkLength("familyId", r.familyId(), MAX_ID);
    checkLength("secretHash", r.secretHash(), MAX_HASH);
  }

  static void checkLength(String name, String value, int max) {
    if (value.length() > max) {
      throw new IllegalArgumentException(
          name + " is longer than the column allows (" + max + " characters)");
    }
  }

  static Instant nullableInstant(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Micros.instant(v);
  }

  static void setNullableString(PreparedStatement ps, int index, String value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, value);
    }
  }
}
