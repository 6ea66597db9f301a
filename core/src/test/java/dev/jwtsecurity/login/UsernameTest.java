package dev.jwtsecurity.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsecurity.login.InvalidUsernameException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The username profile, one fixed case per class of look-alike and per rule of the profile. */
class UsernameTest {

  private static Username name(String raw) throws InvalidUsernameException {
    return Username.of(raw);
  }

  private static Reason refusal(String raw) {
    try {
      Username.of(raw);
      throw new AssertionError("accepted: " + raw);
    } catch (InvalidUsernameException e) {
      return e.reason();
    }
  }

  @Test
  void of_caseAndSurroundingSpace_mapToOneName() throws Exception {
    assertThat(name("  Victim ").value()).isEqualTo("victim");
    assertThat(name("VICTIM").value()).isEqualTo("victim");
  }

  @Test
  void of_fullWidthAndHalfWidthForms_mapToTheOrdinaryName() throws Exception {
    assertThat(name("\uFF56\uFF49\uFF43\uFF54\uFF49\uFF4D").value()).isEqualTo("victim"); // ｖｉｃｔｉｍ
    assertThat(name("\uFF36ICTIM").value()).isEqualTo("victim"); // full-width capital V
    assertThat(name("\uFF76\uFF85").value()).isEqualTo("\u30AB\u30CA"); // half-width katakana
  }

  @Test
  void of_cyrillicLookAlike_isAValidNameWithTheOriginalsSkeleton() throws Exception {
    Username cyrillic = name("v\u0456ctim"); // Cyrillic і
    assertThat(cyrillic.value()).isNotEqualTo("victim");
    assertThat(cyrillic.skeleton()).isEqualTo(name("victim").skeleton());
    assertThat(name("\u0430lice").skeleton()).isEqualTo(name("alice").skeleton()); // Cyrillic а
    assertThat(name("\u0440\u0430y\u0440\u0430l").skeleton()) // Cyrillic р, а
        .isEqualTo(name("paypal").skeleton());
    assertThat(name("b\u03BFb").skeleton()).isEqualTo(name("bob").skeleton()); // Greek ο
  }

  @Test
  void of_asciiLookAlikes_shareTheSkeleton() throws Exception {
    assertThat(name("rnallory").skeleton()).isEqualTo(name("mallory").skeleton());
    assertThat(name("b0b").skeleton()).isEqualTo(name("bob").skeleton());
    assertThat(name("a1ice").skeleton()).isEqualTo(name("alice").skeleton());
    assertThat(name("alice").skeleton()).isNotEqualTo(name("alicia").skeleton());
  }

  @Test
  void of_ligaturesAndCompatibilityForms_areRefused() {
    assertThat(refusal("\uFB01le")).isEqualTo(Reason.DISALLOWED_CHARACTER); // ﬁ
    assertThat(refusal("o\uFB00ice")).isEqualTo(Reason.DISALLOWED_CHARACTER); // ﬀ
    assertThat(refusal("\u2460alice")).isEqualTo(Reason.DISALLOWED_CHARACTER); // ①
    assertThat(refusal("alice\u00B2")).isEqualTo(Reason.DISALLOWED_CHARACTER); // ²
    assertThat(refusal("\u01C6ordje")).isEqualTo(Reason.DISALLOWED_CHARACTER); // ǆ
  }

  @Test
  void of_sharpSAndLongS_sharpSKeepsItsSkeletonWithSsAndLongSIsRefused() throws Exception {
    assertThat(name("Stra\u00DFe").value()).isEqualTo("stra\u00DFe");
    assertThat(name("STRA\u1E9EE").value()).isEqualTo("stra\u00DFe"); // capital sharp s
    assertThat(name("stra\u00DFe").skeleton()).isEqualTo(name("strasse").skeleton());
    assertThat(refusal("\u017Ftrasse")).isEqualTo(Reason.DISALLOWED_CHARACTER); // ſ
    assertThat(refusal("victim\u017F")).isEqualTo(Reason.DISALLOWED_CHARACTER);
  }

