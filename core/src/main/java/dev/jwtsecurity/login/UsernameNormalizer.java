package dev.jwtsecurity.login;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * The one way login names are normalised before they are looked up, throttled or logged, modelled
 * on the PRECIS {@code UsernameCaseMapped} profile (RFC 8265 §3.3): surrounding white space
 * removed, Unicode NFC, lower case ({@link Locale#ROOT}, never the JVM's locale: Turkish dotless
 * i), NFC again.
 *
 * <pre>{@code
 * UsernameNormalizer.normalize("  Alice@Example.COM ");   // Optional[alice@example.com]
 * UsernameNormalizer.normalize("Ame\u0301lie");           // Optional[amélie] (NFC: one code point é)
 * UsernameNormalizer.normalize("");                       // Optional.empty
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <ul>
 *   <li>Store user names normalised the same way at registration, and look them up with exact
 *       equality; otherwise {@code Alice} and {@code alice} are two accounts, or two throttling
 *       budgets for one account.
 *   <li>Names empty after stripping, longer than {@value #MAX_LENGTH} characters, or containing
 *       control characters are invalid: the login path treats them as an unknown user (same cost,
 *       same answer), never as an error.
 *   <li>Compatibility forms (NFKC: full-width letters, ligatures) are not folded: RFC 8265 maps
 *       only width, and folding more would merge names an application may keep apart.
 * </ul>
 */
public final class UsernameNormalizer {

  /** The longest login name accepted, in chars, after normalisation. */
  public static final int MAX_LENGTH = 256;

  private UsernameNormalizer() {}

  /**
   * Normalises a login name.
   *
   * @param raw the name as typed, or {@code null}
   * @return the normalised name, or empty when it is {@code null}, blank, too long or contains
   *     control characters
   */
  public static Optional<String> normalize(CharSequence raw) {
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
