package dev.jwtsecurity.springdemo;

import dev.jwtsecurity.servlet.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/admin/stats}: how many users and todos there are, for the role {@code admin}
 * ({@code ADMIN_USERNAMES}), checked by Spring Security's {@code @PreAuthorize} on the token's
 * {@code ROLE_admin} authority. The role is checked before the method, so a user without it learns
 * nothing more (the generic 403 and an {@code authz_fail} event, whatever the method).
 */
@RestController
class AdminController {

  private final Users users;
  private final Todos todos;

  AdminController(Users users, Todos todos) {
    this.users = users;
    this.todos = todos;
  }

  @RequestMapping("/api/admin/stats")
  @PreAuthorize("hasRole('" + DemoSecurity.ADMIN_ROLE + "')")
  Map<String, Object> stats(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!"GET".equals(request.getMethod())) {
      response.setHeader("Allow", "GET");
      ProblemResponses.send(response, 405);
      return null;
    }
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("users", users.count());
    stats.put("todos", todos.count());
    return stats;
  }
}
