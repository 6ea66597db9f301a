package dev.jwtsecurity.examples;

import dev.jwtsecurity.access.UserDirectory;
import dev.jwtsecurity.access.UserDirectory.UserStatus;
import dev.jwtsecurity.login.UserCredentialsLookup;
import dev.jwtsecurity.login.UserCredentialsLookup.UserCredentials;
import dev.jwtsecurity.login.Username;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The users table, seen by the login path ({@link UserCredentialsLookup}) and by the per-request
 * user check ({@link UserDirectory}: deleted or disabled users and "log out everywhere"). Every
 * statement is parameterised.
 */
final class UserStore implements UserCredentialsLookup, UserDirectory {

  private final Database db;

  UserStore(Database db) {
    this.db = db;
  }

  /**
   * Creates a user.
   *
   * @return the new user id, or empty when the (normalised) name or its skeleton is taken (a
   *     concurrent registration of a look-alike name won)
   */
  Optional<String> create(Username username, String passwordHash) {
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO users (username, username_skeleton, password_hash) VALUES (?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, username.value());
      ps.setString(2, username.skeleton());
      ps.setString(3, passwordHash);
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return Optional.of(Long.toString(keys.getLong(1)));
      }
    } catch (SQLException e) {
      // H2 throws SQLIntegrityConstraintViolationException, PostgreSQL a plain one with the state
      if (e instanceof SQLIntegrityConstraintViolationException || Database.isUniqueViolation(e)) {
        return Optional.empty();
      }
      throw new DataAccessException(e);
    }
  }

  /**
   * The normalised name of a user, for the claims of its tokens; empty if there is no such user.
   */
  Optional<String> usernameOf(String userId) {
    Optional<Long> id = TodoStore.parseId(userId);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("SELECT username FROM users WHERE id = ?")) {
      ps.setLong(1, id.get());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  /** Whether a registered name has this confusable skeleton: the demo's UsernameRegistry. */
  boolean isSkeletonTaken(String skeleton) {
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement("SELECT 1 FROM users WHERE username_skeleton = ?")) {
      ps.setString(1, skeleton);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  /** How many users are registered. */
  long count() {
    return Database.count(db, "SELECT COUNT(*) FROM users");
  }

  @Override
  public Optional<UserCredentials> findByUsername(String normalisedUsername) {
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement("SELECT id, password_hash, enabled FROM users WHERE username = ?")) {
      ps.setString(1, normalisedUsername);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new UserCredentials(
                Long.toString(rs.getLong(1)), rs.getString(2), rs.getBoolean(3), false));
      }
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  @Override
  public boolean updatePasswordHash(String userId, String expectedCurrentHash, String newHash) {
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?")) {
      ps.setString(1, newHash);
      ps.setLong(2, Long.parseLong(userId));
      ps.setString(3, expectedCurrentHash);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  @Override
  public UserStatus status(String userId) {
    Optional<Long> id = TodoStore.parseId(userId);
    if (id.isEmpty()) {
      return UserStatus.notFound();
    }
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement("SELECT enabled, credentials_valid_since FROM users WHERE id = ?")) {
      ps.setLong(1, id.get());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return UserStatus.notFound();
        }
        if (!rs.getBoolean(1)) {
          return UserStatus.inactive();
        }
        OffsetDateTime since = rs.getObject(2, OffsetDateTime.class);
        return since == null ? UserStatus.active() : UserStatus.active(since.toInstant());
      }
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  @Override
  public boolean invalidateCredentialsBefore(String userId, Instant instant) {
    Optional<Long> id = TodoStore.parseId(userId);
    if (id.isEmpty()) {
      return false;
    }
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement("UPDATE users SET credentials_valid_since = ? WHERE id = ?")) {
      ps.setObject(1, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
      ps.setLong(2, id.get());
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }
}
