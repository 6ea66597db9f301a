package dev.jwtsecurity.micrometer;

import dev.jwtsecurity.testing.PublicApiCheck;

/** Keeps this module's public API equal to {@code micrometer/api/jwt-security-micrometer.api}. */
class PublicApiTest extends PublicApiCheck {
  PublicApiTest() {
    super("jwt-security-micrometer");
  }
}
