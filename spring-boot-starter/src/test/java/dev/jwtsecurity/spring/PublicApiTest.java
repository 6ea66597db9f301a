package dev.jwtsecurity.spring;

import dev.jwtsecurity.testing.PublicApiCheck;

/** Keeps this module's public API equal to {@code spring-boot-starter/api/...api}. */
class PublicApiTest extends PublicApiCheck {
  PublicApiTest() {
    super("jwt-security-spring-boot-starter");
  }
}
