package dev.jwtsecurity.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.jwtsecurity.config.InsecureConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * A real Spring Boot start-up without a secret fails with the library's refusal, and the analyzer
 * Spring Boot's failure report uses (registered in {@code META-INF/spring.factories}) turns that
 * very failure into the library's message and its fix.
 */
class FailureReportTest {

  /** An application with auto-configuration only. */
  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class Minimal {}

  @Test
  void startup_withoutSecret_failsAndIsReportedWithTheLibrarysMessageAndFix() throws Exception {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of()));

    Throwable failure =
        catchThrowable(
            () ->
                new SpringApplicationBuilder(Minimal.class)
                    .web(WebApplicationType.NONE)
                    .environment(environment)
                    .run());

    assertThat(failure).hasRootCauseInstanceOf(InsecureConfigurationException.class);
    assertThat(
            SpringFactoriesLoader.forDefaultResourceLocation()
                .load(
                    FailureAnalyzer.class,
                    SpringFactoriesLoader.FailureHandler.logging(
                        org.apache.commons.logging.LogFactory.getLog(getClass()))))
        .hasAtLeastOneElementOfType(InsecureConfigurationFailureAnalyzer.class);
    FailureAnalysis analysis = new InsecureConfigurationFailureAnalyzer().analyze(failure);
    assertThat(analysis.getDescription())
        .isEqualTo(
            "jwt-security refused its configuration: JWT_SECRET_KEY is missing; generate one with"
                + " `jwt-security keygen` and set it in the environment (never in code)");
    assertThat(analysis.getAction()).contains("keygen").contains("jwt-security.secret-key");
  }
}
