package dev.jwtsecurity;

import dev.jwtsecurity.testing.PublicApiCheck;

/** Keeps core's public API equal to {@code core/api/jwt-security-core.api}. */
class PublicApiTest extends PublicApiCheck {
  PublicApiTest() {
    super("jwt-security-core");
  }
}
