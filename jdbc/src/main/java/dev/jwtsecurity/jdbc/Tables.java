package dev.jwtsecurity.jdbc;

import java.util.regex.Pattern;

/**
 * The table names for one prefix. The prefix is checked against a strict pattern before any name is
 * built, so a table name can never carry SQL; values always travel as {@code PreparedStatement}
 * parameters.
 */
final class Tables {

  /** The default prefix, the one the shipped schema file uses. */
  static final String DEFAULT_PREFIX = "jwt_";

  static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,20}");

  final String prefix;
  final String family;
  final String token;
  final String throttle;
  final String denylist;
  final String audit;

  Tables(String prefix) {
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "table prefix must match [a-z][a-z0-9_]{0,20}: a lower-case letter, then up to 20 lower-case letters,"
              + " digits or underscores (the default is jwt_)");
    }
    this.prefix = prefix;
    this.family = prefix + "refresh_family";
    this.token = prefix + "refresh_token";
    this.throttle = prefix + "throttle";
    this.denylist = prefix + "denylist";
    this.audit = prefix + "audit";
  }
}
