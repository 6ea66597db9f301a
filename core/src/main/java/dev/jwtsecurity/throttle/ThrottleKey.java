package dev.jwtsecurity.throttle;

import java.util.Locale;
import java.util.Objects;

/**
 * What a throttle counts failures against: a client address group or an account. The {@link #id()}
 * is the stable text a {@link ThrottleStore} keys its rows by.
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
 *   <li>IPv6 addresses are grouped by their /64 prefix: one subscriber usually holds a whole /64
 *       (RFC 6177), so counting single addresses would give an attacker 2^64 fresh budgets.
 *   <li>IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}) count as the IPv4 address they carry.
 *   <li>Text that is not an IP literal (including host names: this class never resolves names)
 *       falls into one shared bucket, {@value #UNPARSABLE}; a missing address into {@value
 *       #UNKNOWN}. Resolve the client address correctly (trusted proxies only) before it gets here,
 *       or every such request shares one budget.
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
      throw new IllegalArgumentException(
          "id must have 1.." + MAX_ID_LENGTH + " characters, had " + id.length());
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
   * Returns the key for a client address: {@code ip4:a.b.c.d} for IPv4 (and IPv4-mapped IPv6),
   * {@code ip6:<first four groups>::/64} for IPv6, {@value #UNPARSABLE} for anything else, {@value
   * #UNKNOWN} for {@code null}. Never performs a DNS look-up.
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
    int[] g = parseIpv6(s);
    if (g == null) {
      return UNPARSABLE;
    }
    if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
      // IPv4-mapped (RFC 4291 §2.5.5.2): the IPv4 address it carries.
      return "ip4:" + (g[6] >> 8) + "." + (g[6] & 0xff) + "." + (g[7] >> 8) + "." + (g[7] & 0xff);
    }
    return String.format(Locale.ROOT, "ip6:%x:%x:%x:%x::/64", g[0], g[1], g[2], g[3]);
  }

  /**
   * Parses an IPv6 literal (RFC 4291 §2.2: groups of 1-4 hex digits, at most one {@code ::}, an
   * optional dotted IPv4 tail) into 8 groups, or {@code null}. Hand-written on purpose: {@code
   * InetAddress.getByName} falls back to a DNS look-up for text it does not parse as a literal,
   * which an attacker could trigger at will.
   */
  static int[] parseIpv6(String s) {
    int[] head = new int[8];
    int[] tail = new int[8];
    int nh = 0;
    int nt = 0;
    boolean gap = false;
    int i = 0;
    int n = s.length();
    if (s.startsWith("::")) {
      gap = true;
      i = 2;
      if (n == 2) {
        return new int[8];
      }
    } else if (n == 0 || s.charAt(0) == ':') {
      return null;
    }
    while (i < n) {
      int start = i;
      int value = 0;
      while (i < n
          && i - start < 5
          && Character.digit(s.charAt(i), 16) >= 0
          && s.charAt(i) < 0x80) {
        value = value * 16 + Character.digit(s.charAt(i), 16);
        i++;
      }
      if (i < n && s.charAt(i) == '.') {
        // Dotted IPv4 tail: the rest of the text.
        String v4 = strictIpv4(s.substring(start));
        if (v4 == null || (gap ? nt : nh) > 6) {
          return null;
        }
        int[] o = new int[4];
        int k = 0;
        int acc = 0;
        for (int j = 0; j <= v4.length(); j++) {
          if (j == v4.length() || v4.charAt(j) == '.') {
            o[k++] = acc;
            acc = 0;
          } else {
            acc = acc * 10 + (v4.charAt(j) - '0');
          }
        }
        int[] target = gap ? tail : head;
        int c = gap ? nt : nh;
        target[c++] = (o[0] << 8) | o[1];
        target[c++] = (o[2] << 8) | o[3];
        if (gap) {
          nt = c;
        } else {
          nh = c;
        }
        i = n;
        break;
      }
      int digits = i - start;
      if (digits == 0 || digits > 4) {
        return null;
      }
      if (gap) {
        if (nt == 8) {
          return null;
        }
        tail[nt++] = value;
      } else {
        if (nh == 8) {
          return null;
        }
        head[nh++] = value;
      }
      if (i == n) {
        break;
      }
      if (s.charAt(i) != ':') {
        return null;
      }
      i++;
      if (i < n && s.charAt(i) == ':') {
        if (gap) {
          return null;
        }
        gap = true;
        i++;
        if (i == n) {
          break;
        }
      } else if (i == n) {
        return null; // trailing single ':'
      }
    }
    int total = nh + nt;
    if (gap ? total > 7 : total != 8) {
      return null;
    }
    int[] out = new int[8];
    System.arraycopy(head, 0, out, 0, nh);
    System.arraycopy(tail, 0, out, 8 - nt, nt);
    return out;
  }

  /**
   * Four decimal octets 0..255, no leading zeros beyond a single 0; the canonical text, or {@code
   * null}.
   */
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
