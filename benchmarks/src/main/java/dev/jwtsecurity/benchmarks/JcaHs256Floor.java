package dev.jwtsecurity.benchmarks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * The minimal JCA path: what a careful hand-written HS256 check costs on this JVM. Strict split
 * into three parts, JDK base64url decoding, one {@code Mac.doFinal} on a cached {@link Mac}, {@link
 * MessageDigest#isEqual}, and naive byte-level checks of the header ({@code alg}, {@code typ},
 * {@code kid}) and claims ({@code exp}/{@code iat}/ {@code nbf} with skew, {@code iss}, {@code
 * aud}, {@code sub} and {@code jti} present) on the decoded JSON. It is a floor, not a library: it
 * does not parse JSON and would be fooled by duplicate members, so it must never be used for real.
 * One instance per thread (the cached {@code Mac} is not thread-safe).
 */
final class JcaHs256Floor {

  private static final Base64.Decoder B64 = Base64.getUrlDecoder();
  private static final int MAX_LENGTH = 8192;

  private final Mac mac;
  private final Clock clock;
  private final long skew;
  private final byte[] algMember = ascii("\"alg\":\"HS256\"");
  private final byte[] typMember = ascii("\"typ\":\"at+jwt\"");
  private final byte[] kidMember;
  private final byte[] issMember;
  private final byte[] audMember;
  private final byte[] subName = ascii("\"sub\"");
  private final byte[] jtiName = ascii("\"jti\"");
  private final byte[] expName = ascii("\"exp\"");
  private final byte[] iatName = ascii("\"iat\"");
  private final byte[] nbfName = ascii("\"nbf\"");

  JcaHs256Floor(
      SecretKey key, String kid, String issuer, String audience, Clock clock, long skewSeconds) {
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    this.clock = clock;
    this.skew = skewSeconds;
    kidMember = ascii("\"kid\":\"" + kid + "\"");
    issMember = ascii("\"iss\":\"" + issuer + "\"");
    audMember = ascii("\"aud\":\"" + audience + "\"");
  }

  /**
   * Returns the subject of a valid token.
   *
   * @throws IllegalArgumentException if the token is refused for any reason
   */
  String validate(String token) {
    int len = token.length();
    if (len > MAX_LENGTH) {
      throw new IllegalArgumentException("too large");
    }
    int d1 = token.indexOf('.');
    int d2 = d1 < 0 ? -1 : token.indexOf('.', d1 + 1);
    if (d1 <= 0 || d2 <= d1 + 1 || d2 >= len - 1 || token.indexOf('.', d2 + 1) >= 0) {
      throw new IllegalArgumentException("malformed");
    }
    byte[] in = token.getBytes(StandardCharsets.ISO_8859_1);

    mac.update(in, 0, d2);
    byte[] expected = mac.doFinal();
    byte[] given = decode(in, d2 + 1, len - d2 - 1);
    if (!MessageDigest.isEqual(expected, given)) {
      throw new IllegalArgumentException("bad signature");
    }

    byte[] header = decode(in, 0, d1);
    if (indexOf(header, algMember, 0) < 0
        || indexOf(header, typMember, 0) < 0
        || indexOf(header, kidMember, 0) < 0) {
      throw new IllegalArgumentException("header");
    }

    byte[] claims = decode(in, d1 + 1, d2 - d1 - 1);
    long now = clock.instant().getEpochSecond();
    long exp = number(claims, expName);
    long iat = number(claims, iatName);
    if (exp == Long.MIN_VALUE || iat == Long.MIN_VALUE || now - skew >= exp || iat > now + skew) {
      throw new IllegalArgumentException("time");
    }
    if (indexOf(claims, nbfName, 0) >= 0 && number(claims, nbfName) > now + skew) {
      throw new IllegalArgumentException("nbf");
    }
    if (indexOf(claims, issMember, 0) < 0 || indexOf(claims, audMember, 0) < 0) {
      throw new IllegalArgumentException("iss/aud");
    }
    String sub = string(claims, subName);
    if (sub == null || sub.isEmpty() || string(claims, jtiName) == null) {
      throw new IllegalArgumentException("sub/jti");
    }
    return sub;
  }

  private static byte[] decode(byte[] in, int off, int len) {
    ByteBuffer b = B64.decode(ByteBuffer.wrap(in, off, len));
    byte[] a = b.array();
    if (b.arrayOffset() == 0 && b.position() == 0 && b.remaining() == a.length) {
      return a;
    }
    byte[] copy = new byte[b.remaining()];
    b.get(copy);
    return copy;
  }

  /** Position just after {@code "name"} and a colon (whitespace allowed), or -1. */
  private static int valueStart(byte[] json, byte[] name) {
    int i = indexOf(json, name, 0);
    if (i < 0) {
      return -1;
    }
    i += name.length;
    while (i < json.length && json[i] == ' ') {
      i++;
    }
    if (i >= json.length || json[i] != ':') {
      return -1;
    }
    i++;
    while (i < json.length && json[i] == ' ') {
      i++;
    }
    return i;
  }

  private static long number(byte[] json, byte[] name) {
    int i = valueStart(json, name);
    if (i < 0 || i >= json.length || json[i] < '0' || json[i] > '9') {
      return Long.MIN_VALUE;
    }
    long v = 0;
    int digits = 0;
    while (i < json.length && json[i] >= '0' && json[i] <= '9') {
      v = v * 10 + (json[i++] - '0');
      if (++digits > 15) {
        return Long.MIN_VALUE;
      }
    }
    return v;
  }

  private static String string(byte[] json, byte[] name) {
    int i = valueStart(json, name);
    if (i < 0 || i >= json.length || json[i] != '"') {
      return null;
    }
    int start = i + 1;
    int end = start;
    while (end < json.length && json[end] != '"') {
      if (json[end] == '\\') {
        return null; // the floor does not unescape
      }
      end++;
    }
    return end >= json.length ? null : new String(json, start, end - start, StandardCharsets.UTF_8);
  }

  static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from, last = hay.length - needle.length; i <= last; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
