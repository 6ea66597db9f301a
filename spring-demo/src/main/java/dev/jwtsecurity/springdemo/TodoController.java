package dev.jwtsecurity.springdemo;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.access.ResourceNotFoundException;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.servlet.JwtRequests;
import dev.jwtsecurity.spring.JwtSecurityAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/todos} and {@code /api/todos/{id}}, for the authenticated caller only: the user of
 * the demo's own token, or a subject of the identity provider of {@code JWT_ISSUER_URI}, both
 * turned into one owner id by {@link Owners}. Every query is filtered by it, so another user's
 * todo, a missing one and a malformed id all end in the same {@link ResourceNotFoundException},
 * which the starter answers with the one 404. When the owner-filtered statement misses, the
 * library's {@code Ownership} check tells "not yours" (a {@code malicious_direct_reference} event)
 * from "missing" without telling the client.
 */
@RestController
class TodoController {

  static final int TITLE_MAX = 200;

  private final Todos todos;
  private final Owners owners;
  private final JwtSecurity security;

  TodoController(Todos todos, Owners owners, JwtSecurity security) {
    this.todos = todos;
    this.owners = owners;
    this.security = security;
  }

  @GetMapping("/api/todos")
  List<Todos.Todo> list(JwtSecurityAuthentication auth) {
    return todos.list(owner(auth));
  }

  @PostMapping("/api/todos")
  ResponseEntity<Todos.Todo> create(JwtSecurityAuthentication auth, HttpServletRequest request)
      throws IOException {
    ObjectNode body = JsonRequests.readObject(request, Set.of("title", "done"));
    String title = JsonRequests.requiredVisibleText(body, "title", TITLE_MAX);
    boolean done = JsonRequests.optionalBoolean(body, "done", false);
    Todos.Todo created =
        todos
            .create(owner(auth), title, done)
            .orElseThrow(
                () ->
                    new JsonRequests.BadRequest(
                        409, "at most " + Todos.MAX_TODOS_PER_USER + " todos per user"));
    return ResponseEntity.created(URI.create("/api/todos/" + created.id())).body(created);
  }

  @GetMapping("/api/todos/{id}")
  Todos.Todo read(
      JwtSecurityAuthentication auth, @PathVariable String id, HttpServletRequest request) {
    Optional<Long> parsed = Todos.parseId(id);
    return found(auth, parsed, parsed.flatMap(i -> todos.find(i, owner(auth))), request);
  }

  @PutMapping("/api/todos/{id}")
  Todos.Todo update(
      JwtSecurityAuthentication auth, @PathVariable String id, HttpServletRequest request)
      throws IOException {
    // Validate the body before looking anything up, so a 400 never tells whether the id exists.
    ObjectNode body = JsonRequests.readObject(request, Set.of("title", "done"));
    Optional<Long> parsed = Todos.parseId(id);
    Optional<Todos.Todo> result = Optional.empty();
    if (parsed.isPresent()) {
      String title = JsonRequests.requiredVisibleText(body, "title", TITLE_MAX);
      boolean done = JsonRequests.requiredBoolean(body, "done");
      result = todos.update(parsed.get(), owner(auth), title, done);
    }
    return found(auth, parsed, result, request);
  }

  @DeleteMapping("/api/todos/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(JwtSecurityAuthentication auth, @PathVariable String id, HttpServletRequest request) {
    Optional<Long> parsed = Todos.parseId(id);
    boolean deleted = parsed.isPresent() && todos.delete(parsed.get(), owner(auth));
    if (!deleted) {
      found(auth, parsed, Optional.empty(), request);
    }
  }

  /**
   * The todo, or the one 404: after a miss, the owner is looked up by id so that a probe for
   * another user's todo is reported; "missing" and "not yours" throw the same exception.
   */
  private Todos.Todo found(
      JwtSecurityAuthentication auth,
      Optional<Long> id,
      Optional<Todos.Todo> result,
      HttpServletRequest request) {
    if (result.isPresent()) {
      return result.get();
    }
    Optional<Long> actualOwner = id.isEmpty() ? Optional.empty() : todos.ownerOf(id.get());
    RequestContext ctx = JwtRequests.requestContext(request).orElse(RequestContext.UNKNOWN);
    long owner = owner(auth);
    // The check compares owners with the caller's user id: the caller's own owner id stands for it,
    // any other is marked so that no user id (a provider's sub "-3") can equal it.
    security
        .ownership()
        .requireOwned(
            auth.getPrincipal(),
            "todo",
            id.map(String::valueOf).orElse("invalid"),
            actualOwner,
            o -> o == owner ? auth.getPrincipal().userId() : "owner " + o,
            ctx);
    // The owner-filtered statement missed a todo that is the caller's: it changed in between.
    throw new ResourceNotFoundException();
  }

  private long owner(JwtSecurityAuthentication auth) {
    return owners.of(auth.authentication()).orElseThrow(ResourceNotFoundException::new);
  }
}
