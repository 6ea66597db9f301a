package dev.jwtsecurity.examples;

import dev.jwtsecurity.access.Authentication;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * Who owns a todo: the authenticated caller as an owner id. A token of the demo's own login names
 * the user by its {@code users.id} (positive); a token of a trusted identity provider names its
 * subject by {@code (iss, sub)}, which gets an id of its own (negative) at its first request. The
 * pair, not {@code sub} alone, is the owner: two providers may both have a subject "7", and neither
 * is the demo's user 7.
 */
final class Owners {

  /** Longer subjects are refused (the same 404 as everything else) rather than truncated. */
  static final int MAX_SUBJECT_LENGTH = 255;

  private final Database db;
  private final Set<String> providers;

  /**
   * @param providers the issuers whose tokens the front door accepts besides its own (their {@code
   *     iss} is never the demo's own issuer: the library refuses that configuration)
   */
  Owners(Database db, Set<String> providers) {
    this.db = db;
    this.providers = Set.copyOf(providers);
  }

  /** The caller's owner id, or empty when it cannot own todos (a malformed id). */
  Optional<Long> of(Authentication auth) {
    String issuer = auth.token().issuer().orElse(null);
    if (issuer == null || !providers.contains(issuer)) {
      return TodoStore.parseId(auth.user().userId());
    }
    String subject = auth.user().userId();
    if (subject.isEmpty() || subject.length() > MAX_SUBJECT_LENGTH) {
      return Optional.empty();
    }
    return Optional.of(provision(issuer, subject));
  }

  /**
   * The id of {@code (issuer, subject)}, created at the first request. Two first requests at once
   * both end with the one row: the unique key makes the second insert fail, and it reads the row.
   */
  private long provision(String issuer, String subject) {
    try (Connection c = db.connection()) {
      Optional<Long> found = find(c, issuer, subject);
      if (found.isPresent()) {
        return found.get();
      }
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO external_subjects (issuer, subject) VALUES (?, ?)")) {
        ps.setString(1, issuer);
        ps.setString(2, subject);
        ps.executeUpdate();
      } catch (SQLException e) {
        // A concurrent first request inserted it (unique key): read theirs below.
      }
      return find(c, issuer, subject)
          .orElseThrow(() -> new IllegalStateException("external subject not provisioned"));
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  private static Optional<Long> find(Connection c, String issuer, String subject)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id FROM external_subjects WHERE issuer = ? AND subject = ?")) {
      ps.setString(1, issuer);
      ps.setString(2, subject);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }
}
