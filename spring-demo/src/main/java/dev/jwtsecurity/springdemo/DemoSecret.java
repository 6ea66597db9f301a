package dev.jwtsecurity.springdemo;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * The demo's one convenience the library never offers: when no secret is configured it makes up a
 * random, ephemeral one (tokens die with the process) and says so loudly. It is only Spring's
 * lowest ranked default: {@code JWT_SECRET_KEY} or {@code jwt-security.secret-key} always win, and
 * a weak one stops start-up.
 */
final class DemoSecret {

  private DemoSecret() {}

  static Map<String, Object> defaults(Map<String, String> env, PrintStream err) {
    if (isSet(env, "JWT_SECRET_KEY")
        || isSet(env, "JWT_SECURITY_SECRET_KEY")
        || isSet(env, "JWT_PRIVATE_JWK_FILE")) {
      return Map.of();
    }
    byte[] bytes = new byte[64]; // enough for HS512 too
    new SecureRandom().nextBytes(bytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Arrays.fill(bytes, (byte) 0);
    err.println(
        """

        ************************************************************************************
        *  DEMO ONLY: JWT_SECRET_KEY is not set, so the demo made up an EPHEMERAL secret.   *
        *  Every token dies when this process stops. The library itself never does this:   *
        *  a real application without a strong JWT_SECRET_KEY refuses to start.            *
        *  Make a real one with:  java -jar cli/target/jwt-security-cli.jar keygen           *
        ************************************************************************************
        """);
    err.flush();
    return Map.of("jwt-security.secret-key", secret);
  }

  private static boolean isSet(Map<String, String> env, String name) {
    String v = env.get(name);
    return v != null && !v.isBlank();
  }
}
