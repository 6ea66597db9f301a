package dev.jwtsecurity.examples;

import dev.jwtsecurity.access.AccessGuard;
import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.servlet.JwtRequests;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/admin/stats}: how many users and todos there are, for users with the role {@code
 * admin} ({@code ADMIN_USERNAMES}). The role comes from the access token, put there by the front
 * door's claims function; the library's role guard checks it, reports a refusal as {@code
 * authz_fail}, and the authentication filter answers its {@code AccessDeniedException} with the
 * generic 403.
 */
final class AdminServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /** The role that may read the statistics. */
  static final String ADMIN_ROLE = "admin";

  private final transient AccessGuard guard;
  private final transient UserStore users;
  private final transient TodoStore todos;

  AdminServlet(AccessGuard guard, UserStore users, TodoStore todos) {
    this.guard = guard;
    this.users = users;
    this.todos = todos;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if (!"/stats".equals(req.getPathInfo())) {
      resp.sendError(404);
      return;
    }
    Authentication auth =
        JwtRequests.authentication(req)
            .orElseThrow(
                () -> new IllegalStateException("the authentication filter must guard /api/admin"));
    RequestContext ctx = JwtRequests.requestContext(req).orElse(RequestContext.UNKNOWN);
    // Before anything else, the method included: a user without the role learns nothing more.
    guard.requireRole(auth.user(), ADMIN_ROLE, ctx);
    if (!"GET".equals(req.getMethod()) && !"HEAD".equals(req.getMethod())) {
      Api.methodNotAllowed(resp, "GET, HEAD");
      return;
    }
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("users", users.count());
    stats.put("todos", todos.count());
    Api.writeJson(resp, 200, stats);
  }
}
