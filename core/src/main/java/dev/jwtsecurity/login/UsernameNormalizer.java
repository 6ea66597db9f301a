package dev.jwtsecurity.login;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * The implementation of {@link UserCredentialsLookup#normalizeUsername}, modelled on the PRECIS
 * {@code UsernameCaseMapped} profile (RFC 8265 §3.3): surrounding white space removed, Unicode NFC,
 * lower case ({@link Locale#ROOT}, never the JVM's locale: Turkish dotless i), NFC again.
 * Compatibility forms (NFKC: full-width letters, ligatures) are not folded: RFC 8265 maps only
 * width, and folding more would merge names an application may keep apart.
 */
final class UsernameNormalizer {

  static final int MAX_LENGTH = UserCredentialsLookup.MAX_USERNAME_LENGTH;

  private UsernameNormalizer() {}

  static Optional<String> normalize(CharSequence raw) {
    if (raw == null || raw.length() > 4 * MAX_LENGTH) {
      return Optional.empty();
    }
    String s = raw.toString().strip();
    if (s.isEmpty()) {
      return Optional.empty();
    }
    s = Normalizer.normalize(s, Normalizer.Form.NFC);
    s = Normalizer.normalize(s.toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
    if (s.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        return Optional.empty();
      }
    }
    return Optional.of(s);
  }
}
