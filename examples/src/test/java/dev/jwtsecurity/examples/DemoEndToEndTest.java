package dev.jwtsecurity.examples;

import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.examples.story.TodoDemoStory;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/** The demos' shared story against the Jetty demo, on a free loopback port. */
class DemoEndToEndTest extends TodoDemoStory {

  @Override
  protected Demo start(
      Map<String, String> env, Clock clock, SecurityEventListener events, PrintStream stderr)
      throws Exception {
    DemoServer server =
        DemoServer.builder()
            .environment(env)
            .clock(clock)
            .host("127.0.0.1")
            .port(0)
            .events(events)
            .stderr(stderr)
            .start();
    return new Demo(server.baseUri(), server);
  }
}
