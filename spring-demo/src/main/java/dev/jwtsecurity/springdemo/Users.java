package dev.jwtsecurity.springdemo;

import dev.jwtsecurity.access.UserDirectory;
import dev.jwtsecurity.login.UserCredentialsLookup;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The users table, seen by the starter's login endpoint ({@link UserCredentialsLookup}) and by the
 * per-request user check ({@link UserDirectory}). The starter finds this bean by type. Every
 * statement is parameterised.
 */
@Repository
class Users implements UserCredentialsLookup, UserDirectory {

  private final JdbcClient jdbc;

  Users(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Creates a user; empty when the (normalised) name is taken. */
  Optional<Long> create(String normalisedUsername, String passwordHash) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    try {
      jdbc.sql("INSERT INTO users (username, password_hash) VALUES (?, ?)")
          .params(normalisedUsername, passwordHash)
          .update(key, "id");
    } catch (DuplicateKeyException e) {
      return Optional.empty();
    }
    return Optional.of(key.getKeyAs(Long.class));
  }

  Optional<String> usernameOf(String userId) {
    return Todos.parseId(userId)
        .flatMap(
            id ->
                jdbc.sql("SELECT username FROM users WHERE id = ?")
                    .param(id)
                    .query(String.class)
                    .optional());
  }

  long count() {
    return jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single();
  }

  @Override
  public Optional<UserCredentials> findByUsername(String normalisedUsername) {
    return jdbc.sql("SELECT id, password_hash, enabled FROM users WHERE username = ?")
        .param(normalisedUsername)
        .query(
            (rs, n) ->
                new UserCredentials(
                    Long.toString(rs.getLong(1)), rs.getString(2), rs.getBoolean(3), false))
        .optional();
  }

  @Override
  public boolean updatePasswordHash(String userId, String expectedCurrentHash, String newHash) {
    return jdbc.sql("UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?")
            .params(newHash, Long.parseLong(userId), expectedCurrentHash)
            .update()
        == 1;
  }

  @Override
  public UserStatus status(String userId) {
    Optional<Long> id = Todos.parseId(userId);
    if (id.isEmpty()) {
      return UserStatus.notFound();
    }
    return jdbc.sql("SELECT enabled, credentials_valid_since FROM users WHERE id = ?")
        .param(id.get())
        .query(
            (rs, n) -> {
              if (!rs.getBoolean(1)) {
                return UserStatus.inactive();
              }
              Timestamp since = rs.getTimestamp(2);
              return since == null ? UserStatus.active() : UserStatus.active(since.toInstant());
            })
        .optional()
        .orElse(UserStatus.notFound());
  }

  @Override
  public boolean invalidateCredentialsBefore(String userId, Instant instant) {
    Optional<Long> id = Todos.parseId(userId);
    return id.isPresent()
        && jdbc.sql("UPDATE users SET credentials_valid_since = ? WHERE id = ?")
                .params(Timestamp.from(instant), id.get())
                .update()
            == 1;
  }
}
