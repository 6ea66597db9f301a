package dev.jwtsecurity.examples;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The todos table. User isolation: every statement that reads or changes a todo is parameterised
 * and filtered by the authenticated user's id ({@code WHERE id = ? AND owner_id = ?}), so another
 * user's todo is simply not found. The one look-up by id alone, {@link #ownerOf}, returns only the
 * owner id, for the security event of a probe.
 */
final class TodoStore {

  /** Each user keeps at most this many todos, so one account cannot fill the in-memory database. */
  static final int MAX_TODOS_PER_USER = 500;

  private final Database db;

  TodoStore(Database db) {
    this.db = db;
  }

  /** A todo as the API shows it. */
  record Todo(long id, String title, boolean done) {}

  List<Todo> list(long ownerId) {
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, title, done FROM todos WHERE owner_id = ? ORDER BY id")) {
      ps.setLong(1, ownerId);
      try (ResultSet rs = ps.executeQuery()) {
        List<Todo> todos = new ArrayList<>();
        while (rs.next()) {
          todos.add(new Todo(rs.getLong(1), rs.getString(2), rs.getBoolean(3)));
        }
        return todos;
      }
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  Optional<Todo> find(long id, long ownerId) {
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement("SELECT id, title, done FROM todos WHERE id = ? AND owner_id = ?")) {
      ps.setLong(1, id);
      ps.setLong(2, ownerId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new Todo(rs.getLong(1), rs.getString(2), rs.getBoolean(3)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  /** Creates a todo; empty when the user already has {@link #MAX_TODOS_PER_USER}. */
  Optional<Todo> create(long ownerId, String title, boolean done) {
    try (Connection c = db.connection()) {
      try (PreparedStatement count =
          c.prepareStatement("SELECT COUNT(*) FROM todos WHERE owner_id = ?")) {
        count.setLong(1, ownerId);
        try (ResultSet rs = count.executeQuery()) {
          rs.next();
          if (rs.getLong(1) >= MAX_TODOS_PER_USER) {
            return Optional.empty();
          }
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO todos (owner_id, title, done) VALUES (?, ?, ?)",
              Statement.RETURN_GENERATED_KEYS)) {
        ps.setLong(1, ownerId);
        ps.setString(2, title);
        ps.setBoolean(3, done);
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
          keys.next();
          return Optional.of(new Todo(keys.getLong(1), title, done));
        }
      }
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  Optional<Todo> update(long id, long ownerId, String title, boolean done) {
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE todos SET title = ?, done = ? WHERE id = ? AND owner_id = ?")) {
      ps.setString(1, title);
      ps.setBoolean(2, done);
      ps.setLong(3, id);
      ps.setLong(4, ownerId);
      return ps.executeUpdate() == 1 ? Optional.of(new Todo(id, title, done)) : Optional.empty();
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  boolean delete(long id, long ownerId) {
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement("DELETE FROM todos WHERE id = ? AND owner_id = ?")) {
      ps.setLong(1, id);
      ps.setLong(2, ownerId);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  /**
   * The owner of a todo, whoever it is. Asked only after an owner-filtered statement found nothing,
   * to tell "not yours" (a probe for another user's data, worth a security event) from "missing";
   * both run this same primary-key look-up, so the answer and its timing stay the same. It returns
   * the owner id and nothing of the todo.
   */
  Optional<Long> ownerOf(long id) {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("SELECT owner_id FROM todos WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  /** How many todos there are, of every user. */
  long count() {
    return Database.count(db, "SELECT COUNT(*) FROM todos");
  }

  /**
   * Parses a positive decimal id of at most 18 digits; anything else is "no such id" (never an
   * error).
   */
  static Optional<Long> parseId(String s) {
    if (s == null || s.isEmpty() || s.length() > 18) {
      return Optional.empty();
    }
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < '0' || ch > '9') {
        return Optional.empty();
      }
      v = v * 10 + (ch - '0');
    }
    return v > 0 ? Optional.of(v) : Optional.empty();
  }
}
