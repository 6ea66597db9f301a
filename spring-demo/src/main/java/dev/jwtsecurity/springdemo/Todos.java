package dev.jwtsecurity.springdemo;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The todos table. User isolation: every statement that reads or changes a todo is parameterised
 * and filtered by the authenticated user's id, so another user's todo is simply not found; {@link
 * #ownerOf} returns only the owner id, for the security event of a probe.
 */
@Repository
class Todos {

  /** Each user keeps at most this many todos, so one account cannot fill the database. */
  static final int MAX_TODOS_PER_USER = 500;

  private final JdbcClient jdbc;

  Todos(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A todo as the API shows it. */
  record Todo(long id, String title, boolean done) {}

  List<Todo> list(long ownerId) {
    return jdbc.sql("SELECT id, title, done FROM todos WHERE owner_id = ? ORDER BY id")
        .param(ownerId)
        .query(Todo.class)
        .list();
  }

  Optional<Todo> find(long id, long ownerId) {
    return jdbc.sql("SELECT id, title, done FROM todos WHERE id = ? AND owner_id = ?")
        .params(id, ownerId)
        .query(Todo.class)
        .optional();
  }

  /** Creates a todo; empty when the user already has {@link #MAX_TODOS_PER_USER}. */
  Optional<Todo> create(long ownerId, String title, boolean done) {
    long count =
        jdbc.sql("SELECT COUNT(*) FROM todos WHERE owner_id = ?")
            .param(ownerId)
            .query(Long.class)
            .single();
    if (count >= MAX_TODOS_PER_USER) {
      return Optional.empty();
    }
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO todos (owner_id, title, done) VALUES (?, ?, ?)")
        .params(ownerId, title, done)
        .update(key, "id");
    return Optional.of(new Todo(key.getKeyAs(Long.class), title, done));
  }

  Optional<Todo> update(long id, long ownerId, String title, boolean done) {
    int n =
        jdbc.sql("UPDATE todos SET title = ?, done = ? WHERE id = ? AND owner_id = ?")
            .params(title, done, id, ownerId)
            .update();
    return n == 1 ? Optional.of(new Todo(id, title, done)) : Optional.empty();
  }

  boolean delete(long id, long ownerId) {
    return jdbc.sql("DELETE FROM todos WHERE id = ? AND owner_id = ?").params(id, ownerId).update()
        == 1;
  }

  /** The owner of a todo, whoever it is; asked only after an owner-filtered statement missed. */
  Optional<Long> ownerOf(long id) {
    return jdbc.sql("SELECT owner_id FROM todos WHERE id = ?")
        .param(id)
        .query(Long.class)
        .optional();
  }

  long count() {
    return jdbc.sql("SELECT COUNT(*) FROM todos").query(Long.class).single();
  }

  /** A positive decimal id of at most 18 digits; anything else is "no such id", never an error. */
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
