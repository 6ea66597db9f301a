/**
 * jwt-security's pure-Java Argon2 engine (Bouncy Castle), for applications that cannot load a
 * native library: provides {@link dev.jwtsecurity.password.Argon2Engine} to core's service loader
 * and exports the engine class for choosing it explicitly.
 *
 * <pre>{@code
 * module my.app {
 *   requires dev.jwtsecurity.argon2.bouncycastle;   // reads dev.jwtsecurity too
 * }
 * }</pre>
 */
// The name follows the artifact (jwt-security-argon2-bouncycastle); "argon2" is the algorithm's
// name,
// so the lint against a terminal digit in a name component does not apply.
@SuppressWarnings("module")
module dev.jwtsecurity.argon2.bouncycastle {
  // The engine implements core's SPI and takes its parameter type, so a user reads core.
  requires transitive dev.jwtsecurity;
  requires org.bouncycastle.provider;

  exports dev.jwtsecurity.argon2.bouncycastle;

  provides dev.jwtsecurity.password.Argon2Engine with
      dev.jwtsecurity.argon2.bouncycastle.BouncyCastleArgon2Engine;
}
