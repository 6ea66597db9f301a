package dev.jwtsecurity.examples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.audit.AuditOutcome;
import dev.jwtsecurity.audit.AuditRecord;
import dev.jwtsecurity.audit.AuditTrail;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.login.InvalidUsernameException;
import dev.jwtsecurity.login.LoginResult;
import dev.jwtsecurity.login.RegistrationResult;
import dev.jwtsecurity.login.UserCredentialsLookup;
import dev.jwtsecurity.login.Username;
import dev.jwtsecurity.password.PasswordHasher;
import dev.jwtsecurity.refresh.InvalidRefreshTokenException;
import dev.jwtsecurity.refresh.TokenPair;
import dev.jwtsecurity.refresh.TokenPair.IssuedRefreshToken;
import dev.jwtsecurity.servlet.JwtRequests;
import dev.jwtsecurity.servlet.ProblemResponses;
import dev.jwtsecurity.servlet.TokenCookies;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/auth/*}: register, login, refresh, logout, logout-all.
 *
 * <p>Two ways to hold the tokens. <b>Bearer mode</b> (the default, for API clients): login and
 * refresh answer the tokens in the JSON body and the client sends {@code Authorization: Bearer
 * ...}. <b>Cookie mode</b> (for the browser; chosen by the request header {@code X-Auth-Mode:
 * cookie} on login): the tokens go into {@code __Host-access_token} and {@code
 * __Secure-refresh_token} httpOnly cookies plus the script-readable {@code __Host-csrf} cookie, and
 * the body carries no token at all (page script never sees one). Refresh and logout use the refresh
 * cookie when there is no {@code refresh_token} in the body; the library reads it ({@link
 * JwtRequests#refreshToken}), with the same-origin checks a cookie-carried credential needs.
 */
