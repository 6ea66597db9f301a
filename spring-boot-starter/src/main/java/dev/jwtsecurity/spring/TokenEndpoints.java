package dev.jwtsecurity.spring;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.internal.JsonWriter;
import dev.jwtsecurity.login.LoginResult;
import dev.jwtsecurity.login.UserCredentialsLookup;
import dev.jwtsecurity.password.PasswordHasher;
import dev.jwtsecurity.refresh.InvalidRefreshTokenException;
import dev.jwtsecurity.refresh.TokenPair;
import dev.jwtsecurity.refresh.TokenPair.IssuedRefreshToken;
import dev.jwtsecurity.servlet.JwtRequests;
import dev.jwtsecurity.servlet.ProblemResponses;
import dev.jwtsecurity.servlet.TokenCookies;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The opt-in token endpoints, answered inside the Spring Security filter chain (as Spring
 * Authorization Server answers its own): login, refresh, logout and logout-all, with the Jetty
 * demo's behaviour and bodies.
 *
 * <ul>
 *   <li>Login: {@code {"username","password"}} to {@code {"access_token","refresh_token",
 *       "token_type":"Bearer","expires_in"}}; with the request header {@code X-Auth-Mode: cookie}
 *       (cookie mode on) the tokens go into the {@code __Host-} cookies and the body is {@code
 *       {"token_type":"Cookie","expires_in"}}. One 401 for every failure, 429 with {@code
 *       Retry-After} when throttled, 503 when hashing is busy.
 *   <li>Refresh: {@code {"refresh_token"}} or the refresh cookie (read with same-origin checks); a
 *       rotated pair, or one 401 for every reason.
 *   <li>Logout, logout-all: authenticated; 204, cookies cleared.
 * </ul>
 */
final class TokenEndpoints extends OncePerRequestFilter {

  /** The request header that selects cookie mode on login. */
  static final String MODE_HEADER = "X-Auth-Mode";

  private final JwtSecurity security;
  private final JwtSecurityProperties.Endpoints paths;
  private final TokenCookies cookies;
  private final AuthenticationEntryPoint unauthenticated;

  TokenEndpoints(
      JwtSecurity security,
      JwtSecurityProperties.Endpoints paths,
      TokenCookies cookies,
      AuthenticationEntryPoint unauthenticated) {
    this.security = security;
    this.paths = paths;
    this.cookies = cookies;
    this.unauthenticated = unauthenticated;
  }

  /** The request's path inside the application. */
  static String path(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String context = request.getContextPath();
    return context != null && !context.isEmpty() && uri.startsWith(context)
        ? uri.substring(context.length())
        : uri;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = path(request);
    boolean login = path.equals(paths.getLogin());
    boolean refresh = path.equals(paths.getRefresh());
    boolean logout = path.equals(paths.getLogout());
    boolean logoutAll = path.equals(paths.getLogoutAll());
    if (!(login || refresh || logout || logoutAll)) {
      chain.doFilter(request, response);
      return;
    }
    if ((logout || logoutAll) && authentication().isEmpty()) {
      unauthenticated.commence(
          request, response, new InsufficientAuthenticationException("no access token"));
      return;
    }
    if (!"POST".equals(request.getMethod())) {
      response.setHeader("Allow", "POST");
      ProblemResponses.send(response, 405);
      return;
    }
    RequestContext ctx = JwtRequests.requestContext(request).orElse(RequestContext.UNKNOWN);
    try {
      if (login) {
        login(request, response, ctx);
      } else if (refresh) {
        refresh(request, response, ctx);
      } else if (logout) {
        logout(request, response, ctx);
      } else {
        logoutAll(response, ctx);
      }
    } catch (JsonBodies.Refused e) {
      JsonBodies.problem(response, e);
    }
  }

  private void login(HttpServletRequest request, HttpServletResponse response, RequestContext ctx)
      throws IOException, JsonBodies.Refused {
    boolean cookieMode = cookieMode(request);
    Map<String, Object> body = JsonBodies.readObject(request, Set.of("username", "password"));
    String username =
        JsonBodies.requiredText(body, "username", 1, UserCredentialsLookup.MAX_USERNAME_LENGTH);
    String password =
        JsonBodies.requiredText(body, "password", 1, PasswordHasher.MAX_PASSWORD_CODE_POINTS);
    LoginResult outcome = security.login(username, password, ctx);
    if (outcome instanceof LoginResult.Success ok) {
      answerTokens(response, ok.tokens(), cookieMode);
    } else if (outcome instanceof LoginResult.Failure f
        && f.reason() == LoginResult.Reason.THROTTLED) {
      ProblemResponses.tooManyRequests(response, f.retryAfter());
    } else if (outcome instanceof LoginResult.Failure f && f.reason() == LoginResult.Reason.BUSY) {
      response.setHeader("Retry-After", "1");
      ProblemResponses.send(response, 503);
    } else {
      // One answer for every failure: a client cannot tell a wrong name from a wrong password.
      ProblemResponses.send(response, 401);
    }
  }

