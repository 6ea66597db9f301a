package dev.jwtsecurity.springdemo;

import java.io.PrintStream;
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
 * ADMIN_USERNAMES}, and the library's {@code JWT_*} variables.
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
    app.setDefaultProperties(DemoSecret.defaults(env, err));
    return app;
  }
}
