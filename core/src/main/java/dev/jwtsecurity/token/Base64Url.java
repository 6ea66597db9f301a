package dev.jwtsecurity.token;

/**
 * Strict base64url (RFC 4648 §5) without padding, as JWS requires (RFC 7515 §2): only {@code A-Z
 * a-z 0-9 - _}, no {@code =}, no whitespace, no length of 1 mod 4, and the unused bits of the last
 * character must be zero so that every byte string has exactly one encoding (RFC 4648 §3.5).
 * Decodes from the token's ASCII bytes, copied once from its {@link CharSequence} into a per-thread
 * buffer.
 */
final class Base64Url {

  private static final byte[] DECODE = new byte[128];
  private static final byte[] ENCODE =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  static {
    java.util.Arrays.fill(DECODE, (byte) -1);
    for (int i = 0; i < ENCODE.length; i++) {
      DECODE[ENCODE[i]] = (byte) i;
    }
  }

  private Base64Url() {}

  /**
   * Returns the decoded length of {@code n} characters, or -1 when no strict encoding has that
   * length.
   */
  static int decodedLength(int n) {
    int rem = n & 3;
    if (rem == 1) {
      return -1;
    }
    return (n >>> 2) * 3 + (rem == 0 ? 0 : rem - 1);
  }

  /**
   * Decodes the ASCII bytes {@code s[from, to)} into {@code dst} at {@code off}.
   *
   * @return the number of bytes written, or -1 if the text is not canonical base64url
   */
  static int decode(byte[] s, int from, int to, byte[] dst, int off) {
    int n = to - from;
    int outLen = decodedLength(n);
    if (outLen < 0) {
      return -1;
    }
    int o = off;
    int i = from;
    int full = from + (n & ~3);
    int bad = 0;
    while (i < full) {
      int a = val(at(s, i));
      int b = val(at(s, i + 1));
      int c = val(at(s, i + 2));
      int d = val(at(s, i + 3));
      bad |= a | b | c | d; // any -1 sets the sign bit
      int v = (a << 18) | (b << 12) | (c << 6) | d;
      dst[o] = (byte) (v >> 16);
      dst[o + 1] = (byte) (v >> 8);
      dst[o + 2] = (byte) v;
      o += 3;
      i += 4;
    }
    int rem = to - i;
    if (rem == 2) {
      int a = val(at(s, i));
      int b = val(at(s, i + 1));
      bad |= a | b;
      if ((b & 0x0f) != 0) {
        return -1; // non-canonical: unused bits set
      }
      dst[o++] = (byte) ((a << 2) | (b >> 4));
    } else if (rem == 3) {
      int a = val(at(s, i));
      int b = val(at(s, i + 1));
      int c = val(at(s, i + 2));
      bad |= a | b | c;
      if ((c & 0x03) != 0) {
        return -1;
      }
      dst[o++] = (byte) ((a << 2) | (b >> 4));
      dst[o++] = (byte) ((b << 4) | (c >> 2));
    }
    return bad < 0 ? -1 : o - off;
  }

  private static int val(int c) {
    return DECODE[c];
  }

  private static int at(byte[] s, int i) {
    return s[i] & 0x7f; // callers have checked every byte is a base64url character
  }

  /** Returns whether {@code c} is one of the 64 base64url characters. */
  static boolean isAlphabet(char c) {
    return c < 128 && DECODE[c] >= 0;
  }

  /**
   * Encodes {@code src[off, off+len)} as unpadded base64url into {@code dst} at {@code dOff};
   * returns the end.
   */
  static int encode(byte[] src, int off, int len, byte[] dst, int dOff) {
    int o = dOff;
    int i = off;
    int full = off + len - len % 3;
    while (i < full) {
      int v = ((src[i] & 0xff) << 16) | ((src[i + 1] & 0xff) << 8) | (src[i + 2] & 0xff);
      dst[o] = ENCODE[v >>> 18];
      dst[o + 1] = ENCODE[(v >>> 12) & 63];
      dst[o + 2] = ENCODE[(v >>> 6) & 63];
      dst[o + 3] = ENCODE[v & 63];
      o += 4;
      i += 3;
    }
    int rem = off + len - i;
    if (rem == 1) {
      int v = (src[i] & 0xff) << 16;
      dst[o++] = ENCODE[v >>> 18];
      dst[o++] = ENCODE[(v >>> 12) & 63];
    } else if (rem == 2) {
      int v = ((src[i] & 0xff) << 16) | ((src[i + 1] & 0xff) << 8);
      dst[o++] = ENCODE[v >>> 18];
      dst[o++] = ENCODE[(v >>> 12) & 63];
      dst[o++] = ENCODE[(v >>> 6) & 63];
    }
    return o;
  }

  /** Returns the encoded length of {@code n} bytes. */
  static int encodedLength(int n) {
    return (n / 3) * 4 + (n % 3 == 0 ? 0 : n % 3 + 1);
  }
}
