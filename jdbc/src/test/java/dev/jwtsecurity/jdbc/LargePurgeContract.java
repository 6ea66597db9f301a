package dev.jwtsecurity.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Purge at scale: 100,000 refresh-token families (200,000 rows with their tokens) and 100,000
 * denylist entries, half of each expired, written with JDBC batches; the purge must delete exactly
 * the expired half, in batches, through the indexes. The elapsed time is printed for the record,
 * never asserted (performance is measured in benchmarks/).
 */
abstract class LargePurgeContract {

  static final int ROWS = 100_000;
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  /** Returns the database under test. */
  protected abstract TestDatabase database();

  @Test
  void purgeExpired_100kFamiliesAnd100kDenylistEntries_deletesExactlyTheExpiredHalf()
      throws SQLException {
    TestDatabase db = database();
    JdbcStores stores = db.fresh();
    long expired = Micros.floor(NOW.minus(Duration.ofDays(1)));
    long live = Micros.floor(NOW.plus(Duration.ofDays(1)));
    String p = stores.tablePrefix();
    try (Connection c = db.newDataSource().getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement fam =
              c.prepareStatement(
                  "INSERT INTO "
                      + p
                      + "refresh_family (family_id, user_id, created_us, expires_us, tokens_expire_us)"
                      + " VALUES (?, ?, ?, ?, ?)");
          PreparedStatement tok =
              c.prepareStatement(
                  "INSERT INTO "
                      + p
                      + "refresh_token (lookup_id, family_id, secret_hash, issued_us, expires_us)"
                      + " VALUES (?, ?, ?, ?, ?)");
          PreparedStatement deny =
              c.prepareStatement(
                  "INSERT INTO "
                      + p
                      + "denylist (issuer, token_id, drop_after_us) VALUES (?, ?, ?)")) {
        for (int i = 0; i < ROWS; i++) {
          boolean old = i % 2 == 0;
          // Half the expired families are past their absolute expiry, half past their idle expiry.
          long familyExpiry = old && i % 4 == 0 ? expired : live;
          long tokensExpiry = old ? expired : live;
          fam.setString(1, "f" + i);
          fam.setString(2, "user" + (i % 1000));
          fam.setLong(3, 0);
          fam.setLong(4, familyExpiry);
          fam.setLong(5, tokensExpiry);
          fam.addBatch();
          tok.setString(1, "t" + i);
          tok.setString(2, "f" + i);
          tok.setString(3, "h");
          tok.setLong(4, 0);
          tok.setLong(5, tokensExpiry);
          tok.addBatch();
          deny.setString(1, "iss");
          deny.setString(2, "j" + i);
          deny.setLong(3, old ? expired : live);
          deny.addBatch();
          if (i % 5_000 == 4_999) {
            fam.executeBatch();
            tok.executeBatch();
            deny.executeBatch();
            c.commit();
          }
        }
      }
    }
    assertThat(db.count(stores, "refresh_token")).isEqualTo(ROWS);

    long start = System.nanoTime();
    JdbcStores.PurgeResult result = stores.purgeExpired(NOW);
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println(
        "[jwt-security-jdbc] "
            + db.label
            + ": purged "
            + result
            + " from 300,000 rows in "
            + millis
            + " ms");

    assertThat(result).isEqualTo(new JdbcStores.PurgeResult(ROWS / 2, 0, ROWS / 2));
    assertThat(db.count(stores, "refresh_family")).isEqualTo(ROWS / 2);
    assertThat(db.count(stores, "refresh_token")).isEqualTo(ROWS / 2);
    assertThat(db.count(stores, "denylist")).isEqualTo(ROWS / 2);
    assertThat(stores.refreshTokenStore().findByLookupId("t1")).isPresent();
    assertThat(stores.refreshTokenStore().findByLookupId("t0")).isEmpty();
    assertThat(stores.purgeExpired(NOW)).isEqualTo(new JdbcStores.PurgeResult(0, 0, 0));
  }
}
