package dev.jwtsecurity.spring;

import dev.jwtsecurity.access.AccessDeniedException;
import dev.jwtsecurity.access.ResourceNotFoundException;
import dev.jwtsecurity.servlet.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers the library's exceptions thrown by a controller with its generic bodies: {@link
 * ResourceNotFoundException} (the ownership check: "missing" and "not yours" alike) with the one
 * 404, the role guard's {@link AccessDeniedException} with the one 403.
 *
 * <pre>{@code
 * Todo todo = security.ownership().requireOwned(user, "todo", id, todos.findById(id), Todo::ownerId, ctx);
 * // another user's todo: 404 {"type":"about:blank","title":"Not Found","status":404}
 * }</pre>
 *
 * <p>Runs before Spring's own resolvers, so an {@code @ExceptionHandler} cannot accidentally tell
 * the two 404s apart. Throw {@code ResourceNotFoundException} for genuine not-found answers too.
 */
public final class JwtSecurityExceptionResolver implements HandlerExceptionResolver, Ordered {

  /** Creates the resolver. */
  public JwtSecurityExceptionResolver() {}

  @Override
  public ModelAndView resolveException(
      HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
    int status;
    if (ex instanceof ResourceNotFoundException) {
      status = HttpServletResponse.SC_NOT_FOUND;
    } else if (ex instanceof AccessDeniedException) {
      // The role guard has reported authz_fail with the reason.
      status = HttpServletResponse.SC_FORBIDDEN;
    } else {
      return null;
    }
    if (response.isCommitted()) {
      return null;
    }
    try {
      ProblemResponses.send(response, status);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ModelAndView();
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
