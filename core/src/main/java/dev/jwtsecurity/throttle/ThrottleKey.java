package dev.jwtsecurity.throttle;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;

/**
 * What a throttle counts failures against: a client address group or an account. The {@link #id()} is the stable
 * text a {@link ThrottleStore} keys its rows by.
 *
 * <pre>{@code
 * ThrottleKey.forAddress("2001:db8:1:2:3:4:5:6");  // ThrottleKey[kind=ADDRESS, id=ip6:2001:db8:1:2::/64]
 * ThrottleKey.forAddress("::ffff:192.0.2.1");       // ThrottleKey[kind=ADDRESS, id=ip4:192.0.2.1]
 * ThrottleKey.forAccount("alice");                  // ThrottleKey[kind=ACCOUNT, id=acct:alice]
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <ul>
 *   <li>IPv6 addresses are grouped by their /64 prefix: one subscriber usually holds a whole /64 (RFC 6177), so
 *       counting single addresses would give an attacker 2^64 fresh budgets.
 *   <li>IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}) count as the IPv4 address they carry.
 *   <li>Text that is not an IP literal (including host names: this class never resolves names) falls into one shared
 *       bucket, {@value #UNPARSABLE}; a missing address into {@value #UNKNOWN}. Resolve the client address correctly
 *       (trusted proxies only) before it gets here, or every such request shares one budget.
 *   <li>Account keys take the name as given: normalise it first (the login path does).
 * </ul>
 *
 * @param kind what is counted
 * @param id the store key, at most {@link #MAX_ID_LENGTH} characters, prefixed by the kind
 */
public record ThrottleKey(Kind kind, String id) {

  /** The longest id accepted. */
  public static final int MAX_ID_LENGTH = 320;

  /** The id of every address that is not an IP literal. */
  public static final String UNPARSABLE = "ip:unparsable";

  /** The id used when the client address is unknown ({@code null} or empty). */
  public static final String UNKNOWN = "ip:unknown";

  /** What a key counts. */
  public enum Kind {
    /** A client address (IPv4 address, or IPv6 /64 prefix). */
    ADDRESS,
    /** An account, by normalised user name. */
    ACCOUNT
  }

  /**
   * Validates the components.
   *
   * @throws NullPointerException if a component is {@code null}
   * @throws IllegalArgumentException if {@code id} is empty or longer than {@link #MAX_ID_LENGTH}
   */
  public ThrottleKey {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException("id must have 1.." + MAX_ID_LENGTH + " characters, had " + id.length());
    }
  }

  /**
   * Returns the key for an account.
   *
   * @param normalisedName the normalised user name, at most {@code MAX_ID_LENGTH - 5} characters
   * @return the key {@code acct:<name>}
   * @throws NullPointerException if {@code normalisedName} is {@code null}
   * @throws IllegalArgumentException if the name is too long
   */
  public static ThrottleKey forAccount(String normalisedName) {
    Objects.requireNonNull(normalisedName, "normalisedName");
    return new ThrottleKey(Kind.ACCOUNT, "acct:" + normalisedName);
  }

  /**
   * Returns the key for a client address: {@code ip4:a.b.c.d} for IPv4 (and IPv4-mapped IPv6), {@code
   * ip6:<first four groups>::/64} for IPv6, {@value #UNPARSABLE} for anything else, {@value #UNKNOWN} for {@code null}.
   * Never performs a DNS look-up.
   *
   * @param clientAddress the resolved client address, or {@code null}
   * @return the address group's key
   */
  public static ThrottleKey forAddress(String clientAddress) {
    return new ThrottleKey(Kind.ADDRESS, addressGroup(clientAddress));
  }

  static String addressGroup(String raw) {
    if (raw == null || raw.isBlank()) {
      return UNKNOWN;
    }
    String s = raw.strip();
    if (s.length() > 64) {
      return UNPARSABLE;
    }
    String v4 = strictIpv4(s);
    if (v4 != null) {
      return "ip4:" + v4;
    }
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    int zone = s.indexOf('%');
    if (zone >= 0) {
      s = s.substring(0, zone);
    }
    if (!looksLikeIpv6(s)) {
      return UNPARSABLE;
    }
    try {
      // Only hex digits, ':' and '.', starting with a hex digit or ':' and containing ':': the JDK parses this as an
      // IPv6 literal and never consults DNS.
      InetAddress address = InetAddress.getByName(s);
      if (address instanceof Inet4Address) {
        return "ip4:" + address.getHostAddress(); // IPv4-mapped
      }
      if (address instanceof Inet6Address) {
        byte[] b = address.getAddress();
        return String.format(
            Locale.ROOT,
            "ip6:%x:%x:%x:%x::/64",
            group(b, 0),
            group(b, 2),
            group(b, 4),
            group(b, 6));
      }
      return UNPARSABLE;
    } catch (UnknownHostException e) {
      return UNPARSABLE;
    }
  }

  private static int group(byte[] b, int i) {
    return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
  }

  private static boolean looksLikeIpv6(String s) {
    if (s.isEmpty() || s.indexOf(':') < 0) {
      return false;
    }
    char first = s.charAt(0);
    if (first != ':' && Character.digit(first, 16) < 0) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != ':' && c != '.' && Character.digit(c, 16) < 0) {
        return false;
      }
      if (c > 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** Four decimal octets 0..255, no leading zeros beyond a single 0; the canonical text, or {@code null}. */
  static String strictIpv4(String s) {
    int octets = 0;
    int value = -1;
    int digits = 0;
    StringBuilder out = new StringBuilder(15);
    for (int i = 0; i <= s.length(); i++) {
      char c = i < s.length() ? s.charAt(i) : '.';
      if (c >= '0' && c <= '9') {
        if (digits == 3 || (digits == 1 && value == 0)) {
          return null;
        }
        value = (value < 0 ? 0 : value * 10) + (c - '0');
        digits++;
      } else if (c == '.') {
        if (digits == 0 || value > 255 || octets == 4) {
          return null;
        }
        if (octets > 0) {
          out.append('.');
        }
        out.append(value);
        octets++;
        value = -1;
        digits = 0;
      } else {
        return null;
      }
    }
    return octets == 4 ? out.toString() : null;
  }
}
