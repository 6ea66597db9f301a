package dev.jwtsecurity.jdbc;

import dev.jwtsecurity.testing.PublicApiCheck;

/** Keeps this module's public API equal to {@code jdbc/api/jwt-security-jdbc.api}. */
class PublicApiTest extends PublicApiCheck {
  PublicApiTest() {
    super("jwt-security-jdbc");
  }
}
