package dev.jwtsecurity.password;

import dev.jwtsecurity.internal.SecretChars;
import java.util.Arrays;

/** UTF-8 encoding of passwords without an intermediate String, so the copy can be wiped. */
final class PasswordBytes {
  private PasswordBytes() {}

  /**
   * Encodes as UTF-8 exactly as {@link String#getBytes} would (unpaired surrogates become {@code
   * ?}), for compatibility with every other implementation that hashes {@code
   * password.getBytes(UTF_8)}.
   */
  static byte[] utf8(CharSequence value) {
    return SecretChars.utf8(value);
  }

  static void wipe(byte[] b) {
    if (b != null) {
      Arrays.fill(b, (byte) 0);
    }
  }
}
