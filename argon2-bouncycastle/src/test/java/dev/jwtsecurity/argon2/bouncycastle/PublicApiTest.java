package dev.jwtsecurity.argon2.bouncycastle;

import dev.jwtsecurity.testing.PublicApiCheck;

/**
 * Keeps this module's public API equal to {@code
 * argon2-bouncycastle/api/jwt-security-argon2-bouncycastle.api}.
 */
class PublicApiTest extends PublicApiCheck {
  PublicApiTest() {
    super("jwt-security-argon2-bouncycastle");
  }
}
