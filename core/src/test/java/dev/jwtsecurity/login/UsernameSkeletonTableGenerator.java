package dev.jwtsecurity.login;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes core's committed confusables table ({@code confusables.txt}) from ICU4J's UTS #39 data:
 * for every code point that is its own NFD, the NFD skeleton ICU4J gives it, when it differs.
 *
 * <p>Run from the repository root after an ICU4J update, then commit the file:
 *
 * <pre>
 * ./mvnw -B -q -pl core test-compile
 * java -cp "core/target/test-classes:$(ls ~/.m2/repository/com/ibm/icu/icu4j/*&#47;icu4j-*.jar | tail -1)" \
 *     dev.jwtsecurity.login.UsernameSkeletonTableGenerator core/src/main/resources/dev/jwtsecurity/login/confusables.txt
 * </pre>
 *
 * {@code UsernameSkeletonIcuTest} fails while the committed file differs from what this writes.
 */
public final class UsernameSkeletonTableGenerator {

  private UsernameSkeletonTableGenerator() {}

  public static void main(String[] args) throws IOException {
    Files.writeString(Path.of(args[0]), table(), StandardCharsets.US_ASCII);
  }

  static String table() {
    SpoofChecker spoof = new SpoofChecker.Builder().build();
    Normalizer2 nfd = Normalizer2.getNFDInstance();
    StringBuilder out = new StringBuilder();
    out.append("# UTS #39 confusable prototypes, generated from ICU4J ")
        .append(com.ibm.icu.util.VersionInfo.ICU_VERSION)
        .append(" (Unicode ")
        .append(UCharacter.getUnicodeVersion())
        .append(") by UsernameSkeletonTableGenerator; do not edit.\n")
        .append("# <code point> <prototype code points, in NFD>, hexadecimal.\n");
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
        continue;
      }
      String s = new String(Character.toChars(cp));
      if (!nfd.isNormalized(s)) {
        continue;
      }
      @SuppressWarnings("deprecation")
      String skeleton = spoof.getSkeleton(SpoofChecker.ANY_CASE, s);
      if (skeleton.equals(s)) {
        continue;
      }
      out.append(hex(cp));
      skeleton.codePoints().forEach(c -> out.append(' ').append(hex(c)));
      out.append('\n');
    }
    return out.toString();
  }

  private static String hex(int cp) {
    return String.format(Locale.ROOT, "%04X", cp);
  }
}
