package dev.jwtsecurity.spring;

import dev.jwtsecurity.config.InsecureConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns the library's refusal of a weak or missing configuration into Spring Boot's start-up
 * report: the library's message (which names the setting and never contains a secret) and how to
 * fix it.
 */
final class InsecureConfigurationFailureAnalyzer
    extends AbstractFailureAnalyzer<InsecureConfigurationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InsecureConfigurationException cause) {
    String message = cause.getMessage();
    return new FailureAnalysis(
        "jwt-security refused its configuration: " + message, action(message), cause);
  }

  static String action(String message) {
    String common =
        "Each JWT_* environment variable can also be set as a jwt-security.* property (JWT_SECRET_KEY"
            + " is jwt-security.secret-key); the variable wins over application.properties and YAML.";
    if (message != null && message.contains("JWT_SECRET_KEY")) {
      return "Generate a strong secret with `java -jar jwt-security-cli.jar keygen` (or `openssl rand"
          + " -base64 48`) and set it in the environment as JWT_SECRET_KEY, or through a secret"
          + " store Spring reads (a config tree, Vault); never in a file under version control. "
          + common;
    }
    return "Correct the setting named in the message; the README's environment-variable table lists"
        + " every setting and its bounds. "
        + common;
  }
}
