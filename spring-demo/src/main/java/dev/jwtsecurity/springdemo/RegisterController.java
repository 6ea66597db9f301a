package dev.jwtsecurity.springdemo;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.login.UserCredentialsLookup;
import dev.jwtsecurity.password.PasswordHasher;
import dev.jwtsecurity.password.PasswordHashingException;
import dev.jwtsecurity.servlet.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/auth/register}. Login, refresh, logout and logout-all are the starter's token
 * endpoints ({@code jwt-security.endpoints.enabled}); registration is the application's.
 */
@RestController
class RegisterController {

  static final int USERNAME_MIN = 3;
  static final int USERNAME_MAX = 64;
  static final int PASSWORD_MIN = 8;

  private final JwtSecurity security;
  private final Users users;

  RegisterController(JwtSecurity security, Users users) {
    this.security = security;
    this.users = users;
  }

  @PostMapping("/api/auth/register")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> register(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    ObjectNode body = JsonRequests.readObject(request, Set.of("username", "password"));
    String raw =
        JsonRequests.requiredText(body, "username", 1, UserCredentialsLookup.MAX_USERNAME_LENGTH);
    String password =
        JsonRequests.requiredText(
            body, "password", PASSWORD_MIN, PasswordHasher.MAX_PASSWORD_CODE_POINTS);
    String username =
        UserCredentialsLookup.normalizeUsername(raw)
            .filter(
                n ->
                    n.length() >= USERNAME_MIN
                        && n.length() <= USERNAME_MAX
                        && n.codePoints()
                            .allMatch(
                                c ->
                                    Character.isLetterOrDigit(c)
                                        || c == '.'
                                        || c == '_'
                                        || c == '@'
                                        || c == '-'))
            .orElseThrow(
                () ->
                    new JsonRequests.BadRequest(
                        "username must be "
                            + USERNAME_MIN
                            + " to "
                            + USERNAME_MAX
                            + " characters: letters, digits and . _ @ - (case does not matter)"));
    String hash;
    try {
      hash = security.passwords().hash(password);
    } catch (PasswordHashingException e) {
      response.setHeader("Retry-After", "1");
      ProblemResponses.send(response, 503);
      return null;
    }
    Optional<Long> id = users.create(username, hash);
    if (id.isEmpty()) {
      throw new JsonRequests.BadRequest(409, "this username is taken");
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("id", id.get());
    answer.put("username", username);
    return answer;
  }
}
