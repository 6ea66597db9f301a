/**
 * jwt-security JDBC stores: refresh tokens, throttle counters, the access-token denylist and the
 * audit trail in the application's database, for several instances.
 *
 * <pre>{@code
 * module my.app {
 *   requires dev.jwtsecurity.jdbc;   // reads dev.jwtsecurity and java.sql too
 * }
 * }</pre>
 */
module dev.jwtsecurity.jdbc {
  // Both appear in this module's API (the store SPIs, DataSource), so a user reads them.
  requires transitive dev.jwtsecurity;
  requires transitive java.sql;

  exports dev.jwtsecurity.jdbc;
}
