package dev.jwtsecurity.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Makes the library's {@code JWT_*} environment variables count as {@code jwt-security.*}
 * properties, at the rank of environment variables: right after Spring's own {@code
 * systemEnvironment} source. So a {@code JWT_*} variable overrides {@code application.properties}
 * and YAML, and is overridden by command-line arguments, system properties and the more specific
 * {@code JWT_SECURITY_*} variables, exactly as any environment variable would be.
 */
final class JwtEnvironmentVariables implements EnvironmentPostProcessor {

  /** The name of the property source this adds. */
  static final String SOURCE_NAME = "jwtSecurityEnvironmentVariables";

  /** Each library variable and the property it sets. */
  static final Map<String, String> PROPERTIES = properties();

  private static Map<String, String> properties() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("JWT_SECRET_KEY", "jwt-security.secret-key");
    m.put("JWT_ALGORITHM", "jwt-security.algorithm");
    m.put("JWT_ACCESS_TOKEN_EXPIRE_MINUTES", "jwt-security.access-token-expire-minutes");
    m.put("JWT_CLOCK_SKEW_SECONDS", "jwt-security.clock-skew-seconds");
    m.put("JWT_ISSUER", "jwt-security.issuer");
    m.put("JWT_AUDIENCE", "jwt-security.audience");
    m.put("JWT_ENVIRONMENT", "jwt-security.environment");
    m.put("JWT_KEY_ID", "jwt-security.key-id");
    m.put("JWT_PREVIOUS_SECRET_KEYS", "jwt-security.previous-secret-keys");
    m.put("JWT_PRIVATE_JWK_FILE", "jwt-security.private-jwk-file");
    m.put("JWT_PUBLIC_JWKS_FILE", "jwt-security.public-jwks-file");
    m.put("JWT_ISSUER_URI", "jwt-security.issuer-uri");
    m.put("JWT_JWKS_URI", "jwt-security.jwks-uri");
    m.put("JWT_ROLES_CLAIM", "jwt-security.roles-claim");
    m.put(
        "JWT_UNSAFE_ALLOW_PLAIN_HTTP_ON_LOOPBACK",
        "jwt-security.unsafe-allow-plain-http-on-loopback");
    m.put("JWT_CSRF_KEY", "jwt-security.web.csrf-key");
    return Map.copyOf(m);
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    PropertySource<?> system =
        environment
            .getPropertySources()
            .get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    if (system == null || environment.getPropertySources().contains(SOURCE_NAME)) {
      return;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : PROPERTIES.entrySet()) {
      Object value = system.getProperty(e.getKey());
      // An empty variable counts as unset, as in JwtSettings.fromEnvironment.
      if (value instanceof String s && !s.isBlank()) {
        values.put(e.getValue(), s);
      }
    }
    if (!values.isEmpty()) {
      environment
          .getPropertySources()
          .addAfter(
              StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
              new MapPropertySource(SOURCE_NAME, values));
    }
  }
}
