package dev.jwtsecurity.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

  private final TrustedProxies proxies =
      TrustedProxies.parse(List.of("10.0.0.0/8", "192.0.2.1", "2001:db8::/32"));

  private TrustedProxies.Resolution xff(String peer, String... xff) {
    return proxies.resolve(peer, false, List.of(), List.of(xff), List.of());
  }

  @Test
  void resolve_untrustedPeer_ignoresEveryForwardingHeader() {
    TrustedProxies.Resolution r =
        proxies.resolve(
            "203.0.113.9",
            false,
            List.of("for=1.2.3.4;proto=https"),
            List.of("1.2.3.4"),
            List.of("https"));
    assertThat(r.clientAddress()).isEqualTo("203.0.113.9");
    assertThat(r.secure()).isFalse();
    assertThat(r.viaTrustedProxy()).isFalse();
  }

  @Test
  void resolve_xForwardedFor_walksFromTheRightSkippingTrustedProxies() {
    assertThat(xff("10.0.0.1", "198.51.100.7").clientAddress()).isEqualTo("198.51.100.7");
    assertThat(xff("10.0.0.1", "198.51.100.7, 10.9.9.9").clientAddress()).isEqualTo("198.51.100.7");
    assertThat(xff("10.0.0.1", "6.6.6.6, 198.51.100.7, 10.9.9.9").clientAddress())
        .isEqualTo("198.51.100.7");
    assertThat(xff("10.0.0.1", "6.6.6.6", "198.51.100.7").clientAddress())
        .isEqualTo("198.51.100.7");
  }

  @Test
  void resolve_allHopsTrusted_leftmostTrustedHop() {
    assertThat(xff("10.0.0.1", "10.1.1.1, 10.2.2.2").clientAddress()).isEqualTo("10.1.1.1");
  }

  @Test
  void resolve_garbageHop_stopsAtLastVouchedAddress() {
    assertThat(xff("10.0.0.1", "198.51.100.7, evil.example.com").clientAddress())
        .isEqualTo("10.0.0.1");
    assertThat(xff("10.0.0.1", "unknown").clientAddress()).isEqualTo("10.0.0.1");
    assertThat(xff("10.0.0.1", "198.51.100.7, 010.0.0.1").clientAddress()).isEqualTo("10.0.0.1");
  }

  @Test
  void resolve_rfc7239Forwarded_parsesNodesWithPortsAndIpv6() {
    TrustedProxies.Resolution r =
        proxies.resolve(
            "10.0.0.1",
            false,
            List.of("for=192.0.2.60;proto=https;by=203.0.113.43, for=\"[2001:db9::17]:4711\""),
            List.of("6.6.6.6"),
            List.of("http"));
    assertThat(r.clientAddress()).isEqualTo("2001:db9:0:0:0:0:0:17");
    assertThat(r.secure()).isTrue();
  }

  @Test
  void resolve_protoFromTrustedProxy_secureOnlyIfEveryHopSaysHttps() {
    assertThat(proxies.resolve("10.0.0.1", false, List.of(), List.of(), List.of("https")).secure())
        .isTrue();
    assertThat(
            proxies
                .resolve("10.0.0.1", false, List.of(), List.of(), List.of("https, http"))
                .secure())
        .isFalse();
    assertThat(proxies.resolve("10.0.0.1", true, List.of(), List.of(), List.of()).secure())
        .isTrue();
    assertThat(
            proxies.resolve("203.0.113.1", false, List.of(), List.of(), List.of("https")).secure())
        .isFalse();
  }

  @Test
  void parse_invalidEntries_rejectedWithHint() {
    for (String bad :
        List.of("localhost", "10.0.0.0/33", "10.0.0.0/x", "::1/129", "1.2.3", "", "10.0.0.0/-1")) {
      assertThatThrownBy(() -> TrustedProxies.parse(List.of(bad)))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void literal_namesAndOddForms_neverResolvedOrAccepted() {
    assertThat(TrustedProxies.literal("localhost")).isNull();
    assertThat(TrustedProxies.literal("example.com")).isNull();
    assertThat(TrustedProxies.literal("fe80::1%eth0")).isNull();
    assertThat(TrustedProxies.literal("0x7f.0.0.1")).isNull();
    assertThat(TrustedProxies.literal("127.1")).isNull();
    assertThat(TrustedProxies.literal("[::1]")).hasSize(16);
    assertThat(TrustedProxies.isLoopback("127.0.0.1")).isTrue();
    assertThat(TrustedProxies.isLoopback("::1")).isTrue();
    assertThat(TrustedProxies.isLoopback("10.0.0.1")).isFalse();
  }

  private static final String[] HOPS = {
    "198.51.100.7",
    "10.1.2.3",
    "192.0.2.1",
    "2001:db8::5",
    "203.0.113.5",
    "unknown",
    "_hidden",
    "garbage",
    "",
    " 6.6.6.6 ",
    "[2001:db9::1]"
  };

  @Test
  void resolve_generatedChains_neverReturnsATrustedProxyWhenAnUntrustedHopExists() {
    qt().withExamples(5_000)
        .forAll(
            lists().of(integers().between(0, HOPS.length - 1)).ofSizeBetween(0, 6),
            integers().between(0, 1))
        .checkAssert(
            (picks, peerPick) -> {
              String peer = peerPick == 0 ? "10.0.0.1" : "203.0.113.77";
              StringBuilder header = new StringBuilder();
              for (int i : picks) {
                header.append(header.length() == 0 ? "" : ",").append(HOPS[i]);
              }
              TrustedProxies.Resolution r = xff(peer, header.toString());
              if (!proxies.isTrusted(peer)) {
                assertThat(r.clientAddress()).isEqualTo(peer);
                return;
              }
              // The client is the peer, or an address that appears in the chain.
              assertThat(r.clientAddress()).isNotNull();
              boolean untrustedResult = !proxies.isTrusted(r.clientAddress());
              boolean fromChain =
                  picks.stream().anyMatch(i -> TrustedProxies.literal(HOPS[i]) != null);
              if (untrustedResult) {
                assertThat(fromChain).isTrue();
              }
            });
  }

  @Test
  void resolve_arbitraryHeaderText_neverThrows() {
    qt().withExamples(3_000)
        .forAll(
            strings().allPossible().ofLengthBetween(0, 80),
            strings().allPossible().ofLengthBetween(0, 80))
        .checkAssert(
            (a, b) -> {
              TrustedProxies.Resolution r =
                  proxies.resolve("10.0.0.1", false, List.of(a), List.of(b), List.of(b));
              assertThat(r.clientAddress()).isNotNull();
            });
  }
}
