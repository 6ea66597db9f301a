package dev.jwtsecurity.examples;

import java.sql.SQLException;

/** A database failure; answered with a generic 500, the SQL detail only in the server log. */
final class DataAccessException extends RuntimeException {

  DataAccessException(SQLException cause) {
    super("database access failed", cause);
  }
}
