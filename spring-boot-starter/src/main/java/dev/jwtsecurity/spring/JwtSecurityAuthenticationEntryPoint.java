package dev.jwtsecurity.spring;

import dev.jwtsecurity.servlet.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a request that needs a user but has none with the library's one 401: {@code
 * WWW-Authenticate: Bearer realm="api"} (RFC 6750 §3.1: no error code when no token was sent) and
 * the generic {@code application/problem+json} body.
 *
 * <pre>{@code
 * http.exceptionHandling(e -> e.authenticationEntryPoint(new JwtSecurityAuthenticationEntryPoint("api")));
 * }</pre>
 *
 * <p>Invalid tokens never reach it: the filter answers them with {@code error="invalid_token"}.
 */
public final class JwtSecurityAuthenticationEntryPoint implements AuthenticationEntryPoint {

  private final String challenge;

  /**
   * An entry point with the given realm.
   *
   * @param realm the realm of the challenge, as configured for the filter
   */
  public JwtSecurityAuthenticationEntryPoint(String realm) {
    this.challenge = "Bearer realm=\"" + Objects.requireNonNull(realm, "realm") + "\"";
  }

  @Override
  public void commence(
      HttpServletRequest request,
      HttpServletResponse response,
      AuthenticationException authException)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.setHeader("WWW-Authenticate", challenge);
    ProblemResponses.send(response, HttpServletResponse.SC_UNAUTHORIZED);
  }
}
