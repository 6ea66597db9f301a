package dev.jwtsecurity.password;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;

/** bcrypt verification (at.favre.lib:bcrypt, pure Java), whichever Argon2 engine is in use. */
final class BcryptVerifier {
  private BcryptVerifier() {}

  static boolean verify(byte[] password, String bcryptHash) {
    BCrypt.Version version =
        switch (bcryptHash.charAt(2)) {
          case 'a' -> BCrypt.Version.VERSION_2A;
          case 'y' -> BCrypt.Version.VERSION_2Y;
          default -> BCrypt.Version.VERSION_2B;
        };
    // Other bcrypt implementations silently use only the first 72 bytes; verify the same way so
    // their hashes match.
    BCrypt.Result r =
        BCrypt.verifyer(version, LongPasswordStrategies.truncate(version))
            .verify(password, bcryptHash.getBytes(StandardCharsets.US_ASCII));
    return r.validFormat && r.verified;
  }
}
