package dev.jwtsecurity.springdemo;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/**
 * {@code java -jar spring-demo/target/jwt-security-spring-demo.jar}: the Todo demo on Spring Boot,
 * http://127.0.0.1:8080/. The same API, page, JSON shapes and status codes as the Jetty demo, with
 * the jwt-security starter doing what the Jetty demo wires by hand: the front door, the Spring
 * Security integration and the token endpoints.
 *
 * <p>Environment: {@code PORT} (default 8080), {@code HOST} (default 127.0.0.1), {@code
 * ADMIN_USERNAMES}, and the library's {@code JWT_*} variables ({@code JWT_ISSUER_URI} and {@code
 * JWT_AUDIENCE} make it accept an identity provider's tokens too).
 */
@SpringBootApplication
@EnableMethodSecurity
@EnableScheduling
public class SpringDemoApplication {

  /** Creates the application class; Spring calls it. */
  public SpringDemoApplication() {}

  /**
   * Starts the demo.
   *
   * @param args Spring Boot's command-line arguments ({@code --server.port=9090})
   */
  public static void main(String[] args) {
    application(System.getenv(), System.err).run(args);
  }

  /**
   * The demo's Spring application, with an ephemeral secret (demo only) when {@code env} has none.
   *
   * @param env the environment
   * @param err where the ephemeral-secret banner goes
   * @return the application, not started
   */
  static SpringApplication application(Map<String, String> env, PrintStream err) {
    SpringApplication app = new SpringApplication(SpringDemoApplication.class);
    Map<String, Object> defaults = new HashMap<>(DemoSecret.defaults(env, err));
    defaults.putAll(loopbackIdentityProvider(env, err));
    app.setDefaultProperties(defaults);
    return app;
  }

  /**
   * The demo's development switch for an identity provider, as in the Jetty demo: with {@code
   * JWT_ISSUER_URI} set, the provider may be reached over plain HTTP when it runs on this machine
   * ({@code localhost}, {@code 127.0.0.1}); any other address still needs HTTPS. Only a default: an
   * explicit {@code JWT_UNSAFE_ALLOW_PLAIN_HTTP_ON_LOOPBACK} wins.
   */
  private static Map<String, Object> loopbackIdentityProvider(
      Map<String, String> env, PrintStream err) {
    String variable = "JWT_UNSAFE_ALLOW_PLAIN_HTTP_ON_LOOPBACK";
    if (env.get("JWT_ISSUER_URI") == null || env.containsKey(variable)) {
      return Map.of();
    }
    err.println(
        "Note: the demo sets "
            + variable
            + "=true: an identity provider on this machine may be reached over plain HTTP.");
    return Map.of("jwt-security.unsafe-allow-plain-http-on-loopback", "true");
  }
}
