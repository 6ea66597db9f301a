package dev.jwtsecurity.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.Map;

/**
 * Two demo instances on one PostgreSQL ({@code DATABASE_URL}): users, todos and the library's
 * stores in the database. Skipped with a visible message without {@code JWTSEC_TEST_POSTGRES_URL}.
 */
class DemoTwoInstancesPostgresTest extends TwoInstanceStory {

  @Override
  void addSharedState(Map<String, String> env) {
    // the database only
  }

  @Override
  String storesAnnounced() {
    return "PostgreSQL (DATABASE_URL)";
  }

  @Override
  void assertStoresWhereExpected() throws SQLException {
    assertThat(rows("jwt_refresh_family")).as("sessions in the database").isPositive();
  }
}
