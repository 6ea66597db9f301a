package example;

import dev.jwtsecurity.testing.ManualClock;

/** Compiles only if the core test-jar (the store contract suites) resolved through the BOM. */
final class ApplicationTest {
  private ApplicationTest() {}

  static Class<?> fixtures() {
    return ManualClock.class;
  }
}
