package dev.jwtsecurity.springdemo;

import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.examples.story.TodoDemoStory;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.util.Map;

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

    static Demo start(
        Map<String, String> env, Clock clock, SecurityEventListener events, PrintStream stderr) {
      java.util.Map<String, Object> variables = new java.util.HashMap<>(env);
      variables.put("PORT", "0");
      org.springframework.core.env.StandardEnvironment environment =
          new org.springframework.core.env.StandardEnvironment();
      environment
          .getPropertySources()
          .replace(
              org.springframework.core.env.StandardEnvironment
                  .SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
              new org.springframework.core.env.SystemEnvironmentPropertySource(
                  org.springframework.core.env.StandardEnvironment
                      .SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                  variables));
      org.springframework.boot.SpringApplication app =
          SpringDemoApplication.application(env, stderr);
      app.setEnvironment(environment);
      app.addInitializers(
          context -> {
            context.getBeanFactory().registerSingleton("testClock", clock);
            context.getBeanFactory().registerSingleton("testEvents", events);
          });
      org.springframework.context.ConfigurableApplicationContext context = app.run();
      String port = context.getEnvironment().getProperty("local.server.port");
      return new Demo(URI.create("http://127.0.0.1:" + port), context);
    }
  }
}
