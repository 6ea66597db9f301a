package dev.jwtsecurity.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Properties of the username profile over generated names (seeded; the seed is printed so a failure
 * can be replayed).
 */
class UsernamePropertyTest {

  private static final int RUNS = 5_000;
  private static long seed;

  /** Latin letters and the Cyrillic and Greek letters UTS #39 gives them as prototype. */
  private static final String LATIN = "acehijopsxy";

  private static final String[] LOOK_ALIKES = {
    "\u0430", "\u0441", "\u0435", "\u04BB", "\u0456", "\u0458", "\u043E", "\u0440", "\u0455",
    "\u0445", "\u0443"
  };

  @BeforeAll
  static void seed() {
    seed = new Random().nextLong();
    System.out.println("UsernamePropertyTest seed=" + seed);
  }

  private static String randomText(Random r) {
    StringBuilder b = new StringBuilder();
    int len = r.nextInt(12);
    for (int k = 0; k < len; k++) {
      switch (r.nextInt(6)) {
        case 0 -> b.append((char) (0x21 + r.nextInt(0x5E))); // printable ASCII
        case 1 -> b.append((char) (0xC0 + r.nextInt(0x180))); // Latin-1, Latin Extended
        case 2 -> b.append((char) (0x0370 + r.nextInt(0x190))); // Greek, Cyrillic
        case 3 -> b.append((char) (0x0300 + r.nextInt(0x70))); // combining marks
        case 4 -> b.append((char) (0xFF01 + r.nextInt(0x5E))); // full-width ASCII
        default -> b.appendCodePoint(r.nextInt(Character.MAX_CODE_POINT + 1)); // anything
      }
    }
    return b.toString();
  }

  private static String asciiName(Random r) {
    StringBuilder b = new StringBuilder();
    int len = 1 + r.nextInt(16);
    for (int k = 0; k < len; k++) {
      b.append((char) ('a' + r.nextInt(26)));
    }
    return b.toString();
  }

  @Test
  void of_anyText_isRefusedWithAReasonOrGivesANameThatNormalisesToItself() throws Exception {
    Random r = new Random(seed);
    for (int n = 0; n < RUNS; n++) {
      String raw = randomText(r);
      Optional<Username> u = Username.parse(raw);
      if (u.isPresent()) {
        Username again = Username.of(u.get().value());
        assertThat(again.value()).as("seed %d input %s", seed, raw).isEqualTo(u.get().value());
        assertThat(again.skeleton()).isEqualTo(u.get().skeleton());
        assertThat(u.get().value().codePointCount(0, u.get().value().length()))
            .isBetween(1, Username.MAX_CODE_POINTS);
        assertThat(u.get().value().codePoints())
            .noneMatch(Character::isWhitespace)
            .noneMatch(Character::isISOControl);
      }
    }
  }

  @Test
  void skeleton_isIdempotent() throws Exception {
    Random r = new Random(seed);
    for (int n = 0; n < RUNS; n++) {
      Optional<Username> u = Username.parse(randomText(r));
      if (u.isPresent()) {
        String s = u.get().skeleton();
        assertThat(Username.skeletonOf(s)).as("seed %d", seed).isEqualTo(s);
      }
    }
  }

  @Test
  void of_caseAndWidthVariants_areTheSameName() throws Exception {
    Random r = new Random(seed);
    for (int n = 0; n < RUNS; n++) {
      String name = asciiName(r);
      StringBuilder variant = new StringBuilder();
      for (int k = 0; k < name.length(); k++) {
        char c = name.charAt(k);
        switch (r.nextInt(3)) {
          case 0 -> variant.append(Character.toUpperCase(c));
          case 1 -> variant.append((char) (c - 'a' + 0xFF41)); // full-width
          default -> variant.append(c);
        }
      }
      assertThat(Username.of(variant).value()).as("seed %d", seed).isEqualTo(name);
      assertThat(Username.of(name.toUpperCase(Locale.ROOT)).value()).isEqualTo(name);
    }
  }

  @Test
  void skeleton_ofAConfusableVariant_equalsTheOriginals() throws Exception {
    Random r = new Random(seed);
    for (int n = 0; n < RUNS; n++) {
      StringBuilder original = new StringBuilder();
      StringBuilder spoof = new StringBuilder();
      int len = 2 + r.nextInt(12);
      for (int k = 0; k < len; k++) {
        int i = r.nextInt(LATIN.length());
        original.append(LATIN.charAt(i));
        spoof.append(r.nextBoolean() ? LOOK_ALIKES[i] : String.valueOf(LATIN.charAt(i)));
      }
      assertThat(Username.of(spoof).skeleton())
          .as("seed %d: %s vs %s", seed, spoof, original)
          .isEqualTo(Username.of(original).skeleton());
    }
  }

  @Test
  void skeleton_ofDifferentAsciiNamesWithoutLookAlikeLetters_differ() throws Exception {
    // Letters with no ASCII look-alike among themselves: different names, different skeletons.
    String letters = "abcefghjkpqstuvxyz";
    Random r = new Random(seed);
    for (int n = 0; n < RUNS; n++) {
      StringBuilder a = new StringBuilder();
      StringBuilder b = new StringBuilder();
      int len = 1 + r.nextInt(10);
      for (int k = 0; k < len; k++) {
        a.append(letters.charAt(r.nextInt(letters.length())));
        b.append(letters.charAt(r.nextInt(letters.length())));
      }
      if (!a.toString().contentEquals(b)) {
        assertThat(Username.of(a).skeleton())
            .as("seed %d", seed)
            .isNotEqualTo(Username.of(b).skeleton());
      }
    }
  }
}