final class AuthServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /** The request header that selects cookie mode on login. */
  static final String MODE_HEADER = "X-Auth-Mode";

  static final int USERNAME_MIN = 3;
  static final int USERNAME_MAX = 64;

  private final transient JwtSecurity security;
  private final transient UserStore users;
  private final transient TokenCookies cookies;
  private final transient AuditTrail audit;

  AuthServlet(JwtSecurity security, UserStore users, TokenCookies cookies, AuditTrail audit) {
    this.security = security;
    this.users = users;
    this.cookies = cookies;
    this.audit = audit;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path = req.getPathInfo() == null ? "" : req.getPathInfo();
    if (!"POST".equals(req.getMethod())) {
      if (Set.of("/register", "/login", "/refresh", "/logout", "/logout-all").contains(path)) {
        Api.methodNotAllowed(resp, "POST");
      } else {
        resp.sendError(404);
      }
      return;
    }
    RequestContext ctx = JwtRequests.requestContext(req).orElse(RequestContext.UNKNOWN);
    try {
      switch (path) {
        case "/register" -> register(req, resp, ctx);
        case "/login" -> login(req, resp, ctx);
        case "/refresh" -> refresh(req, resp, ctx);
        case "/logout" -> logout(req, resp, ctx);
        case "/logout-all" -> logoutAll(req, resp, ctx);
        default -> resp.sendError(404);
      }
    } catch (Api.BadRequest e) {
      Api.problem(resp, e);
    }
  }

  private void register(HttpServletRequest req, HttpServletResponse resp, RequestContext ctx)
      throws IOException, Api.BadRequest {
    ObjectNode body = Api.readObject(req, Set.of("username", "password"));
    String raw = Api.requiredText(body, "username", 1, Username.MAX_CODE_POINTS);
    // The library's password lengths, in its unit (Unicode code points, as Api counts).
    String password =
        Api.requiredText(
            body,
            "password",
            PasswordHasher.MIN_NEW_PASSWORD_CODE_POINTS,
            PasswordHasher.MAX_PASSWORD_CODE_POINTS);
    // The demo's own, stricter rule for names, checked before the library spends a hash on it.
    Optional<Username> name = Username.parse(raw);
    if (name.isPresent() && !demoNameRule(name.get().value())) {
      throw new Api.BadRequest(usernameRule());
    }
    RegistrationResult result = security.register(raw, password, ctx);
    if (result instanceof RegistrationResult.Refused refused) {
      switch (refused.reason()) {
        case THROTTLED -> ProblemResponses.tooManyRequests(resp, refused.retryAfter());
        case BUSY -> busy(resp);
        case USERNAME_TAKEN -> throw new Api.BadRequest(409, refused.message());
        default -> throw new Api.BadRequest(refused.message());
      }
      return;
    }
    RegistrationResult.Accepted accepted = (RegistrationResult.Accepted) result;
    Optional<String> id = users.create(accepted.username(), accepted.passwordHash());
    if (id.isEmpty()) {
      // A concurrent registration of the same or a look-alike name won the unique constraint.
      throw new Api.BadRequest(409, InvalidUsernameException.Reason.CONFUSABLE.message());
    }
    audit(id.get(), "register", "user", id.get(), AuditOutcome.SUCCESS, ctx);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("id", Long.parseLong(id.get()));
    answer.put("username", accepted.username().value());
    Api.writeJson(resp, 201, answer);
  }

  private void login(HttpServletRequest req, HttpServletResponse resp, RequestContext ctx)
      throws IOException, Api.BadRequest {
    boolean cookieMode = cookieMode(req);
    ObjectNode body = Api.readObject(req, Set.of("username", "password"));
    String username =
        Api.requiredText(body, "username", 1, UserCredentialsLookup.MAX_USERNAME_LENGTH);
    String password =
        Api.requiredText(body, "password", 1, PasswordHasher.MAX_PASSWORD_CODE_POINTS);
    LoginResult outcome = security.login(username, password, ctx);
    if (outcome instanceof LoginResult.Success ok) {
      audit(ok.user().userId(), "login", null, null, AuditOutcome.SUCCESS, ctx);
      answerTokens(resp, ok.tokens(), cookieMode);
    } else if (outcome instanceof LoginResult.Failure t
        && t.reason() == LoginResult.Reason.THROTTLED) {
      ProblemResponses.tooManyRequests(resp, t.retryAfter());
    } else if (outcome instanceof LoginResult.Failure b && b.reason() == LoginResult.Reason.BUSY) {
      busy(resp);
    } else {
      // One answer for every failure, so a client cannot tell a wrong name from a wrong password.
      ProblemResponses.send(resp, 401);
    }
  }

  private void refresh(HttpServletRequest req, HttpServletResponse resp, RequestContext ctx)
      throws IOException, Api.BadRequest {
    Presented presented = presentedRefreshToken(req);
    if (presented.token() == null) {
      // None, or a refresh cookie the library refused (cross-site, duplicated): the reason is in
      // the security log, the client gets the one 401.
      ProblemResponses.send(resp, 401);
      return;
    }
    try {
      TokenPair pair = security.refresh(presented.token(), ctx);
      answerTokens(resp, pair, presented.fromCookie());
    } catch (InvalidRefreshTokenException e) {
      if (presented.fromCookie()) {
        cookies.clear(resp);
      }
      // The reason (reused, expired, revoked, ...) is in the security log only.
      ProblemResponses.send(resp, 401);
    }
  }

  private void logout(HttpServletRequest req, HttpServletResponse resp, RequestContext ctx)
      throws IOException, Api.BadRequest {
    Authentication auth = authentication(req);
    Presented presented = presentedRefreshToken(req);
    if (presented.token() != null) {
      security.logout(auth, presented.token(), ctx); // the session and this access token
    } else {
      security.logout(auth, ctx); // no refresh token given: end at least this access token
    }
    audit(auth.user().userId(), "logout", null, null, AuditOutcome.SUCCESS, ctx);
    cookies.clear(resp);
    resp.setStatus(204);
  }

  private void logoutAll(HttpServletRequest req, HttpServletResponse resp, RequestContext ctx)
      throws IOException {
    Authentication auth = authentication(req);
    int sessions = security.logoutEverywhere(auth, ctx);
    audit(
        auth.user().userId(),
        "logout-all",
        "sessions",
        Integer.toString(sessions),
        AuditOutcome.SUCCESS,
        ctx);
    cookies.clear(resp);
    resp.setStatus(204);
  }

  private void answerTokens(HttpServletResponse resp, TokenPair pair, boolean cookieMode)
      throws IOException {
    Map<String, Object> answer = new LinkedHashMap<>();
    if (cookieMode) {
      cookies.writeAccessToken(resp, pair.accessToken());
      if (pair.refreshToken().isPresent()) {
        IssuedRefreshToken rt = pair.refreshToken().get();
        cookies.writeRefreshToken(
            resp, rt.value(), Duration.ofSeconds(Math.max(0, rt.expiresInSeconds())));
      }
      answer.put("token_type", "Cookie");
    } else {
      answer.put("access_token", pair.accessToken().value());
      // Absent under the refresh grace rule (a retried refresh): the client keeps the refresh token
      // it has.
      pair.refreshToken().ifPresent(rt -> answer.put("refresh_token", rt.value()));
      answer.put("token_type", "Bearer");
    }
    answer.put("expires_in", pair.accessToken().expiresInSeconds());
    Api.writeJson(resp, 200, answer);
  }

  /** A refresh token from the body ({@code {"refresh_token": ...}}) or from the refresh cookie. */
  private record Presented(String token, boolean fromCookie) {}

  /**
   * The body's refresh token when it has one (an API client's explicit choice), else the refresh
   * cookie as the library offers it: parsed from the raw headers, and only on a same-origin
   * request.
   */
  private static Presented presentedRefreshToken(HttpServletRequest req)
      throws IOException, Api.BadRequest {
    if (Api.hasBody(req)) {
      ObjectNode body = Api.readObject(req, Set.of("refresh_token"));
      if (body.has("refresh_token")) {
        return new Presented(Api.requiredText(body, "refresh_token", 1, 512), false);
      }
    }
    Optional<String> fromCookie = JwtRequests.refreshToken(req);
    return new Presented(fromCookie.orElse(null), fromCookie.isPresent());
  }

  private static boolean cookieMode(HttpServletRequest req) throws Api.BadRequest {
    String mode = req.getHeader(MODE_HEADER);
    if (mode == null || mode.equalsIgnoreCase("bearer")) {
      return false;
    }
    if (mode.equalsIgnoreCase("cookie")) {
      return true;
    }
    throw new Api.BadRequest(MODE_HEADER + " must be cookie or bearer");
  }

  private static Authentication authentication(HttpServletRequest req) {
    // logout and logout-all are not public paths: the filter has authenticated the request (and
    // checked CSRF).
    return JwtRequests.authentication(req)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the authentication filter must guard " + req.getRequestURI()));
  }

  private static String usernameRule() {
    return "username must be "
        + USERNAME_MIN
        + " to "
        + USERNAME_MAX
        + " characters: letters, digits and . _ @ - (case does not matter)";
  }

  private static boolean demoNameRule(String name) {
    return name.length() >= USERNAME_MIN && name.length() <= USERNAME_MAX && isUsernameChars(name);
  }

  private static boolean isUsernameChars(String name) {
    return name.codePoints()
        .allMatch(
            c -> Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '@' || c == '-');
  }

  private static void busy(HttpServletResponse resp) throws IOException {
    resp.setHeader("Retry-After", "1");
    ProblemResponses.send(resp, 503);
  }

  private void audit(
      String userId,
      String action,
      String type,
      String id,
      AuditOutcome outcome,
      RequestContext ctx) {
    audit.append(
        new AuditRecord(security.clock().instant(), userId, action, type, id, outcome, ctx));
  }
}
