package dev.jwtsecurity.servlet;

import dev.jwtsecurity.testing.PublicApiCheck;

/** Keeps this module's public API equal to {@code servlet-adapter/api/jwt-security-servlet.api}. */
class PublicApiTest extends PublicApiCheck {
  PublicApiTest() {
    super("jwt-security-servlet");
  }
}
