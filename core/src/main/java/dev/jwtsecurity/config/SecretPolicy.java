package dev.jwtsecurity.config;

import dev.jwtsecurity.token.Algorithm;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The rules behind {@link Secret#problemsFor} and {@link Secret#estimatedEntropyBits()}, which
 * {@link JwtSettings} enforces at start-up.
 *
 * <p>A secret is refused when it is shorter, in bytes, than the algorithm's hash output (RFC 7518
 * §3.2); starts or ends with whitespace (usually a stray newline from a file, which makes instances
 * disagree); contains a known placeholder or is only a common word repeated to pad its length; or
 * its estimated entropy is below {@value #MIN_ENTROPY_BITS} bits.
 *
 * <p>The estimate is the cheapest description of the secret as a sequence of pieces, a simplified
 * version of zxcvbn's pattern matching (Wheeler, USENIX Security 2016), computed by dynamic
 * programming over the first {@value #MAX_ASSESSED_CHARS} characters: a random character costs log2
 * of the alphabet (16 for all-hex, 64 for all-base64, otherwise the sum of the classes present);
 * runs, sequences with a constant step, keyboard walks, repeats of an earlier part, dictionary
 * words (with common substitutions) and years cost little; ordinary words standing between
 * separators cost {@value #WORD_BITS} bits each when they make up at least half of the secret, so
 * phrases are refused unless very long. The estimate never exceeds 8 bits per byte. {@value
 * #MIN_ENTROPY_BITS} is "about 256" on purpose: random strings contain short patterns by chance (in
 * 100,000 random 256-bit keys the worst lost 35 bits), and the allowance keeps {@code jwt-security
 * keygen} output and hex keys always accepted, while human-made secrets score far lower (phrases
 * 100-200, padded words under 60).
 *
 * <p>A secret that is not well-formed UTF-8, or holds control characters, is a key made of bytes,
 * not text: it is judged one byte per symbol over the byte classes it uses (all 256 values for a
 * random key), the placeholder rule looks only at runs of printable ASCII in it, and the whitespace
 * rule does not apply. In 1,000,000 random 32-byte keys the worst scored 228.
 */
final class SecretPolicy {

  /** The smallest accepted entropy estimate, in bits. */
  static final int MIN_ENTROPY_BITS = Secret.MIN_ENTROPY_BITS;

  /**
   * How many leading characters the estimator looks at; longer secrets are judged by this prefix.
   */
  static final int MAX_ASSESSED_CHARS = 512;

  static final int WORD_BITS = 11;

  /**
   * Longest repeat matched in one piece; longer repeats are chains of pieces (keeps the estimator
   * O(n^2)).
   */
  private static final int MAX_REPEAT = 32;

  private static final String KEYGEN_HINT = "generate one with `jwt-security keygen`";

  /** The kinds of pattern the estimator recognises; named in refusals. */
  enum Pattern {
    REPEAT_RUN("repeated characters"),
    SEQUENCE("a sequence such as abc or 123"),
    KEYBOARD("a keyboard pattern such as qwerty"),
    REPEAT("a repeated part"),
    DICTIONARY("common passwords or dictionary words"),
    YEAR("a year"),
    WORD("ordinary words, like a phrase");

    final String description;

    Pattern(String description) {
      this.description = description;
    }
  }

  private SecretPolicy() {}

  static SecretAssessment assess(Secret secret, Algorithm algorithm) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(algorithm, "algorithm");
    if (!algorithm.isHmac()) {
      throw new IllegalArgumentException(
          algorithm.jwsName() + " does not use a shared secret; use a private JWK");
    }
    byte[] bytes = secret.bytes();
    try {
      return assess(bytes, algorithm);
    } finally {
      java.util.Arrays.fill(bytes, (byte) 0);
    }
  }

  private static SecretAssessment assess(byte[] bytes, Algorithm algorithm) {
    List<String> problems = new ArrayList<>();
    if (bytes.length == 0) {
      problems.add("the secret is empty; " + KEYGEN_HINT);
      return new SecretAssessment(false, 0, problems);
    }
    if (bytes.length < algorithm.minSecretBytes()) {
      problems.add(
          "the secret is "
              + bytes.length
              + " bytes; "
              + algorithm.jwsName()
              + " needs at least "
              + algorithm.minSecretBytes()
              + " bytes (UTF-8); "
              + KEYGEN_HINT);
    }
    String text = decodeText(bytes);
    if (text != null
        && !text.isEmpty()
        && (isSpace(text.charAt(0)) || isSpace(text.charAt(text.length() - 1)))) {
      // Only text has stray newlines; a key made of bytes may start or end with any byte value.
      problems.add(
          "the secret starts or ends with whitespace (often a stray newline from a file); remove it");
    }
    // Not UTF-8, or with control characters, so not typed or pasted text: a key made of bytes
    // (Secret.of). Each byte is one symbol: decoding it as text would fold every malformed byte
    // into the same U+FFFD and several bytes into one character, pricing a random key far below
    // its 8 bits per byte.
    boolean binary = text == null || hasControl(text);
    if (binary) {
      text = new String(bytes, StandardCharsets.ISO_8859_1);
    }
    if (binary ? containsPlaceholderText(text) : isPlaceholder(text)) {
      problems.add("the secret is a known placeholder or example value; " + KEYGEN_HINT);
    }
    Estimate estimate = binary ? estimateBytes(text, bytes.length) : estimate(text, bytes.length);
    if (estimate.bits < MIN_ENTROPY_BITS) {
      StringBuilder why =
          new StringBuilder("the secret's estimated entropy is about ")
              .append(estimate.bits)
              .append(" bits, below the ")
              .append(MIN_ENTROPY_BITS)
              .append(" required");
      if (!estimate.patterns.isEmpty()) {
        why.append("; it contains ");
        int i = 0;
        for (Pattern p : estimate.patterns) {
          why.append(i++ == 0 ? "" : ", ").append(p.description);
        }
      }
      why.append("; ").append(KEYGEN_HINT);
      problems.add(why.toString());
    }
    return new SecretAssessment(problems.isEmpty(), estimate.bits, problems);
  }

  /** Decodes well-formed UTF-8; returns null for anything else (a key made of bytes). */
  private static String decodeText(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static boolean hasControl(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  // --- placeholders
  // ---------------------------------------------------------------------------------------------

  /** Phrases refused wherever they appear (compared on lower-case letters and digits only). */
  private static final List<String> PLACEHOLDER_PHRASES =
      List.of(
          "yourverylongrandomsecretkeyhere",
          "verylongrandomsecret",
          "randomsecretkey",
          "secretkeyhere",
          "changeme",
          "changethis",
          "changeit",
          "replaceme",
          "replacethis",
          "yoursecret",
          "yourkey",
          "yourjwtsecret",
          "insertsecret",
          "insertkey",
          "putyoursecret",
          "placeholder",
          "example",
          "dummysecret",
          "mysecretkey",
          "supersecret",
          "topsecret",
          "notasecret",
          "notsecret",
          "defaultsecret",
          "secretkey",
          "jwtsecret",
          "testsecret",
          "xxxxxxxx");

  /** Words refused when the secret is nothing but repetitions of them (and digits). */
  private static final List<String> PADDING_WORDS =
      List.of(
          "secret",
          "password",
          "passwd",
          "default",
          "test",
          "admin",
          "token",
          "jwt",
          "key",
          "qwerty",
          "letmein");

  static boolean isPlaceholder(String text) {
    String n = alnumLower(text);
    for (String p : PLACEHOLDER_PHRASES) {
      if (n.contains(p)) {
        return true;
      }
    }
    String letters = n.replaceAll("[0-9]", "");
    for (String w : PADDING_WORDS) {
      if (!letters.isEmpty() && letters.replace(w, "").isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a key made of bytes holds placeholder text: a run of at least 8 printable ASCII
   * characters that {@link #isPlaceholder} refuses. Judging the whole key would read the few
   * letters scattered among random bytes as a word ("key", "jwt") and refuse a random key.
   */
  static boolean containsPlaceholderText(String latin1) {
    int start = 0;
    for (int i = 0; i <= latin1.length(); i++) {
      boolean printable =
          i < latin1.length() && latin1.charAt(i) >= 0x20 && latin1.charAt(i) < 0x7f;
      if (!printable) {
        if (i - start >= 8 && isPlaceholder(latin1.substring(start, i))) {
          return true;
        }
        start = i + 1;
      }
    }
    return false;
  }

  private static String alnumLower(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    String lower = text.toLowerCase(Locale.ROOT);
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  // --- the estimator
  // ----------------------------------------------------------------------------------------------

  /** The estimate and the patterns on its cheapest path. */
  static final class Estimate {
    final int bits;
    final Set<Pattern> patterns;

    Estimate(int bits, Set<Pattern> patterns) {
      this.bits = bits;
      this.patterns = patterns;
    }
  }

  private static final String[] KEYBOARD_ROWS = {
    "1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./"
  };
  private static final String KEYBOARD_SHIFTED = "!@#$%^&*()_+QWERTYUIOP{}|ASDFGHJKL:\"ZXCVBNM<>?";
  private static final String KEYBOARD_PLAIN = "1234567890-=qwertyuiop[]\\asdfghjkl;'zxcvbnm,./";

  static Estimate estimate(String text, int byteLength) {
    return estimate(text, byteLength, false);
  }

  /**
   * Estimates a key that is not UTF-8 text, given one character per byte (ISO-8859-1). A random
   * byte costs log2 of the byte classes present ({@link #byteAlphabetSize}: 256 when all are), so a
   * random key of n bytes scores close to 8n bits; the same patterns as for text (runs, steps,
   * repeats, words typed in ASCII) still make a made-up byte key cheap.
   */
  static Estimate estimateBytes(String latin1, int byteLength) {
    return estimate(latin1, byteLength, true);
  }

  private static Estimate estimate(String text, int byteLength, boolean binary) {
    String s = text.length() > MAX_ASSESSED_CHARS ? text.substring(0, MAX_ASSESSED_CHARS) : text;
    int n = s.length();
    double charBits = log2(binary ? byteAlphabetSize(s) : alphabetSize(s));
    String plain = s.toLowerCase(Locale.ROOT);
    String leet1 = unleet(plain, 'i');
    String leet2 = unleet(plain, 'l');
    boolean phrase = phraseShaped(s);
    double[] best = new double[n + 1];
    int[] from = new int[n + 1];
    Pattern[] via = new Pattern[n + 1];
    java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
    best[0] = 0;
    for (int i = 0; i < n; i++) {
      double base = best[i];
      if (Double.isInfinite(base)) {
        continue;
      }
      relax(best, from, via, i, i + 1, base + charBits, null);
      // runs of one character
      int run = 1;
      while (i + run < n && s.charAt(i + run) == s.charAt(i)) {
        run++;
      }
      for (int len = 4; len <= run; len++) {
        relax(best, from, via, i, i + len, base + charBits + log2(len), Pattern.REPEAT_RUN);
      }
      // sequences with a constant step of +-1 or +-2
      if (i + 3 < n) {
        int d = s.charAt(i + 1) - s.charAt(i);
        if (d != 0 && Math.abs(d) <= 2) {
          int len = 2;
          while (i + len < n && s.charAt(i + len) - s.charAt(i + len - 1) == d) {
            len++;
          }
          for (int l = 4; l <= len; l++) {
            relax(best, from, via, i, i + l, base + charBits + 1 + log2(l), Pattern.SEQUENCE);
          }
        }
      }
      // keyboard walks
      int walk = 1;
      while (i + walk < n && adjacentKeys(s.charAt(i + walk - 1), s.charAt(i + walk))) {
        walk++;
      }
      for (int l = 5; l <= walk; l++) {
        relax(best, from, via, i, i + l, base + charBits + 2 + log2(l), Pattern.KEYBOARD);
      }
      // repeats of an earlier part (LZ77-style)
      int longest = 0;
      for (int j = 0; j < i && longest < MAX_REPEAT; j++) {
        int l = 0;
        while (l < MAX_REPEAT && i + l < n && s.charAt(j + l) == s.charAt(i + l)) {
          l++;
        }
        longest = Math.max(longest, l);
      }
      for (int l = 5; l <= longest; l++) {
        relax(best, from, via, i, i + l, base + Math.max(1, log2(i)) + log2(l), Pattern.REPEAT);
      }
      // dictionary words
      for (int l = Dictionary.MIN_LENGTH; l <= Math.min(Dictionary.MAX_LENGTH, n - i); l++) {
        boolean exact = Dictionary.contains(plain, i, l);
        boolean leet =
            !exact && (Dictionary.contains(leet1, i, l) || Dictionary.contains(leet2, i, l));
        if (exact || leet) {
          double cost =
              base
                  + log2(Dictionary.size())
                  + (s.regionMatches(i, plain, i, l) ? 0 : 1)
                  + (leet ? 1 : 0);
          relax(best, from, via, i, i + l, cost, Pattern.DICTIONARY);
        }
      }
      // years
      if (i + 4 <= n
          && isYear(s, i)
          && (i == 0 || !isDigit(s.charAt(i - 1)))
          && (i + 4 == n || !isDigit(s.charAt(i + 4)))) {
        relax(best, from, via, i, i + 4, base + 8, Pattern.YEAR);
      }
      // ordinary words between separators
      if (phrase && (i == 0 || isSeparator(s.charAt(i - 1)))) {
        int end = i;
        while (end < n && isAsciiLetter(s.charAt(end))) {
          end++;
        }
        int len = end - i;
        if (len >= 3
            && len <= 20
            && (end == n || isSeparator(s.charAt(end)))
            && naturalWord(s, i, end)) {
          int consumed = end < n ? end + 1 : end;
          double cost = base + WORD_BITS + (Character.isUpperCase(s.charAt(i)) ? 1 : 0);
          relax(best, from, via, i, consumed, cost, Pattern.WORD);
        }
      }
    }
    Set<Pattern> patterns = EnumSet.noneOf(Pattern.class);
    for (int k = n; k > 0; k = from[k]) {
      if (via[k] != null) {
        patterns.add(via[k]);
      }
    }
    double bits = best[n];
    if (text.length() > n) {
      // The prefix judged the secret; the rest is counted at the same rate as the prefix,
      // pattern-free.
      bits += (text.length() - n) * charBits;
    }
    bits = Math.min(bits, 8.0 * byteLength);
    return new Estimate((int) Math.floor(bits), patterns);
  }

  private static void relax(
      double[] best, int[] from, Pattern[] via, int i, int j, double cost, Pattern p) {
    if (j < best.length && cost < best[j]) {
      best[j] = cost;
      from[j] = i;
      via[j] = p;
    }
  }

  static int alphabetSize(String s) {
    boolean lower = false;
    boolean upper = false;
    boolean digit = false;
    boolean symbol = false;
    boolean other = false;
    boolean hex = !s.isEmpty();
    boolean base64 = !s.isEmpty();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean isLower = c >= 'a' && c <= 'z';
      boolean isUpper = c >= 'A' && c <= 'Z';
      boolean isDigit = c >= '0' && c <= '9';
      lower |= isLower;
      upper |= isUpper;
      digit |= isDigit;
      boolean ascii = c >= 0x20 && c < 0x7f;
      symbol |= ascii && !isLower && !isUpper && !isDigit;
      other |= !ascii;
      hex &= isDigit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      base64 &=
          isLower || isUpper || isDigit || c == '-' || c == '_' || c == '+' || c == '/' || c == '=';
    }
    if (hex && !(lower && upper)) {
      return 16;
    }
    if (base64) {
      return 64;
    }
    return (lower ? 26 : 0)
        + (upper ? 26 : 0)
        + (digit ? 10 : 0)
        + (symbol ? 33 : 0)
        + (other ? 100 : 0);
  }

  /**
   * The alphabet of a byte key: the sum of the byte classes it uses, sized like the text classes
   * (26 lower, 26 upper, 10 digits, 33 ASCII symbols and space) plus 33 control bytes and 128 bytes
   * above ASCII, so a key using every class has all 256 values. A random key misses a class by
   * chance only rarely and then loses little (no high byte in 32 random bytes has probability 2^-32
   * and still leaves 7 bits per byte); a key of small numbers (0/1, 0..9) costs 5 bits per byte or
   * less.
   */
  static int byteAlphabetSize(String latin1) {
    boolean lower = false;
    boolean upper = false;
    boolean digit = false;
    boolean symbol = false;
    boolean control = false;
    boolean high = false;
    for (int i = 0; i < latin1.length(); i++) {
      char c = latin1.charAt(i);
      boolean isLower = c >= 'a' && c <= 'z';
      boolean isUpper = c >= 'A' && c <= 'Z';
      boolean isDigit = c >= '0' && c <= '9';
      lower |= isLower;
      upper |= isUpper;
      digit |= isDigit;
      symbol |= c >= 0x20 && c < 0x7f && !isLower && !isUpper && !isDigit;
      control |= c < 0x20 || c == 0x7f;
      high |= c >= 0x80;
    }
    return (lower ? 26 : 0)
        + (upper ? 26 : 0)
        + (digit ? 10 : 0)
        + (symbol ? 33 : 0)
        + (control ? 33 : 0)
        + (high ? 128 : 0);
  }

  private static boolean adjacentKeys(char a, char b) {
    // A walk is typed without toggling shift between keys; mixed case is what random strings look
    // like.
    if ((KEYBOARD_SHIFTED.indexOf(a) >= 0) != (KEYBOARD_SHIFTED.indexOf(b) >= 0)) {
      return false;
    }
    int[] pa = keyPosition(a);
    int[] pb = keyPosition(b);
    if (pa == null || pb == null) {
      return false;
    }
    int dr = pb[0] - pa[0];
    int dc = pb[1] - pa[1];
    if (dr == 0) {
      return Math.abs(dc) == 1;
    }
    // Staggered rows: a key touches the two keys below it (same column and one to the left) and
    // above it.
    return (dr == 1 && (dc == 0 || dc == -1)) || (dr == -1 && (dc == 0 || dc == 1));
  }

  private static int[] keyPosition(char c) {
    int shifted = KEYBOARD_SHIFTED.indexOf(c);
    char k = shifted >= 0 ? KEYBOARD_PLAIN.charAt(shifted) : c;
    for (int r = 0; r < KEYBOARD_ROWS.length; r++) {
      int col = KEYBOARD_ROWS[r].indexOf(k);
      if (col >= 0) {
        return new int[] {r, col};
      }
    }
    return null;
  }

  private static String unleet(String s, char one) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(
          switch (c) {
            case '0' -> 'o';
            case '1', '!', '|' -> one;
            case '3' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '7', '+' -> 't';
            case '8' -> 'b';
            case '9' -> 'g';
            default -> c;
          });
    }
    return sb.toString();
  }

  private static boolean isYear(String s, int i) {
    for (int k = 0; k < 4; k++) {
      char c = s.charAt(i + k);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return s.startsWith("19", i) || s.startsWith("20", i);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * Whether at least half of the characters are in word-shaped tokens: the ordinary-word rule
   * applies only then.
   */
  static boolean phraseShaped(String s) {
    int covered = 0;
    int i = 0;
    int n = s.length();
    while (i < n) {
      if (i == 0 || isSeparator(s.charAt(i - 1))) {
        int end = i;
        while (end < n && isAsciiLetter(s.charAt(end))) {
          end++;
        }
        int len = end - i;
        if (len >= 3
            && len <= 20
            && (end == n || isSeparator(s.charAt(end)))
            && naturalWord(s, i, end)) {
          covered += len + (end < n ? 1 : 0);
          i = end + 1;
          continue;
        }
      }
      i++;
    }
    return covered * 2 >= n;
  }

  private static boolean isSeparator(char c) {
    return c == ' ' || c == '-' || c == '_' || c == '.';
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** Lower case, Capitalised or ALL CAPS, with a vowel: how people write words. */
  private static boolean naturalWord(String s, int start, int end) {
    boolean vowel = false;
    boolean lowerSeen = false;
    boolean upperAfterFirst = false;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      vowel |= "aeiouyAEIOUY".indexOf(c) >= 0;
      if (Character.isLowerCase(c)) {
        lowerSeen = true;
      } else if (i > start) {
        upperAfterFirst = true;
      }
    }
    boolean natural = !upperAfterFirst || !lowerSeen;
    return vowel && natural;
  }

  static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  static String keygenHint() {
    return KEYGEN_HINT;
  }
}