  private void refresh(HttpServletRequest request, HttpServletResponse response, RequestContext ctx)
      throws IOException, JsonBodies.Refused {
    Presented presented = presentedRefreshToken(request);
    if (presented.token() == null) {
      // None, or a refresh cookie the library refused (cross-site, duplicated): the reason is in
      // the security log, the client gets the one 401.
      ProblemResponses.send(response, 401);
      return;
    }
    try {
      answerTokens(response, security.refresh(presented.token(), ctx), presented.fromCookie());
    } catch (InvalidRefreshTokenException e) {
      if (presented.fromCookie()) {
        cookies.clear(response);
      }
      ProblemResponses.send(response, 401);
    }
  }

  private void logout(HttpServletRequest request, HttpServletResponse response, RequestContext ctx)
      throws IOException, JsonBodies.Refused {
    Authentication auth = authentication().orElseThrow();
    Presented presented = presentedRefreshToken(request);
    if (presented.token() != null) {
      security.logout(auth, presented.token(), ctx);
    } else {
      security.logout(auth, ctx);
    }
    if (cookies != null) {
      cookies.clear(response);
    }
    response.setHeader("Cache-Control", "no-store");
    response.setStatus(204);
  }

  private void logoutAll(HttpServletResponse response, RequestContext ctx) {
    security.logoutEverywhere(authentication().orElseThrow(), ctx);
    if (cookies != null) {
      cookies.clear(response);
    }
    response.setHeader("Cache-Control", "no-store");
    response.setStatus(204);
  }

  private void answerTokens(HttpServletResponse response, TokenPair pair, boolean cookieMode)
      throws IOException {
    JsonWriter json = new JsonWriter(1024).beginObject();
    if (cookieMode) {
      cookies.writeAccessToken(response, pair.accessToken());
      if (pair.refreshToken().isPresent()) {
        IssuedRefreshToken rt = pair.refreshToken().get();
        cookies.writeRefreshToken(
            response, rt.value(), Duration.ofSeconds(Math.max(0, rt.expiresInSeconds())));
      }
      json.member("token_type", "Cookie");
    } else {
      json.member("access_token", pair.accessToken().value());
      // Absent under the refresh grace rule (a retried refresh): the client keeps the refresh
      // token it has.
      if (pair.refreshToken().isPresent()) {
        json.member("refresh_token", pair.refreshToken().get().value());
      }
      json.member("token_type", "Bearer");
    }
    json.member("expires_in", pair.accessToken().expiresInSeconds()).endObject();
    JsonBodies.writeJson(response, json);
  }

  /** A refresh token from the body ({@code {"refresh_token": ...}}) or from the refresh cookie. */
  private record Presented(String token, boolean fromCookie) {}

  private Presented presentedRefreshToken(HttpServletRequest request)
      throws IOException, JsonBodies.Refused {
    if (JsonBodies.hasBody(request)) {
      Map<String, Object> body = JsonBodies.readObject(request, Set.of("refresh_token"));
      if (body.containsKey("refresh_token")) {
        return new Presented(JsonBodies.requiredText(body, "refresh_token", 1, 512), false);
      }
    }
    Optional<String> fromCookie =
        cookies == null ? Optional.empty() : JwtRequests.refreshToken(request);
    return new Presented(fromCookie.orElse(null), fromCookie.isPresent());
  }

  private boolean cookieMode(HttpServletRequest request) throws JsonBodies.Refused {
    String mode = request.getHeader(MODE_HEADER);
    if (mode == null || mode.equalsIgnoreCase("bearer")) {
      return false;
    }
    if (mode.equalsIgnoreCase("cookie") && cookies != null) {
      return true;
    }
    throw new JsonBodies.Refused(
        cookies == null
            ? MODE_HEADER + " must be bearer: cookie mode is off"
            : MODE_HEADER + " must be cookie or bearer");
  }

  private static Optional<Authentication> authentication() {
    return SecurityContextHolder.getContext().getAuthentication()
            instanceof JwtSecurityAuthentication jwt
        ? Optional.of(jwt.authentication())
        : Optional.empty();
  }
}
