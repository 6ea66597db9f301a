package dev.jwtsecurity.login;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;

/**
 * The confusable skeleton of Unicode Technical Standard #39 §4: {@code skeleton(X) =
 * NFD(map(NFD(X)))} where {@code map} replaces each code point by its prototype from the
 * confusables data. Two strings are confusable when their skeletons are equal.
 *
 * <p>The prototypes are the committed resource {@code confusables.txt} next to this class, one line
 * per code point ({@code <code point> <prototype code points>}, hexadecimal), generated from
 * ICU4J's confusables data by the test {@code UsernameSkeletonTableGenerator}; a test proves that
 * this implementation gives ICU4J's {@code SpoofChecker.getSkeleton} for every code point the
 * username profile allows. Each prototype is stored already in NFD, which leaves the result
 * unchanged.
 */
final class ConfusableSkeleton {

  static final String RESOURCE = "confusables.txt";

  private static final Map<Integer, String> PROTOTYPES = load();

  private ConfusableSkeleton() {}

  /** The UTS #39 skeleton of {@code s}. */
  static String of(String s) {
    String nfd = Normalizer.normalize(s, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(nfd.length() + 8);
    boolean mapped = false;
    for (int i = 0; i < nfd.length(); ) {
      int cp = nfd.codePointAt(i);
      String prototype = PROTOTYPES.get(cp);
      if (prototype != null) {
        out.append(prototype);
        mapped = true;
      } else {
        out.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    return mapped ? Normalizer.normalize(out, Normalizer.Form.NFD) : nfd;
  }

  /** How many code points have a prototype; for the tests. */
  static int size() {
    return PROTOTYPES.size();
  }

  private static Map<Integer, String> load() {
    Map<Integer, String> m = new HashMap<>(16_384);
    try (InputStream in = ConfusableSkeleton.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jwt-security-core jar");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isEmpty() || line.charAt(0) == '#') {
          continue;
        }
        // A code point without prototype (an invisible one) maps to nothing.
        int space = line.indexOf(' ');
        int cp = Integer.parseInt(line, 0, space < 0 ? line.length() : space, 16);
        StringBuilder prototype = new StringBuilder();
        while (space >= 0) {
          int next = line.indexOf(' ', space + 1);
          int end = next < 0 ? line.length() : next;
          prototype.appendCodePoint(Integer.parseInt(line, space + 1, end, 16));
          space = next;
        }
        m.put(cp, prototype.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(m);
  }
}