  @Test
  void of_decomposedInput_isComposed() throws Exception {
    assertThat(name("Ame\u0301lie").value()).isEqualTo("am\u00E9lie");
    assertThat(name("Ame\u0301lie").skeleton()).isEqualTo(name("Am\u00E9lie").skeleton());
  }

  @Test
  void of_localeIndependentLowerCase() throws Exception {
    assertThat(name("TITLE").value()).isEqualTo("title"); // never the Turkish dotless ı
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "'', EMPTY",
    "'   ', EMPTY",
    "'john smith', DISALLOWED_CHARACTER",
    "'vic\u200Btim', DISALLOWED_CHARACTER",
    "'vic\u200Dtim', DISALLOWED_CHARACTER",
    "'vic\u00ADtim', DISALLOWED_CHARACTER",
    "'vic\u0000tim', DISALLOWED_CHARACTER",
    "'vic\u202Etim', DISALLOWED_CHARACTER",
    "'\u1F88a', DISALLOWED_CHARACTER",
    "'\u1100\u1161', DISALLOWED_CHARACTER",
    "'a\u00B7b', CONTEXT_RULE",
    "'\u0661\u06F1', CONTEXT_RULE",
    "'abc\u05E9\u05DC\u05D5\u05DD', DIRECTIONALITY",
    "'1\u05E9\u05DC\u05D5\u05DD', DIRECTIONALITY",
    "'\u0378x', UNASSIGNED_CHARACTER",
  })
  void of_whatTheProfileRefuses_isRefusedWithTheReason(String raw, Reason reason) {
    assertThat(refusal(raw)).isEqualTo(reason);
  }

  @Test
  void of_emojiAndLoneSurrogates_areRefused() {
    assertThat(refusal("alice" + new String(Character.toChars(0x1F600))))
        .isEqualTo(Reason.DISALLOWED_CHARACTER);
    assertThat(refusal("vic" + (char) 0xD800 + "tim")).isEqualTo(Reason.DISALLOWED_CHARACTER);
  }

  @Test
  void of_contextualAndRightToLeftNames_thatTheProfileAllows() throws Exception {
    assertThat(name("col\u00B7lega").value()).isEqualTo("col\u00B7lega");
    assertThat(name("\u05E9\u05DC\u05D5\u05DD").value()).isEqualTo("\u05E9\u05DC\u05D5\u05DD");
    assertThat(name("\u05E9\u05DC\u05D5\u05DD1").value()).endsWith("1");
    assertThat(name("user.name+tag@example.com").value()).isEqualTo("user.name+tag@example.com");
  }

  @Test
  void of_length_isCountedInCodePoints() throws Exception {
    String emoji =
        new String(Character.toChars(0x10437)); // DESERET SMALL LETTER YEE, outside the BMP
    assertThat(name(emoji.repeat(Username.MAX_CODE_POINTS)).value())
        .hasSize(2 * Username.MAX_CODE_POINTS);
    assertThat(refusal(emoji.repeat(Username.MAX_CODE_POINTS + 1))).isEqualTo(Reason.TOO_LONG);
    assertThat(refusal("a".repeat(Username.MAX_CODE_POINTS + 1))).isEqualTo(Reason.TOO_LONG);
    assertThat(refusal("a".repeat(100_000))).isEqualTo(Reason.TOO_LONG);
  }

  @Test
  void exception_message_isFixedPerReasonAndNeverTheInput() {
    InvalidUsernameException e = new InvalidUsernameException(Reason.DISALLOWED_CHARACTER);
    assertThat(e.getMessage()).isEqualTo(Reason.DISALLOWED_CHARACTER.message());
    assertThat(e.getStackTrace()).isEmpty();
  }

  @Test
  void parse_refusedOrNull_isEmpty() {
    assertThat(Username.parse(null)).isEmpty();
    assertThat(Username.parse("\uFB01le")).isEmpty();
    assertThat(Username.parse(" Bob ")).map(Username::value).contains("bob");
  }

  @Test
  void normalizeUsername_isTheProfile() {
    assertThat(UserCredentialsLookup.normalizeUsername("\uFF56ictim")).contains("victim");
    assertThat(UserCredentialsLookup.normalizeUsername("\uFB01le")).isEmpty();
  }
}
