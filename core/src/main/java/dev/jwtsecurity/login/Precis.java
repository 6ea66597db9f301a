package dev.jwtsecurity.login;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The PRECIS {@code UsernameCaseMapped} profile (RFC 8265 §3.3, on the IdentifierClass of RFC 8264)
 * built on the JDK's character data: width mapping, case mapping ({@code toLowerCase}), NFC, the
 * IdentifierClass derived property with its contextual rules, and the Bidi Rule of RFC 5893. The
 * few Unicode properties the JDK does not expose (width decompositions,
 * Default_Ignorable_Code_Point, Hangul jamo) are range tables below, checked against ICU4J by the
 * tests.
 *
 * <p>One deliberate difference: the join controls ZWJ and ZWNJ (CONTEXTJ) are refused everywhere,
 * where the profile allows them after a virama or between joining letters. They are invisible, and
 * the data their rule needs (combining class, joining type) is not in the JDK.
 */
final class Precis {

  /** Code points whose decomposition is {@code <wide>} or {@code <narrow>}: the width mapping. */
  private static final int[] WIDTH_MAPPED = {
    0x3000, 0x3000, 0xFF01, 0xFFBE, 0xFFC2, 0xFFC7, 0xFFCA, 0xFFCF, 0xFFD2, 0xFFD7, 0xFFDA, 0xFFDC,
    0xFFE0, 0xFFE6, 0xFFE8, 0xFFEE
  };

  /** Default_Ignorable_Code_Point (noncharacters are computed). */
  private static final int[] DEFAULT_IGNORABLE = {
    0x00AD, 0x00AD, 0x034F, 0x034F, 0x061C, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B, 0x180F,
    0x200B, 0x200F, 0x202A, 0x202E, 0x2060, 0x206F, 0x3164, 0x3164, 0xFE00, 0xFE0F, 0xFEFF, 0xFEFF,
    0xFFA0, 0xFFA0, 0xFFF0, 0xFFF8, 0x1BCA0, 0x1BCA3, 0x1D173, 0x1D17A, 0xE0000, 0xE0FFF
  };

  /** Hangul_Syllable_Type L, V or T: the conjoining jamo the profile refuses. */
  private static final int[] OLD_HANGUL_JAMO = {
    0x1100, 0x11FF, 0xA960, 0xA97C, 0xD7B0, 0xD7C6, 0xD7CB, 0xD7FB
  };

  /** How a code point is treated by the IdentifierClass (RFC 8264 §9). */
  enum Property {
    PVALID,
    CONTEXTJ,
    CONTEXTO,
    DISALLOWED,
    UNASSIGNED
  }

  private Precis() {}

  /**
   * Enforces the profile: the string to store and compare, or the reason it is refused. Applies the
   * rules until the result is stable, as RFC 8264 §7 asks, and refuses a string that does not
   * stabilise.
   */
  static String enforce(String input) throws InvalidUsernameException {
    String s = enforceOnce(input);
    for (int round = 0; round < 3; round++) {
      String again = enforceOnce(s);
      if (again.equals(s)) {
        return s;
      }
      s = again;
    }
    throw new InvalidUsernameException(InvalidUsernameException.Reason.UNSTABLE);
  }

  private static String enforceOnce(String input) throws InvalidUsernameException {
    String s = mapWidth(input);
    // Preparation: the width-mapped string must already be in the class (a titlecase letter such as
    // U+1F88 is refused even though its lower case would pass); context rules come after mapping.
    checkIdentifierClass(s, false);
    // Unicode toLowerCase with the root locale: never the JVM's locale (Turkish dotless i).
    s = s.toLowerCase(Locale.ROOT);
    s = Normalizer.normalize(s, Normalizer.Form.NFC);
    if (s.isEmpty()) {
      throw new InvalidUsernameException(InvalidUsernameException.Reason.EMPTY);
    }
    checkIdentifierClass(s, true);
    checkBidiRule(s);
    return s;
  }

