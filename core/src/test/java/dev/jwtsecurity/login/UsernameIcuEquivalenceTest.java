package dev.jwtsecurity.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Proves core's JDK-only username profile equal to ICU4J (test scope only): the committed
 * confusables table is what ICU4J's data gives, the skeleton equals {@code
 * SpoofChecker.getSkeleton} for every code point the profile allows and for random names, and the
 * IdentifierClass property and width mapping computed from the JDK's character data equal the same
 * rules computed from ICU4J's.
 */
class UsernameIcuEquivalenceTest {

  @SuppressWarnings("deprecation")
  private static final SpoofChecker SPOOF = new SpoofChecker.Builder().build();

  @SuppressWarnings("deprecation")
  private static String icuSkeleton(String s) {
    return SPOOF.getSkeleton(SpoofChecker.ANY_CASE, s);
  }

  private static int[] allowedCodePoints() {
    return IntStream.rangeClosed(0, Character.MAX_CODE_POINT)
        .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
        .filter(
            cp ->
                Precis.property(cp) == Precis.Property.PVALID
                    || Precis.property(cp) == Precis.Property.CONTEXTO)
        .toArray();
  }

  @Test
  void committedTable_isWhatIcuGives() throws IOException {
    String committed;
    try (InputStream in =
        ConfusableSkeleton.class.getResourceAsStream(ConfusableSkeleton.RESOURCE)) {
      committed = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
    assertThat(committed)
        .as("regenerate with UsernameSkeletonTableGenerator (see its javadoc) and commit")
        .isEqualTo(UsernameSkeletonTableGenerator.table());
  }

  @Test
  void skeleton_everyAllowedCodePoint_equalsIcu() {
    int[] allowed = allowedCodePoints();
    assertThat(allowed.length).isGreaterThan(90_000);
    List<String> differ = new ArrayList<>();
    for (int cp : allowed) {
      String s = new String(Character.toChars(cp));
      if (!ConfusableSkeleton.of(s).equals(icuSkeleton(s))) {
        differ.add(Integer.toHexString(cp));
      }
    }
    assertThat(differ).isEmpty();
  }

  /**
   * About a hundred prototypes contain code points newer than the running JDK's Unicode data; where
   * such a code point is a combining mark next to other marks, the JDK's NFD cannot reorder it as
   * ICU4J's does. The skeleton is then still one stable comparison key, but ordered differently
   * from ICU4J's: names with such code points are left out of the comparison of whole names (every
   * single code point is still compared above).
   */
  private static boolean prototypeKnownToJdk(int cp) {
    return icuSkeleton(new String(Character.toChars(cp)))
        .codePoints()
        .allMatch(c -> Character.getType(c) != Character.UNASSIGNED);
  }

  @Test
  void skeleton_randomNamesOfAllowedCodePoints_equalIcu() {
    long seed = new Random().nextLong();
    System.out.println("skeleton_randomNamesOfAllowedCodePoints_equalIcu seed=" + seed);
    Random random = new Random(seed);
    int[] allowed =
        IntStream.of(allowedCodePoints())
            .filter(UsernameIcuEquivalenceTest::prototypeKnownToJdk)
            .toArray();
    // Mostly Latin, Cyrillic, Greek and combining marks, where confusables cluster; some of all.
    int[] dense =
        IntStream.of(allowed).filter(cp -> cp < 0x0530 || (cp >= 0x1E00 && cp < 0x2000)).toArray();
    for (int n = 0; n < 20_000; n++) {
      StringBuilder b = new StringBuilder();
      int len = 1 + random.nextInt(10);
      for (int k = 0; k < len; k++) {
        int[] pool = random.nextInt(4) == 0 ? allowed : dense;
        b.appendCodePoint(pool[random.nextInt(pool.length)]);
      }
      String s = b.toString();
      assertThat(ConfusableSkeleton.of(s))
          .as("seed %d, input %s", seed, hex(s))
          .isEqualTo(icuSkeleton(s));
    }
  }

  @Test
  void identifierClass_everyCodePointAssignedInTheJdk_equalsTheRulesOverIcuData() {
    List<String> differ = new ArrayList<>();
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (Character.getType(cp) == Character.UNASSIGNED
          || Character.getType(cp) == Character.SURROGATE) {
        continue;
      }
      Precis.Property jdk = Precis.property(cp);
      Precis.Property icu = icuProperty(cp);
      if (jdk != icu) {
        differ.add(Integer.toHexString(cp) + " jdk=" + jdk + " icu=" + icu);
      }
    }
    assertThat(differ).isEmpty();
  }

