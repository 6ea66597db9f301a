/**
 * JDBC implementations of the jwt-security store SPIs, for applications that run on several
 * instances sharing one database (PostgreSQL; H2 for tests and demos). Start at {@link
 * dev.jwtsecurity.jdbc.JdbcStores}.
 */
package dev.jwtsecurity.jdbc;
