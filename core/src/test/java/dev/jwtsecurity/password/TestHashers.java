package dev.jwtsecurity.password;

/**
 * Cheap parameters so the suite stays fast; never for production (see unsafeParametersForTesting).
 */
final class TestHashers {
  static final Argon2Parameters CHEAP =
      new Argon2Parameters(Argon2Parameters.Variant.ARGON2ID, 19, 64, 1, 1, 16, 32);

  private TestHashers() {}

  static PasswordHasher.Builder cheap() {
    return PasswordHasher.builder().unsafeParametersForTesting(CHEAP);
  }
}
