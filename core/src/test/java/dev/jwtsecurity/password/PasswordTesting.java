package dev.jwtsecurity.password;

/**
 * What tests outside this package may know about a hasher: cheap parameters, and how many hash
 * computations it ran (the evidence that every login attempt costs the same).
 */
public final class PasswordTesting {

  /** Argon2id with 64 KiB and one pass: fast, and never for production. */
  public static final Argon2Parameters CHEAP = TestHashers.CHEAP;

  private PasswordTesting() {}

  /**
   * Returns how many Argon2 or bcrypt computations {@code hasher} has run.
   *
   * @param hasher the hasher
   * @return the count so far
   */
  public static long computations(PasswordHasher hasher) {
    return hasher.hashComputations();
  }

  /**
   * Returns the native Argon2 engine behind the public SPI, for tests that wrap an engine to see
   * what it computes.
   *
   * @return an engine computing through argon2-jvm
   */
  public static Argon2Engine nativeArgon2() {
    return NativeHashEngine.INSTANCE::argon2;
  }
}