  static String mapWidth(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int n = Character.charCount(cp);
      if (in(WIDTH_MAPPED, cp)) {
        if (out == null) {
          out = new StringBuilder(s.length()).append(s, 0, i);
        }
        // A width decomposition is the code point's whole compatibility decomposition.
        out.append(Normalizer.normalize(s.substring(i, i + n), Normalizer.Form.NFKC));
      } else if (out != null) {
        out.appendCodePoint(cp);
      }
      i += n;
    }
    return out == null ? s : out.toString();
  }

  private static void checkIdentifierClass(String s, boolean contexts)
      throws InvalidUsernameException {
    boolean arabicIndic = false;
    boolean extendedArabicIndic = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      switch (property(cp)) {
        case PVALID -> {}
        case UNASSIGNED ->
            throw new InvalidUsernameException(
                InvalidUsernameException.Reason.UNASSIGNED_CHARACTER);
        case DISALLOWED, CONTEXTJ ->
            throw new InvalidUsernameException(
                InvalidUsernameException.Reason.DISALLOWED_CHARACTER);
        case CONTEXTO -> {
          if (contexts && !contextAllows(s, i, cp)) {
            throw new InvalidUsernameException(InvalidUsernameException.Reason.CONTEXT_RULE);
          }
          arabicIndic |= cp >= 0x0660 && cp <= 0x0669;
          extendedArabicIndic |= cp >= 0x06F0 && cp <= 0x06F9;
        }
      }
      i += Character.charCount(cp);
    }
    if (contexts && arabicIndic && extendedArabicIndic) {
      // RFC 5892 Appendix A.8/A.9: the two sets of Arabic digits look alike and must not mix.
      throw new InvalidUsernameException(InvalidUsernameException.Reason.CONTEXT_RULE);
    }
  }

  /** The contextual rules of RFC 5892 Appendix A for the CONTEXTO code points. */
  private static boolean contextAllows(String s, int i, int cp) {
    int before = i > 0 ? s.codePointBefore(i) : -1;
    int afterIndex = i + Character.charCount(cp);
    int after = afterIndex < s.length() ? s.codePointAt(afterIndex) : -1;
    return switch (cp) {
      // MIDDLE DOT: only between two l (Catalan "l·l").
      case 0x00B7 -> before == 'l' && after == 'l';
      // GREEK LOWER NUMERAL SIGN (KERAIA): followed by a Greek letter.
      case 0x0375 -> after >= 0 && scriptOf(after) == Character.UnicodeScript.GREEK;
      // HEBREW PUNCTUATION GERESH and GERSHAYIM: after a Hebrew letter.
      case 0x05F3, 0x05F4 -> before >= 0 && scriptOf(before) == Character.UnicodeScript.HEBREW;
      // KATAKANA MIDDLE DOT: in a name with Hiragana, Katakana or Han.
      case 0x30FB -> hasJapanese(s);
      // Arabic-Indic digits: checked for mixing over the whole string.
      default -> (cp >= 0x0660 && cp <= 0x0669) || (cp >= 0x06F0 && cp <= 0x06F9);
    };
  }

  private static boolean hasJapanese(String s) {
    return s.codePoints()
        .filter(c -> c != 0x30FB)
        .mapToObj(Precis::scriptOf)
        .anyMatch(
            sc ->
                sc == Character.UnicodeScript.HIRAGANA
                    || sc == Character.UnicodeScript.KATAKANA
                    || sc == Character.UnicodeScript.HAN);
  }

  private static Character.UnicodeScript scriptOf(int cp) {
    return Character.UnicodeScript.of(cp);
  }

  /** The IdentifierClass derived property of one code point (RFC 8264 §8 and §9.1). */
  static Property property(int cp) {
    Property exception = exception(cp);
    if (exception != null) {
      return exception;
    }
    int type = Character.getType(cp);
    if (type == Character.UNASSIGNED && !isNoncharacter(cp)) {
      return Property.UNASSIGNED;
    }
    if (cp >= 0x21 && cp <= 0x7E) {
      return Property.PVALID;
    }
    if (cp == 0x200C || cp == 0x200D) {
      return Property.CONTEXTJ;
    }
    if (in(OLD_HANGUL_JAMO, cp)
        || in(DEFAULT_IGNORABLE, cp)
        || isNoncharacter(cp)
        || type == Character.CONTROL) {
      return Property.DISALLOWED;
    }
    if (hasCompat(cp)) {
      return Property.DISALLOWED; // ID_DIS: compatibility forms are FreeformClass only
    }
    return switch (type) {
      case Character.LOWERCASE_LETTER,
          Character.UPPERCASE_LETTER,
          Character.OTHER_LETTER,
          Character.DECIMAL_DIGIT_NUMBER,
          Character.MODIFIER_LETTER,
          Character.NON_SPACING_MARK,
          Character.COMBINING_SPACING_MARK ->
          Property.PVALID;
      // OtherLetterDigits, spaces, symbols, punctuation: ID_DIS; anything else: DISALLOWED.
      default -> Property.DISALLOWED;
    };
  }

  /** The Exceptions of RFC 5892 §2.6, which RFC 8264 keeps. */
  private static Property exception(int cp) {
    return switch (cp) {
      case 0x00DF, 0x03C2, 0x06FD, 0x06FE, 0x0F0B, 0x3007 -> Property.PVALID;
      case 0x00B7, 0x0375, 0x05F3, 0x05F4, 0x30FB -> Property.CONTEXTO;
      case 0x0640, 0x07FA, 0x302E, 0x302F, 0x3031, 0x3032, 0x3033, 0x3034, 0x3035, 0x303B ->
          Property.DISALLOWED;
      default ->
          (cp >= 0x0660 && cp <= 0x0669) || (cp >= 0x06F0 && cp <= 0x06F9)
              ? Property.CONTEXTO
              : null;
    };
  }

  private static boolean hasCompat(int cp) {
    String s = new String(Character.toChars(cp));
    return !Normalizer.normalize(s, Normalizer.Form.NFKC).equals(s);
  }

  private static boolean isNoncharacter(int cp) {
    return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
  }

  private static boolean in(int[] ranges, int cp) {
    for (int k = 0; k < ranges.length && ranges[k] <= cp; k += 2) {
      if (cp <= ranges[k + 1]) {
        return true;
      }
    }
    return false;
  }

  /**
   * The Bidi Rule of RFC 5893 §2, which RFC 8265 applies to a name containing right-to-left
   * characters: such a name must read unambiguously in either direction.
   */
  static void checkBidiRule(String s) throws InvalidUsernameException {
    boolean rtl =
        s.codePoints()
            .map(Character::getDirectionality)
            .anyMatch(
                d ->
                    d == Character.DIRECTIONALITY_RIGHT_TO_LEFT
                        || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC
                        || d == Character.DIRECTIONALITY_ARABIC_NUMBER);
    if (!rtl) {
      return;
    }
    int[] dirs = s.codePoints().map(Character::getDirectionality).toArray();
    byte first = (byte) dirs[0];
    boolean ok;
    if (first == Character.DIRECTIONALITY_LEFT_TO_RIGHT) {
      ok = ltrLabel(dirs);
    } else if (first == Character.DIRECTIONALITY_RIGHT_TO_LEFT
        || first == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
      ok = rtlLabel(dirs);
    } else {
      ok = false; // rule 1
    }
    if (!ok) {
      throw new InvalidUsernameException(InvalidUsernameException.Reason.DIRECTIONALITY);
    }
  }

  private static boolean rtlLabel(int[] dirs) {
    boolean en = false;
    boolean an = false;
    for (int d : dirs) {
      switch ((byte) d) {
        case Character.DIRECTIONALITY_RIGHT_TO_LEFT,
            Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC,
            Character.DIRECTIONALITY_EUROPEAN_NUMBER_SEPARATOR,
            Character.DIRECTIONALITY_COMMON_NUMBER_SEPARATOR,
            Character.DIRECTIONALITY_EUROPEAN_NUMBER_TERMINATOR,
            Character.DIRECTIONALITY_OTHER_NEUTRALS,
            Character.DIRECTIONALITY_BOUNDARY_NEUTRAL,
            Character.DIRECTIONALITY_NONSPACING_MARK -> {}
        case Character.DIRECTIONALITY_EUROPEAN_NUMBER -> en = true;
        case Character.DIRECTIONALITY_ARABIC_NUMBER -> an = true;
        default -> {
          return false; // rule 2
        }
      }
    }
    if (en && an) {
      return false; // rule 4
    }
    int last = lastNonMark(dirs);
    return last == Character.DIRECTIONALITY_RIGHT_TO_LEFT
        || last == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC
        || last == Character.DIRECTIONALITY_EUROPEAN_NUMBER
        || last == Character.DIRECTIONALITY_ARABIC_NUMBER; // rule 3
  }

  private static boolean ltrLabel(int[] dirs) {
    for (int d : dirs) {
      switch ((byte) d) {
        case Character.DIRECTIONALITY_LEFT_TO_RIGHT,
            Character.DIRECTIONALITY_EUROPEAN_NUMBER,
            Character.DIRECTIONALITY_EUROPEAN_NUMBER_SEPARATOR,
            Character.DIRECTIONALITY_COMMON_NUMBER_SEPARATOR,
            Character.DIRECTIONALITY_EUROPEAN_NUMBER_TERMINATOR,
            Character.DIRECTIONALITY_OTHER_NEUTRALS,
            Character.DIRECTIONALITY_BOUNDARY_NEUTRAL,
            Character.DIRECTIONALITY_NONSPACING_MARK -> {}
        default -> {
          return false; // rule 5
        }
      }
    }
    int last = lastNonMark(dirs);
    return last == Character.DIRECTIONALITY_LEFT_TO_RIGHT
        || last == Character.DIRECTIONALITY_EUROPEAN_NUMBER; // rule 6
  }

  private static int lastNonMark(int[] dirs) {
    for (int k = dirs.length - 1; k >= 0; k--) {
      if (dirs[k] != Character.DIRECTIONALITY_NONSPACING_MARK) {
        return dirs[k];
      }
    }
    return Character.DIRECTIONALITY_NONSPACING_MARK;
  }
}
