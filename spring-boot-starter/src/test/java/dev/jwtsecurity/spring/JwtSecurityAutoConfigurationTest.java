package dev.jwtsecurity.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.access.AccessTokenDenylist;
import dev.jwtsecurity.access.TokenAuthenticator;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.config.InsecureConfigurationException;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.jdbc.JdbcStores;
import dev.jwtsecurity.login.LoginResult;
import dev.jwtsecurity.login.UserCredentialsLookup;
import dev.jwtsecurity.refresh.RefreshTokenStore;
import dev.jwtsecurity.testing.Secrets;
import dev.jwtsecurity.testing.TestSecurity;
import dev.jwtsecurity.token.Algorithm;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The auto-configuration: beans, back-off, properties and variables, failures, metadata. */
class JwtSecurityAutoConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  JwtSecurityJdbcAutoConfiguration.class, JwtSecurityAutoConfiguration.class));

  @Test
  void context_withStrongSecret_hasTheFrontDoorAndItsPieces() {
    runner
        .withPropertyValues(TestApp.PROPERTIES_SECRET, "jwt-security.issuer=https://api.test")
        .run(
            context -> {
              assertThat(context).hasSingleBean(JwtSecurity.class);
              JwtSecurity security = context.getBean(JwtSecurity.class);
              assertThat(context.getBean(TokenAuthenticator.class))
                  .isSameAs(security.authenticator());
              assertThat(context).hasSingleBean(PasswordEncoder.class);
              assertThat(context).hasSingleBean(JwtSecurityAuthenticationProvider.class);
              assertThat(security.settings().issuer()).contains("https://api.test");
              assertThat(context).doesNotHaveBean(JdbcStores.class);
            });
  }

  @Test
  void context_withoutSecret_failsWithTheLibrarysMessageAndTheAnalyzersFix() {
    runner.run(
        context -> {
          assertThat(context).hasFailed();
          Throwable failure = context.getStartupFailure();
          InsecureConfigurationException cause = rootCause(failure);
          assertThat(cause.getMessage()).contains("JWT_SECRET_KEY is missing");

          FailureAnalysis analysis = new InsecureConfigurationFailureAnalyzer().analyze(failure);
          assertThat(analysis.getDescription())
              .startsWith("jwt-security refused its configuration: JWT_SECRET_KEY is missing");
          assertThat(analysis.getAction()).contains("keygen").contains("jwt-security.secret-key");
        });
  }

  @Test
  void context_withWeakSecrets_failsAndNeverPrintsTheSecret() {
    long seed = new Random().nextLong();
    System.out.println("weak-secret seed " + seed);
    Random random = new Random(seed);
    String[] weak = {
      "your-very-long-random-secret-key-here",
      "a".repeat(64),
      "changeme-changeme-changeme-changeme-1",
      "short-secret"
    };
    for (int i = 0; i < weak.length + 4; i++) {
      // Fixed placeholders, then generated low-entropy secrets: a long run of two characters.
      String secret =
          i < weak.length ? weak[i] : generatedLowEntropy(random, 32 + random.nextInt(40));
      Secrets.register(secret);
      runner
          .withPropertyValues("jwt-security.secret-key=" + secret)
          .run(
              context -> {
                assertThat(context).as("seed %d: %s", seed, secret.length()).hasFailed();
                FailureAnalysis analysis =
                    new InsecureConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains("JWT_SECRET_KEY");
                assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(secret);
              });
    }
  }

  private static String generatedLowEntropy(Random random, int length) {
    char a = (char) ('a' + random.nextInt(26));
    char b = (char) ('0' + random.nextInt(10));
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append(random.nextBoolean() ? a : b);
    }
    return s.toString();
  }

  @Test
  void context_applicationBeans_replaceTheStartersOwn() {
    RefreshTokenStore own = RefreshTokenStore.inMemory(10, 2, 2);
    PasswordEncoder encoder =
        new JwtSecurityPasswordEncoder(dev.jwtsecurity.password.PasswordHasher.builder().build());
    runner
        .withPropertyValues(TestApp.PROPERTIES_SECRET)
        .withBean(RefreshTokenStore.class, () -> own)
        .withBean("ownEncoder", PasswordEncoder.class, () -> encoder)
        .run(
            context -> {
              assertThat(context.getBean(RefreshTokenStore.class)).isSameAs(own);
              assertThat(context.getBean(PasswordEncoder.class)).isSameAs(encoder);
              assertThat(context).hasSingleBean(AccessTokenDenylist.class);
            });
  }

  @Test
  void endpoints_withoutUserTable_startupFailsNamingTheMissingBean() {
    runner
        .withPropertyValues(TestApp.PROPERTIES_SECRET, "jwt-security.endpoints.enabled=true")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(rootMessage(context.getStartupFailure()))
                  .contains("jwt-security.endpoints.enabled=true")
                  .contains("UserCredentialsLookup bean");
            });
  }

  @Test
  void endpoints_withUserTableBean_loginChecksThatTable() {
    UserCredentialsLookup table = TestSecurity.users("carol");
    runner
        .withPropertyValues(TestApp.PROPERTIES_SECRET, "jwt-security.endpoints.enabled=true")
        .withBean(UserCredentialsLookup.class, () -> table)
        .run(
            context -> {
              JwtSecurity security = context.getBean(JwtSecurity.class);
              RequestContext request = RequestContext.of("127.0.0.1", null, "r1");
              assertThat(security.login("carol", TestSecurity.PASSWORD, request))
                  .isInstanceOf(LoginResult.Success.class);
              assertThat(security.login("dave", TestSecurity.PASSWORD, request))
                  .isInstanceOf(LoginResult.Failure.class);
            });
  }

  @Test
  void endpointsOff_withoutUserTable_starts() {
    runner
        .withPropertyValues(TestApp.PROPERTIES_SECRET)
        .run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void context_ownSettingsBean_wins() {
    JwtSettings settings =
        JwtSettings.builder()
            .secret(dev.jwtsecurity.config.Secret.ofUtf8(TestApp.SECRET))
            .algorithm(Algorithm.HS256)
            .accessTokenLifetime(Duration.ofMinutes(7))
            .build();
    runner
        .withBean(JwtSettings.class, () -> settings)
        .run(
            context ->
                assertThat(context.getBean(JwtSecurity.class).settings().accessTokenLifetime())
                    .isEqualTo(Duration.ofMinutes(7)));
  }

  @Test
  void context_withDataSourceAndJdbcModule_usesTheJdbcStores() {
    runner
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
        .withPropertyValues(
            TestApp.PROPERTIES_SECRET, "spring.datasource.url=jdbc:h2:mem:jwtsec-autoconfig")
        .run(
            context -> {
              assertThat(context).hasSingleBean(DataSource.class);
              assertThat(context).hasSingleBean(JdbcStores.class);
              assertThat(context.getBean(RefreshTokenStore.class).getClass().getName())
                  .contains("jdbc");
            });
  }

  @Test
  void context_jdbcDisabled_keepsInMemoryStores() {
    runner
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
        .withPropertyValues(
            TestApp.PROPERTIES_SECRET,
            "spring.datasource.url=jdbc:h2:mem:jwtsec-autoconfig2",
            "jwt-security.jdbc.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(JdbcStores.class));
  }

  @Test
  void environmentVariable_overridesFilesAndLosesToCommandLineAndSpecificVariables() {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources()
        .replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.<String, Object>of(
                    "JWT_ISSUER", "https://from-variable",
                    "JWT_AUDIENCE", "variable-audience",
                    "JWT_ENVIRONMENT", "",
                    "JWT_SECURITY_AUDIENCE", "specific-audience")));
    env.getPropertySources()
        .addLast(
            new MapPropertySource(
                "applicationProperties",
                Map.of(
                    "jwt-security.issuer", "https://from-file",
                    "jwt-security.environment", "from-file",
                    "jwt-security.key-id", "file-kid")));
    env.getPropertySources()
        .addFirst(
            new MapPropertySource(
                "commandLineArgs", Map.of("jwt-security.key-id", "command-line-kid")));

    new JwtEnvironmentVariables().postProcessEnvironment(env, new SpringApplication());
    org.springframework.boot.context.properties.source.ConfigurationPropertySources.attach(env);
    JwtSecurityProperties p =
        Binder.get(env).bind("jwt-security", JwtSecurityProperties.class).get();

    assertThat(p.getIssuer()).as("variable over file").isEqualTo("https://from-variable");
    assertThat(p.getAudience()).as("JWT_SECURITY_* over JWT_*").isEqualTo("specific-audience");
    assertThat(p.getEnvironment()).as("an empty variable is unset").isEqualTo("from-file");
    assertThat(p.getKeyId()).as("command line over everything").isEqualTo("command-line-kid");
  }

  @Test
  void everyLibraryVariable_hasItsProperty_andReachesTheSettings() throws Exception {
    // The core's own list of the variables it reads: a variable added there must be bound here.
    Field known =
        Class.forName("dev.jwtsecurity.config.EnvironmentSettings")
            .getDeclaredField("KNOWN_VARIABLES");
    known.setAccessible(true);
    @SuppressWarnings("unchecked")
    Set<String> variables = (Set<String>) known.get(null);
    assertThat(variables).isNotEmpty();
    assertThat(JwtEnvironmentVariables.PROPERTIES).containsKeys(variables.toArray(String[]::new));
    assertThat(JwtSecurityAutoConfiguration.variables(new JwtSecurityProperties()).keySet())
        .isSubsetOf(variables);
    JwtSecurityProperties all = new JwtSecurityProperties();
    all.setSecretKey(TestApp.SECRET);
    all.setAlgorithm("HS256");
    all.setAccessTokenExpireMinutes(5);
    all.setClockSkewSeconds(10);
    all.setIssuer("https://issuer");
    all.setAudience("aud");
    all.setEnvironment("env");
    all.setKeyId("kid");
    all.setPreviousSecretKeys("");
    all.setPrivateJwkFile("");
    all.setPublicJwksFile("");
    all.setIssuerUri("https://idp.example");
    all.setJwksUri("https://idp.example/certs");
    all.setRolesClaim("roles");
    all.setUnsafeAllowPlainHttpOnLoopback(false);
    assertThat(JwtSecurityAutoConfiguration.variables(all).keySet())
        .containsExactlyInAnyOrderElementsOf(variables);
  }

  @Test
  void metadata_generatedForEveryProperty() throws Exception {
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("spring-configuration-metadata.json on the class path").isNotNull();
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String property : JwtEnvironmentVariables.PROPERTIES.values()) {
        assertThat(json).contains("\"name\": \"" + property + "\"");
      }
      assertThat(json)
          .contains("\"name\": \"jwt-security.endpoints.enabled\"")
          .contains("\"name\": \"jwt-security.authorities.role-prefix\"")
          .contains("\"defaultValue\": \"ROLE_\"");
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null) {
      c = c.getCause();
    }
    return c.getMessage();
  }

  private static InsecureConfigurationException rootCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof InsecureConfigurationException e) {
        return e;
      }
    }
    throw new AssertionError("no InsecureConfigurationException in " + t);
  }
}
