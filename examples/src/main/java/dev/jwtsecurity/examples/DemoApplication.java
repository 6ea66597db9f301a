package dev.jwtsecurity.examples;

import java.util.Map;

/**
 * {@code java -jar examples/target/jwt-security-demo.jar}: the Todo demo on http://127.0.0.1:8080/.
 *
 * <p>Environment: {@code PORT} (default 8080), {@code HOST} (default 127.0.0.1), {@code
 * DATABASE_URL} and {@code REDIS_URL} (several instances, see {@link DemoStorage}), {@code
 * JWT_CSRF_KEY}, and the library's {@code JWT_*} variables ({@code JWT_SECRET_KEY}, {@code
 * JWT_ALGORITHM}, {@code JWT_ACCESS_TOKEN_EXPIRE_MINUTES}, ...).
 */
public final class DemoApplication {

  private DemoApplication() {}

  /**
   * Starts the demo and blocks until the process is stopped.
   *
   * @param args unused
   * @throws Exception if the server cannot start
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
    int port;
    try {
      port = Integer.parseInt(env.getOrDefault("PORT", "8080"));
    } catch (NumberFormatException e) {
      System.err.println("PORT must be a number 0..65535");
      System.exit(2);
      return;
    }
    DemoServer server;
    try {
      server =
          DemoServer.builder()
              .environment(env)
              .host(env.getOrDefault("HOST", "127.0.0.1"))
              .port(port)
              .start();
    } catch (IllegalArgumentException e) { // InsecureConfigurationException too
      System.err.println("jwt-security demo: refusing to start: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.err.println("jwt-security demo: open " + server.baseUri() + "/ (Ctrl-C to stop)");
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.close();
                  } catch (Exception e) {
                    // stopping anyway
                  }
                }));
    Thread.currentThread().join();
  }
}
