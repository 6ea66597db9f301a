package dev.jwtsecurity.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one cookie parser of the servlet adapter: every value of a name across every {@code Cookie}
 * header, case variants of the name included, so a planted or duplicated credential makes the
 * request ambiguous instead of being ignored.
 */
class RequestCookiesTest {

  private static List<String> values(String name, String... cookieHeaders) {
    FakeHttp.Request r = new FakeHttp.Request("GET", "/");
    for (String h : cookieHeaders) {
      r.header("Cookie", h);
    }
    return RequestCookies.values(r.build(), name);
  }

  @Test
  void values_oneHeaderSeveralPairs_findsTheNamedOne() {
    assertThat(values("b", "a=1; b=2; c=3")).containsExactly("2");
    assertThat(values("d", "a=1; b=2")).isEmpty();
    assertThat(values("b")).isEmpty();
  }

  @Test
  void values_duplicatesAcrossHeadersAndCaseVariants_allCounted() {
    assertThat(values("__Host-x", "__Host-x=1", "a=2; __host-X=3")).containsExactly("1", "3");
  }

  @Test
  void values_quoteOrCommaTryingToHideASecondPair_stillSplit() {
    assertThat(values("t", "a=\"x; t=hidden\"; t=shown")).containsExactly("hidden\"", "shown");
    assertThat(values("t", "a=1, t=2")).containsExactly("2");
  }

  @Test
  void values_nameWithoutValue_countsAsEmpty() {
    assertThat(values("t", "t; a=1")).containsExactly("");
  }

  static Stream<Long> seeds() {
    return Stream.of(new Random().nextLong());
  }

  /**
   * Over generated headers made of well-formed pairs (RFC 6265 cookie-octets, names in any case,
   * any separator mix): the parser returns exactly the values of the pairs whose name equals the
   * wanted one ignoring case, in order.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void values_generatedHeaders_matchTheRfcPairsInOrder(long seed) {
    System.out.println("RequestCookiesTest seed " + seed);
    Random random = new Random(seed);
    String[] names = {
      "__Host-access_token", "__HOST-ACCESS_TOKEN", "session", "a", "__host-access_token"
    };
    String[] separators = {"; ", ";", ", ", " ;  ", ";\t"};
    for (int run = 0; run < 2_000; run++) {
      List<String> headers = new ArrayList<>();
      List<String> expected = new ArrayList<>();
      int headerCount = 1 + random.nextInt(3);
      for (int h = 0; h < headerCount; h++) {
        StringBuilder header = new StringBuilder();
        int pairs = 1 + random.nextInt(4);
        for (int p = 0; p < pairs; p++) {
          String name = names[random.nextInt(names.length)];
          String value = cookieOctets(random);
          if (p > 0) {
            header.append(separators[random.nextInt(separators.length)]);
          }
          header.append(name).append('=').append(value);
          if (name.toLowerCase(Locale.ROOT).equals("__host-access_token")) {
            expected.add(value);
          }
        }
        headers.add(header.toString());
      }

      assertThat(values(TokenCookies.ACCESS_COOKIE, headers.toArray(String[]::new)))
          .as("%s", headers)
          .containsExactlyElementsOf(expected);
    }
  }

  /** RFC 6265 §4.1.1 cookie-octets: visible ASCII except {@code " , ; \} and space. */
  private static String cookieOctets(Random random) {
    StringBuilder sb = new StringBuilder();
    int length = random.nextInt(12);
    while (sb.length() < length) {
      char c = (char) (0x21 + random.nextInt(0x7e - 0x21 + 1));
      if (c != '"' && c != ',' && c != ';' && c != '\\') {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
