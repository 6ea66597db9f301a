package dev.jwtsecurity.config;

/**
 * Start-up refused an insecure or malformed configuration: a missing, short, low-entropy or
 * placeholder secret, {@code none} or an unknown algorithm, a lifetime or clock skew outside its
 * bounds, a malformed number, a weak previous key. The message says what is wrong and how to fix
 * it.
 *
 * <pre>{@code
 * try {
 *   JwtSettings settings = JwtSettings.fromEnvironment(System.getenv());
 * } catch (InsecureConfigurationException e) {
 *   System.err.println(e.getMessage());   // e.g. "JWT_SECRET_KEY is missing; generate one with `jwt-security keygen`"
 *   System.exit(1);
 * }
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <p>The message names variables and rules, never the value of a secret. Do not catch this
 * exception to carry on: the application must not start with a configuration that would make its
 * tokens forgeable.
 */
public final class InsecureConfigurationException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and how to fix it; must never contain a secret
   */
  public InsecureConfigurationException(String message) {
    super(message);
  }
}
