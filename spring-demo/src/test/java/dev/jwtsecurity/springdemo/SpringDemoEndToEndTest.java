package dev.jwtsecurity.springdemo;

import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.examples.story.TodoDemoStory;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The demos' shared story (the Jetty demo's test-jar) against the Spring Boot demo. */
class SpringDemoEndToEndTest extends TodoDemoStory {

  @Override
  protected Demo start(
      Map<String, String> env, Clock clock, SecurityEventListener events, PrintStream stderr) {
    return SpringDemos.start(env, clock, events, stderr);
  }

  /** Starting the Spring Boot demo as its main method does, with a test's environment and clock. */
  static final class SpringDemos {
    private SpringDemos() {}

    /**
     * Starts the demo with {@code env} as its environment variables and {@code PORT=0}, so Spring
     * reads {@code PORT}, {@code HOST}, {@code ADMIN_USERNAMES} and the {@code JWT_*} variables
     * exactly as from a real environment.
     */
    static Demo start(
        Map<String, String> env, Clock clock, SecurityEventListener events, PrintStream stderr) {
      Map<String, Object> variables = new HashMap<>(env);
      variables.put("PORT", "0");
      StandardEnvironment environment = new StandardEnvironment();
      environment
          .getPropertySources()
          .replace(
              StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
              new SystemEnvironmentPropertySource(
                  StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
      SpringApplication app = SpringDemoApplication.application(env, stderr);
      app.setEnvironment(environment);
      app.addInitializers(
          context -> {
            context.getBeanFactory().registerSingleton("testClock", clock);
            context.getBeanFactory().registerSingleton("testEvents", events);
          });
      ConfigurableApplicationContext context = app.run();
      String port = context.getEnvironment().getProperty("local.server.port");
      return new Demo(URI.create("http://127.0.0.1:" + port), context);
    }
  }
}
