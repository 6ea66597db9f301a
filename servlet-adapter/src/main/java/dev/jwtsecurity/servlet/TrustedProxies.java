package dev.jwtsecurity.servlet;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The proxies whose forwarding headers are believed, as CIDR blocks, and the resolution of the real
 * client address, scheme and request id through them.
 *
 * <p>Forwarding headers are attacker-controlled unless the direct peer is a configured proxy. The
 * client address is found by walking the forwarding chain from the right (the hop the nearest proxy
 * added) and skipping trusted proxies: the first untrusted hop is the client. Taking the leftmost
 * entry, as many frameworks did, lets any client choose its own address (OWASP: "X-Forwarded-For
 * spoofing"). Address literals are parsed without any DNS lookup.
 */
final class TrustedProxies {

  /** A CIDR block. */
  private static final class Block {
    private final byte[] network;
    private final int prefix;

    Block(byte[] network, int prefix) {
      this.network = network.clone();
      this.prefix = prefix;
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (network[full] & mask);
    }
  }

  static final TrustedProxies NONE = new TrustedProxies(List.of());

  private final List<Block> blocks;

  private TrustedProxies(List<Block> blocks) {
    this.blocks = List.copyOf(blocks);
  }

  /**
   * Parses CIDR blocks such as {@code 10.0.0.0/8}, {@code 192.0.2.7} or {@code ::1/128}.
   *
   * @throws IllegalArgumentException if an entry is not an address literal with an optional prefix
   *     length
   */
  static TrustedProxies parse(List<String> cidrs) {
    List<Block> blocks = new ArrayList<>();
    for (String cidr : cidrs) {
      String c = cidr.trim();
      int slash = c.indexOf('/');
      String addr = slash < 0 ? c : c.substring(0, slash);
      byte[] bytes = literal(addr);
      if (bytes == null) {
        throw new IllegalArgumentException(
            "trusted proxy '"
                + cidr
                + "' is not an IP address or CIDR block (like 10.0.0.0/8 or ::1/128);"
                + " host names are not accepted");
      }
      int prefix = bytes.length * 8;
      if (slash >= 0) {
        try {
          prefix = Integer.parseInt(c.substring(slash + 1));
        } catch (NumberFormatException e) {
          prefix = -1;
        }
        if (prefix < 0 || prefix > bytes.length * 8) {
          throw new IllegalArgumentException(
              "trusted proxy '"
                  + cidr
                  + "' has an invalid prefix length; use 0.."
                  + bytes.length * 8);
        }
      }
      blocks.add(new Block(bytes, prefix));
    }
    return new TrustedProxies(blocks);
  }

  boolean isEmpty() {
    return blocks.isEmpty();
  }

  boolean isTrusted(String address) {
    byte[] bytes = literal(address);
    if (bytes == null) {
      return false;
    }
    for (Block b : blocks) {
      if (b.contains(bytes)) {
        return true;
      }
    }
    return false;
  }

  /** The resolution of one request. */
  record Resolution(String clientAddress, boolean secure, boolean viaTrustedProxy) {}

  /**
   * Resolves the client address and scheme of a request.
   *
   * @param peer the direct peer address ({@code getRemoteAddr()})
   * @param connectionSecure whether the connection to us is TLS ({@code isSecure()})
   * @param forwarded every {@code Forwarded} header value (RFC 7239)
   * @param xForwardedFor every {@code X-Forwarded-For} header value
   * @param xForwardedProto every {@code X-Forwarded-Proto} header value
   */
  Resolution resolve(
      String peer,
      boolean connectionSecure,
      List<String> forwarded,
      List<String> xForwardedFor,
      List<String> xForwardedProto) {
    if (!isTrusted(peer)) {
      return new Resolution(peer, connectionSecure, false);
    }
    List<String> hops = new ArrayList<>();
    List<String> protos = new ArrayList<>();
    if (!forwarded.isEmpty()) {
      // RFC 7239 §4: one element per hop, comma separated, parameters separated by ';'.
      for (String header : forwarded) {
        for (String element : HeaderLists.elements(header, ',')) {
          for (String pair : HeaderLists.elements(element, ';')) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
              continue;
            }
            String name = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = unquote(pair.substring(eq + 1).trim());
            if (name.equals("for")) {
              hops.add(forNode(value));
            } else if (name.equals("proto")) {
              protos.add(value);
            }
          }
        }
      }
    } else {
      for (String header : xForwardedFor) {
        hops.addAll(HeaderLists.elements(header, ','));
      }
      for (String header : xForwardedProto) {
        protos.addAll(HeaderLists.elements(header, ','));
      }
    }
    String client = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = hops.get(i);
      if (literal(hop) == null) {
        // Garbage, "unknown" or an obfuscated node: stop at the last address a trusted proxy
        // vouched for.
        break;
      }
      client = hop;
      if (!isTrusted(hop)) {
        break;
      }
    }
    // Secure only if every proxy that spoke said https: one plain-text hop is a plain-text hop.
    boolean secure = connectionSecure;
    if (!protos.isEmpty()) {
      secure = true;
      for (String p : protos) {
        secure &= p.trim().equalsIgnoreCase("https");
      }
    }
    return new Resolution(canonicalText(client), secure, true);
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }

  /** RFC 7239 §6: node = nodename [ ":" node-port ]; IPv6 in brackets. */
  private static String forNode(String node) {
    if (node.startsWith("[")) {
      int close = node.indexOf(']');
      return close < 0 ? node : node.substring(1, close);
    }
    int colon = node.indexOf(':');
    return colon < 0 ? node : node.substring(0, colon);
  }

  private static String canonicalText(String address) {
    byte[] bytes = literal(address);
    if (bytes == null) {
      return address;
    }
    try {
      return InetAddress.getByAddress(bytes).getHostAddress();
    } catch (UnknownHostException e) {
      return address;
    }
  }

  static boolean isLoopback(String address) {
    byte[] bytes = literal(address);
    if (bytes == null) {
      return false;
    }
    try {
      return InetAddress.getByAddress(bytes).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Parses an IPv4 or IPv6 literal without DNS, or returns {@code null}. */
  static byte[] literal(String s) {
    if (s == null) {
      return null;
    }
    String t = s.trim();
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    if (t.isEmpty() || t.length() > 45) {
      return null;
    }
    if (t.indexOf(':') < 0) {
      return ipv4(t);
    }
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
        return null; // no zone ids, no names: guarantees InetAddress below never resolves a name
      }
    }
    try {
      byte[] b = InetAddress.getByName(t).getAddress();
      return b;
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }

  private static byte[] ipv4(String t) {
    byte[] out = new byte[4];
    int part = 0;
    int value = -1;
    int digits = 0;
    for (int i = 0; i <= t.length(); i++) {
      char c = i < t.length() ? t.charAt(i) : '.';
      if (c == '.') {
        if (value < 0 || part > 3) {
          return null;
        }
        out[part++] = (byte) value;
        value = -1;
        digits = 0;
      } else if (c >= '0' && c <= '9') {
        if (digits == 3 || (digits == 1 && value == 0)) {
          return null; // no leading zeros (octal ambiguity), at most 3 digits
        }
        value = (value < 0 ? 0 : value * 10) + (c - '0');
        digits++;
        if (value > 255) {
          return null;
        }
      } else {
        return null;
      }
    }
    return part == 4 ? out : null;
  }
}
