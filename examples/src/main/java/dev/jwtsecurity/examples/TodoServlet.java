package dev.jwtsecurity.examples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.access.Ownership;
import dev.jwtsecurity.access.ResourceNotFoundException;
import dev.jwtsecurity.audit.AuditOutcome;
import dev.jwtsecurity.audit.AuditRecord;
import dev.jwtsecurity.audit.AuditTrail;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.servlet.JwtRequests;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/todos} and {@code /api/todos/{id}}, for the authenticated user only. The user id
 * comes from the verified token, never from the request; every query is filtered by it, so another
 * user's todo, a missing one and a malformed id all end in the same {@link
 * ResourceNotFoundException}, which the authentication filter answers with the one 404.
 *
 * <p>The caller is the demo's own user, or a subject of a trusted identity provider ({@code
 * JWT_ISSUER_URI}): {@link Owners} turns either into one owner id, so both kinds of token meet the
 * same queries and the same 404.
 *
 * <p>When an owner-filtered statement finds nothing, the todo's owner is looked up by id and handed
 * to the library's {@link Ownership} check: a todo of another user is then reported as {@code
 * malicious_direct_reference}, a missing one is not, and both still get the same 404 after the same
 * two statements.
 */
final class TodoServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /**
   * The longest title, in Unicode code points after trimming blanks: the unit PostgreSQL's {@code
   * varchar(n)} counts. H2 counts UTF-16 units, so its column holds twice as many (see {@link
   * Database}): every title that passes this check fits.
   */
  static final int TITLE_MAX = 200;

  private final transient TodoStore todos;
  private final transient Owners owners;
  private final transient Ownership ownership;
  private final transient AuditTrail audit;
  private final transient Clock clock;

  TodoServlet(TodoStore todos, Owners owners, Ownership ownership, AuditTrail audit, Clock clock) {
    this.todos = todos;
    this.owners = owners;
    this.ownership = ownership;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Authentication auth =
        JwtRequests.authentication(req)
            .orElseThrow(
                () -> new IllegalStateException("the authentication filter must guard /api/todos"));
    long owner = owners.of(auth).orElseThrow(ResourceNotFoundException::new);
    RequestContext ctx = JwtRequests.requestContext(req).orElse(RequestContext.UNKNOWN);
    String path = req.getPathInfo();
    try {
      if (path == null || path.equals("/")) {
        collection(req, resp, owner, ctx);
      } else {
        item(req, resp, auth, owner, path.substring(1), ctx);
      }
    } catch (Api.BadRequest e) {
      Api.problem(resp, e);
    }
  }

  private void collection(
      HttpServletRequest req, HttpServletResponse resp, long owner, RequestContext ctx)
      throws IOException, Api.BadRequest {
    switch (req.getMethod()) {
      // HEAD is GET without the body: the container sends the headers (Content-Length included)
      // only.
      case "GET", "HEAD" -> Api.writeJson(resp, 200, todos.list(owner));
      case "POST" -> {
        ObjectNode body = Api.readObject(req, Set.of("title", "done"));
        String title = Api.requiredVisibleText(body, "title", TITLE_MAX);
        boolean done = Api.optionalBoolean(body, "done", false);
        Optional<TodoStore.Todo> created = todos.create(owner, title, done);
        if (created.isEmpty()) {
          throw new Api.BadRequest(
              409, "at most " + TodoStore.MAX_TODOS_PER_USER + " todos per user");
        }
        audit(owner, "todo.create", Long.toString(created.get().id()), AuditOutcome.SUCCESS, ctx);
        resp.setHeader("Location", req.getContextPath() + "/api/todos/" + created.get().id());
        Api.writeJson(resp, 201, created.get());
      }
      default -> Api.methodNotAllowed(resp, "GET, HEAD, POST");
    }
  }

  private void item(
      HttpServletRequest req,
      HttpServletResponse resp,
      Authentication auth,
      long owner,
      String rawId,
      RequestContext ctx)
      throws IOException, Api.BadRequest {
    String method = "HEAD".equals(req.getMethod()) ? "GET" : req.getMethod();
    if (!Set.of("GET", "PUT", "DELETE").contains(method)) {
      Api.methodNotAllowed(resp, "GET, HEAD, PUT, DELETE");
      return;
    }
    Optional<Long> id = TodoStore.parseId(rawId);
    String auditId = id.map(String::valueOf).orElse("invalid");
    // Validate the body before looking anything up, so a 400 never tells whether the id exists.
    ObjectNode body = method.equals("PUT") ? Api.readObject(req, Set.of("title", "done")) : null;
    Optional<TodoStore.Todo> result;
    if (id.isEmpty()) {
      result = Optional.empty();
    } else {
      result =
          switch (method) {
            case "GET" -> todos.find(id.get(), owner);
            case "PUT" -> {
              String title = Api.requiredVisibleText(body, "title", TITLE_MAX);
              boolean done = Api.requiredBoolean(body, "done");
              yield todos.update(id.get(), owner, title, done);
            }
            default ->
                todos.delete(id.get(), owner)
                    ? Optional.of(new TodoStore.Todo(id.get(), "", false))
                    : Optional.empty();
          };
    }
    String action =
        "todo." + (method.equals("GET") ? "read" : method.equals("PUT") ? "update" : "delete");
    if (result.isEmpty()) {
      Optional<Long> actualOwner = id.isEmpty() ? Optional.empty() : todos.ownerOf(id.get());
      boolean notYours = actualOwner.isPresent() && actualOwner.get() != owner;
      audit(owner, action, auditId, notYours ? AuditOutcome.DENIED : AuditOutcome.NOT_FOUND, ctx);
      // Throws the same ResourceNotFoundException for "missing" and "not yours"; only the latter is
      // reported (malicious_direct_reference).
      // The check compares owners with the caller's user id: the caller's own owner id stands for
      // it, any other is marked so that no user id (a provider's sub "-3") can equal it.
      ownership.requireOwned(
          auth.user(),
          "todo",
          auditId,
          actualOwner,
          o -> o == owner ? auth.user().userId() : "owner " + o,
          ctx);
      // The owner-filtered statement missed a todo that is the caller's: it changed in between.
      throw new ResourceNotFoundException();
    }
    audit(owner, action, auditId, AuditOutcome.SUCCESS, ctx);
    TodoStore.Todo todo = result.get();
    if (method.equals("DELETE")) {
      resp.setStatus(204);
    } else {
      Api.writeJson(resp, 200, todo);
    }
  }

  private void audit(
      long owner, String action, String id, AuditOutcome outcome, RequestContext ctx) {
    audit.append(
        new AuditRecord(clock.instant(), Long.toString(owner), action, "todo", id, outcome, ctx));
  }
}
