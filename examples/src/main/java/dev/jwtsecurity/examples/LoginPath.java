package dev.jwtsecurity.examples;

import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.login.LoginResult;
import dev.jwtsecurity.login.LoginService;
import java.time.Duration;

/**
 * The demo's view of core's uniform login path ({@link LoginService}: throttle, look-up, Argon2id
 * verification or a dummy one for an unknown user, status check, rehash, events). It only maps the
 * result to the demo's HTTP outcomes, so the rest of the demo does not depend on the login API's
 * shape.
 */
final class LoginPath {

  /** What a login attempt came to. */
  sealed interface Outcome {
    /** The password matched an enabled user. */
    record Success(String userId) implements Outcome {}

    /** Unknown user, wrong password, disabled account or bad input: one answer for all. */
    record Failed() implements Outcome {}

    /** Too many failures for this account or address. */
    record Throttled(Duration retryAfter) implements Outcome {}

    /** The hasher's memory budget is exhausted (many concurrent logins); try again shortly. */
    record Busy() implements Outcome {}
  }

  private final LoginService service;

  LoginPath(LoginService service) {
    this.service = service;
  }

  Outcome login(String username, String password, RequestContext request) {
    LoginResult result = service.login(username, password, request);
    if (result instanceof LoginResult.Success ok) {
      return new Outcome.Success(ok.user().userId());
    }
    LoginResult.Failure failure = (LoginResult.Failure) result;
    return switch (failure.reason()) {
      case THROTTLED -> new Outcome.Throttled(failure.retryAfter());
      case BUSY -> new Outcome.Busy();
      case INVALID_CREDENTIALS -> new Outcome.Failed();
    };
  }
}