  @Test
  void widthMapping_everyCodePoint_equalsIcuDecompositionTypes() {
    Normalizer2 nfkc = Normalizer2.getNFKCInstance();
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
        continue;
      }
      int t = UCharacter.getIntPropertyValue(cp, UProperty.DECOMPOSITION_TYPE);
      String s = new String(Character.toChars(cp));
      String expected =
          t == UCharacter.DecompositionType.WIDE || t == UCharacter.DecompositionType.NARROW
              ? nfkc.normalize(s)
              : s;
      assertThat(Precis.mapWidth(s)).as("U+%04X", cp).isEqualTo(expected);
    }
  }

  /** RFC 8264 §8 over ICU4J's character data. */
  private static Precis.Property icuProperty(int cp) {
    int[] pvalid = {0x00DF, 0x03C2, 0x06FD, 0x06FE, 0x0F0B, 0x3007};
    int[] contexto = {0x00B7, 0x0375, 0x05F3, 0x05F4, 0x30FB};
    int[] disallowed = {
      0x0640, 0x07FA, 0x302E, 0x302F, 0x3031, 0x3032, 0x3033, 0x3034, 0x3035, 0x303B
    };
    if (IntStream.of(pvalid).anyMatch(c -> c == cp)) {
      return Precis.Property.PVALID;
    }
    if (IntStream.of(contexto).anyMatch(c -> c == cp)
        || (cp >= 0x0660 && cp <= 0x0669)
        || (cp >= 0x06F0 && cp <= 0x06F9)) {
      return Precis.Property.CONTEXTO;
    }
    if (IntStream.of(disallowed).anyMatch(c -> c == cp)) {
      return Precis.Property.DISALLOWED;
    }
    int type = UCharacter.getType(cp);
    boolean nonchar = UCharacter.hasBinaryProperty(cp, UProperty.NONCHARACTER_CODE_POINT);
    if (type == UCharacter.UNASSIGNED && !nonchar) {
      return Precis.Property.UNASSIGNED;
    }
    if (cp >= 0x21 && cp <= 0x7E) {
      return Precis.Property.PVALID;
    }
    if (UCharacter.hasBinaryProperty(cp, UProperty.JOIN_CONTROL)) {
      return Precis.Property.CONTEXTJ;
    }
    int hst = UCharacter.getIntPropertyValue(cp, UProperty.HANGUL_SYLLABLE_TYPE);
    if (hst == UCharacter.HangulSyllableType.LEADING_JAMO
        || hst == UCharacter.HangulSyllableType.VOWEL_JAMO
        || hst == UCharacter.HangulSyllableType.TRAILING_JAMO) {
      return Precis.Property.DISALLOWED;
    }
    if (UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT) || nonchar) {
      return Precis.Property.DISALLOWED;
    }
    if (type == UCharacter.CONTROL) {
      return Precis.Property.DISALLOWED;
    }
    String s = new String(Character.toChars(cp));
    if (!Normalizer2.getNFKCInstance().normalize(s).equals(s)) {
      return Precis.Property.DISALLOWED;
    }
    return switch (type) {
      case UCharacter.LOWERCASE_LETTER,
          UCharacter.UPPERCASE_LETTER,
          UCharacter.OTHER_LETTER,
          UCharacter.DECIMAL_DIGIT_NUMBER,
          UCharacter.MODIFIER_LETTER,
          UCharacter.NON_SPACING_MARK,
          UCharacter.COMBINING_SPACING_MARK ->
          Precis.Property.PVALID;
      default -> Precis.Property.DISALLOWED;
    };
  }

  private static String hex(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().forEach(c -> b.append(String.format("U+%04X ", c)));
    return b.toString().trim();
  }
}
