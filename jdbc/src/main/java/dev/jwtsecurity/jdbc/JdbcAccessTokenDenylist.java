package dev.jwtsecurity.jdbc;

import dev.jwtsecurity.StoreUnavailableException;
import dev.jwtsecurity.access.AccessTokenDenylist;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;

/**
 * {@link AccessTokenDenylist} on one table keyed by ({@code iss}, {@code jti}), shared by every
 * instance.
 *
 * <p>{@link #deny} is an upsert that keeps the later retention: a conditional {@code UPDATE ...
 * WHERE drop_after_us < ?}, then an {@code INSERT} when no row exists, and the update again when
 * another instance inserted first. Each step is one auto-committed statement, so no transaction is
 * aborted by the expected unique-key violation, and the same SQL runs on PostgreSQL and H2. {@link
 * #isDenied} is one indexed primary-key look-up; when the database cannot answer it throws {@link
 * StoreUnavailableException} (the authenticator then refuses the request): it never answers "not
 * denied" on a failure.
 */
final class JdbcAccessTokenDenylist implements AccessTokenDenylist {

  private static final String NAME = "access-token denylist";
  static final int MAX_ISSUER = 512;
  static final int MAX_TOKEN_ID = 255;
  private static final int MAX_UPSERT_ROUNDS = 4;

  private final Database db;
  private final String raise;
  private final String insert;
  private final String exists;
  private final String lookup;
  private final String purge;

  JdbcAccessTokenDenylist(Database db, Tables t) {
    this.db = db;
    this.raise =
        "UPDATE "
            + t.denylist
            + " SET drop_after_us = ? WHERE issuer = ? AND token_id = ? AND drop_after_us < ?";
    this.insert =
        "INSERT INTO " + t.denylist + " (issuer, token_id, drop_after_us) VALUES (?, ?, ?)";
    this.exists =
        "SELECT 1 FROM " + t.denylist + " WHERE issuer = ? AND token_id = ? AND drop_after_us >= ?";
    this.lookup = exists;
    this.purge =
        db.dialect()
            .batchedDelete(
                t.denylist, "issuer, token_id", "drop_after_us < ?", Database.PURGE_BATCH);
  }

  private static RuntimeException failure(String message, Throwable cause) {
    return new StoreUnavailableException(message, cause);
  }

  @Override
  public void deny(String issuer, String tokenId, Instant expiresAt) {
    Objects.requireNonNull(issuer, "issuer (use \"\" for a token without iss)");
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(expiresAt, "expiresAt");
    JdbcRefreshTokenStore.checkLength("issuer", issuer, MAX_ISSUER);
    JdbcRefreshTokenStore.checkLength("tokenId", tokenId, MAX_TOKEN_ID);
    // Rounded up: the entry is kept at least until expiresAt + RETENTION_AFTER_EXPIRY (the SPI
    // contract).
    long dropAfter = Micros.ceil(expiresAt.plus(RETENTION_AFTER_EXPIRY));
    for (int round = 0; round < MAX_UPSERT_ROUNDS; round++) {
      boolean stored =
          db.autoCommit(
              NAME,
              JdbcAccessTokenDenylist::failure,
              c -> {
                try (PreparedStatement ps = c.prepareStatement(raise)) {
                  ps.setLong(1, dropAfter);
                  ps.setString(2, issuer);
                  ps.setString(3, tokenId);
                  ps.setLong(4, dropAfter);
                  if (ps.executeUpdate() == 1) {
                    return true;
                  }
                }
                if (present(c.prepareStatement(exists), issuer, tokenId, dropAfter)) {
                  return true; // already denied at least as long
                }
                try (PreparedStatement ps = c.prepareStatement(insert)) {
                  ps.setString(1, issuer);
                  ps.setString(2, tokenId);
                  ps.setLong(3, dropAfter);
                  ps.executeUpdate();
                  return true;
                } catch (SQLException e) {
                  if (Dialect.isDuplicateKey(e)) {
                    return false; // another instance inserted it meanwhile: raise it in the next
                    // round
                  }
                  throw e;
                }
              });
      if (stored) {
        return;
      }
    }
    throw new StoreUnavailableException(
        NAME + ": could not store the entry after " + MAX_UPSERT_ROUNDS + " rounds of contention",
        null);
  }

  @Override
  public boolean isDenied(String issuer, String tokenId, Instant now) {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(now, "now");
    // Denied while now <= drop_after (InMemoryAccessTokenDenylist: !now.isAfter(dropAfter)).
    long at = Micros.floor(now);
    return db.autoCommit(
        NAME,
        JdbcAccessTokenDenylist::failure,
        c -> present(c.prepareStatement(lookup), issuer, tokenId, at));
  }

  private static boolean present(
      PreparedStatement statement, String issuer, String tokenId, long at) throws SQLException {
    try (PreparedStatement ps = statement) {
      ps.setString(1, issuer);
      ps.setString(2, tokenId);
      ps.setLong(3, at);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  @Override
  public int purgeExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    long at = Micros.floor(now);
    return Math.toIntExact(db.purgeInBatches(NAME, JdbcAccessTokenDenylist::failure, purge, 1, at));
  }
}
