package dev.jwtsecurity.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThrottleKeyTest {

  @ParameterizedTest
  @CsvSource({
    "192.0.2.1, ip4:192.0.2.1",
    "' 192.0.2.1 ', ip4:192.0.2.1",
    "::ffff:192.0.2.1, ip4:192.0.2.1",
    "[::ffff:c000:201], ip4:192.0.2.1",
    "2001:db8:1:2:3:4:5:6, ip6:2001:db8:1:2::/64",
    "2001:DB8:1:2:ffff:ffff:ffff:ffff, ip6:2001:db8:1:2::/64",
    "[2001:db8:1:2::1], ip6:2001:db8:1:2::/64",
    "fe80::1%eth0, ip6:fe80:0:0:0::/64",
    "::1, ip6:0:0:0:0::/64",
    "localhost, ip:unparsable",
    "example.com, ip:unparsable",
    "1.2.3, ip:unparsable",
    "01.2.3.4, ip:unparsable",
    "256.1.1.1, ip:unparsable",
    "1.2.3.4.5, ip:unparsable",
    "127.1, ip:unparsable",
    "2001:db8::g, ip:unparsable",
    "2001:db8:186a0::1, ip:unparsable",
    "1:2:3:4:5:6:7:8:9, ip:unparsable",
    "1:2:3:4:5:6:7, ip:unparsable",
    "1::2::3, ip:unparsable",
    ":1:2:3:4:5:6:7, ip:unparsable",
    "1:2:3:4:5:6:7:, ip:unparsable",
    "::, ip6:0:0:0:0::/64",
    "1:2:3:4:5:6:7::, ip6:1:2:3:4::/64",
    "1:2:3:4:5:6:1.2.3.4, ip6:1:2:3:4::/64",
    "::ffff:1.2.3.256, ip:unparsable",
    "１::1, ip:unparsable",
    ".::1, ip:unparsable",
    "'', ip:unknown",
  })
  void forAddress_samples_groupAsDocumented(String raw, String expected) {
    assertThat(ThrottleKey.forAddress(raw).id()).isEqualTo(expected);
  }

  @Test
  void forAddress_null_unknownBucket() {
    assertThat(ThrottleKey.forAddress(null).id()).isEqualTo(ThrottleKey.UNKNOWN);
  }

  @Test
  void forAddress_anyInterfaceIdInOne64_sameKey() {
    qt().forAll(integers().all(), integers().all(), integers().all(), integers().all())
        .check(
            (a, b, c, d) -> {
              String addr =
                  String.format(
                      Locale.ROOT,
                      "2001:db8:aa:bb:%x:%x:%x:%x",
                      a & 0xffff,
                      b & 0xffff,
                      c & 0xffff,
                      d & 0xffff);
              return ThrottleKey.forAddress(addr).id().equals("ip6:2001:db8:aa:bb::/64");
            });
  }

  @Test
  void forAddress_differentPrefixes_differentKeys() {
    qt().forAll(integers().between(0, 0xffff), integers().between(0, 0xffff))
        .assuming((a, b) -> !a.equals(b))
        .check(
            (a, b) ->
                !ThrottleKey.forAddress(String.format(Locale.ROOT, "2001:db8:0:%x::1", a))
                    .equals(
                        ThrottleKey.forAddress(String.format(Locale.ROOT, "2001:db8:0:%x::1", b))));
  }

  @Test
  void forAddress_ipv4Dotted_canonicalAndDistinct() {
    qt().forAll(
            integers().between(0, 255),
            integers().between(0, 255),
            integers().between(0, 255),
            integers().between(0, 255))
        .check(
            (a, b, c, d) ->
                ThrottleKey.forAddress(a + "." + b + "." + c + "." + d)
                    .id()
                    .equals("ip4:" + a + "." + b + "." + c + "." + d));
  }

  @Test
  void forAddress_arbitraryText_neverThrowsAndBounded() {
    qt().forAll(strings().allPossible().ofLengthBetween(0, 80))
        .check(s -> ThrottleKey.forAddress(s).id().length() <= 40);
  }

  @Test
  void constructor_overlongOrEmptyId_throws() {
    assertThatThrownBy(() -> ThrottleKey.forAccount("x".repeat(ThrottleKey.MAX_ID_LENGTH)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ThrottleKey(ThrottleKey.Kind.ACCOUNT, ""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
