package dev.jwtsecurity.examples;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The demo's one convenience the library never offers: when {@code JWT_SECRET_KEY} is unset it
 * makes up a random, ephemeral secret (tokens die with the process) and says so loudly. The library
 * itself refuses to start without a strong secret; so does the demo when one is set but weak.
 */
final class DemoSecret {

  static final String VARIABLE = "JWT_SECRET_KEY";

  private DemoSecret() {}

  /**
   * Returns {@code env}, with a fresh 512-bit secret in {@code JWT_SECRET_KEY} when it (and any
   * asymmetric key) is absent, after printing a banner to {@code err}.
   */
  static Map<String, String> withSecret(
      Map<String, String> env, SecureRandom random, PrintStream err) {
    String current = env.get(VARIABLE);
    boolean asymmetric =
        env.containsKey("JWT_PRIVATE_JWK_FILE") || env.containsKey("JWT_PRIVATE_JWK");
    if ((current != null && !current.isEmpty()) || asymmetric) {
      return env;
    }
    byte[] bytes = new byte[64]; // enough for HS512 too
    random.nextBytes(bytes);
    Map<String, String> copy = new HashMap<>(env);
    copy.put(VARIABLE, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    java.util.Arrays.fill(bytes, (byte) 0);
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
    return copy;
  }
}
