package dev.jwtsecurity.redis;

import dev.jwtsecurity.testing.PublicApiCheck;

/** Keeps this module's public API equal to {@code redis/api/jwt-security-redis.api}. */
class PublicApiTest extends PublicApiCheck {
  PublicApiTest() {
    super("jwt-security-redis");
  }
}
