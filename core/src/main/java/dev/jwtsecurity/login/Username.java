package dev.jwtsecurity.login;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A login name normalised by the username profile, with its confusable skeleton: the one policy the
 * login path and the registration helper share.
 *
 * <pre>{@code
 * Username.of(" Alice ").value();                  // "alice"
 * Username.of("ＡＬＩＣＥ").value();               // "alice" (full-width letters mapped)
 * Username.of("v\u0456ctim").skeleton()            // equals Username.of("victim").skeleton() (Cyrillic і)
 *     .equals(Username.of("victim").skeleton());
 * Username.of("\uFB01le");                          // throws InvalidUsernameException: DISALLOWED_CHARACTER (ligature)
 * }</pre>
 *
 * <p><b>The profile</b> is PRECIS {@code UsernameCaseMapped} (RFC 8265 §3.3 on the IdentifierClass
 * of RFC 8264): surrounding white space removed first (a form convenience), then full-width and
 * half-width forms mapped to their ordinary forms, Unicode lower case ({@code toLowerCase}, never
 * the JVM locale's rules), NFC, every code point checked against the IdentifierClass (letters and
 * digits without compatibility forms, and printable ASCII; no spaces, no other symbols or
 * punctuation, no ligatures, no invisible characters), the contextual rules, and the Bidi Rule of
 * RFC 5893 for names with right-to-left text. The result has 1 to {@value #MAX_CODE_POINTS} code
 * points. The join controls ZWJ/ZWNJ are refused everywhere (stricter than the profile).
 *
 * <p><b>The skeleton</b> is the confusable skeleton of Unicode Technical Standard #39 computed over
 * the case-folded name and case-folded again, to a fixed point: names that look alike ({@code
 * victim}, {@code vіctim} with a Cyrillic і, {@code rnallory} and {@code mallory}, {@code b0b} and
 * {@code bob}, {@code straße} and {@code strasse}) have equal skeletons. It is a comparison key,
 * not a display form. Store it with the user (a unique column) and refuse a new name whose skeleton
 * is taken; {@link dev.jwtsecurity.JwtSecurity#register} does.
 *
 * <h2>Security considerations</h2>
 *
 * <ul>
 *   <li>Store {@link #value()} as the login name and look users up by exact match on it: the login
 *       path normalises what is typed the same way before the look-up.
 *   <li>The skeleton data follow Unicode's confusables list and may change with a library update
 *       (the CHANGELOG says so): recompute the stored skeletons then ({@link #of} of each stored
 *       name). Until then an old skeleton only misses a look-alike; it never refuses a login.
 *   <li>Unassigned code points are refused with the Unicode version of the running Java; a newer
 *       Java may accept names an older one refused, never the other way round.
 * </ul>
 */
public final class Username {

  /** The longest normalised name, in Unicode code points. */
  public static final int MAX_CODE_POINTS = 256;

  /** Longer raw input is refused before any work: four chars per code point is generous. */
  private static final int MAX_RAW_CHARS = 4 * MAX_CODE_POINTS;

  private final String value;
  private final String skeleton;

  private Username(String value, String skeleton) {
    this.value = value;
    this.skeleton = skeleton;
  }

  /**
   * Normalises a name as typed and computes its skeleton.
   *
   * @param raw the name as typed
   * @return the normalised name
   * @throws InvalidUsernameException if the profile refuses the name; the reason says why
   * @throws NullPointerException if {@code raw} is {@code null}
   */
  public static Username of(CharSequence raw) throws InvalidUsernameException {
    Objects.requireNonNull(raw, "raw");
    if (raw.length() > MAX_RAW_CHARS) {
      throw new InvalidUsernameException(InvalidUsernameException.Reason.TOO_LONG);
    }
    String s = raw.toString().strip();
    if (s.isEmpty()) {
      throw new InvalidUsernameException(InvalidUsernameException.Reason.EMPTY);
    }
    String value = Precis.enforce(s);
    if (value.codePointCount(0, value.length()) > MAX_CODE_POINTS) {
      throw new InvalidUsernameException(InvalidUsernameException.Reason.TOO_LONG);
    }
    return new Username(value, skeletonOf(value));
  }

  /**
   * Normalises a name like {@link #of}, with an empty result instead of the exception: what the
   * login path does before it looks a user up (a refused name is an unknown user there).
   *
   * @param raw the name as typed, or {@code null}
   * @return the normalised name, or empty when the profile refuses it
   */
  public static Optional<Username> parse(CharSequence raw) {
    if (raw == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(of(raw));
    } catch (InvalidUsernameException e) {
      return Optional.empty();
    }
  }

  /** The skeleton of a normalised name: UTS #39 over case-folded text, to a fixed point. */
  static String skeletonOf(String normalised) {
    String s = normalised;
    for (int round = 0; round < 4; round++) {
      String next = ConfusableSkeleton.of(fold(s));
      if (next.equals(s)) {
        break;
      }
      s = next;
    }
    return s;
  }

  /**
   * Full case folding for the skeleton: upper then lower case maps {@code ß} to {@code ss} and
   * {@code ς} to {@code σ}; prototypes that are capitals ({@code 0} becomes {@code O}) meet their
   * lower case.
   */
  private static String fold(String s) {
    return s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the normalised name: what to store, look up and show.
   *
   * @return the name, 1 to {@value #MAX_CODE_POINTS} code points
   */
  public String value() {
    return value;
  }

  /**
   * Returns the confusable skeleton: equal for names that look alike. A comparison key to store
   * (uniquely) beside the name; never shown.
   *
   * @return the skeleton
   */
  public String skeleton() {
    return skeleton;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Username u && u.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /**
   * Returns the normalised name.
   *
   * @return {@link #value()}
   */
  @Override
  public String toString() {
    return value;
  }
}
