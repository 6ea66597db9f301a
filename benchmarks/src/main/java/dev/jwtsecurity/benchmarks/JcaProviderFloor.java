package dev.jwtsecurity.benchmarks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * The minimal JCA path for another issuer's access token, as a careful hand-written check would do
 * it: strict split into three parts, JDK base64url decoding, one {@code Mac.doFinal} (HS256) or
 * {@code Signature.verify} (RS256) on a cached JCA object, and naive byte-level checks of the
 * header ({@code alg}, {@code kid}, {@code typ: JWT}) and claims ({@code exp}/{@code iat}/{@code
 * nbf} with skew, {@code iss}, {@code aud}, {@code sub} and {@code jti} present), then the {@code
 * roles} array read into a list, as the caller of a validator reads it. A floor, not a library: it
 * does not parse JSON and would be fooled by duplicate members or escapes. One instance per thread.
 */
final class JcaProviderFloor {

  private static final Base64.Decoder B64 = Base64.getUrlDecoder();

  private final Mac mac;
  private final Signature verifier;
  private final Clock clock;
  private final long skew;
  private final byte[] algMember;
  private final byte[] typMember = ascii("\"typ\":\"JWT\"");
  private final byte[] kidMember;
  private final byte[] issMember;
  private final byte[] audMember;
  private final byte[] rolesName = ascii("\"roles\"");
  private final byte[] expMember = ascii("\"exp\":");
  private final byte[] iatMember = ascii("\"iat\":");
  private final byte[] nbfMember = ascii("\"nbf\":");
  private final byte[] subMember = ascii("\"sub\":\"");
  private final byte[] jtiMember = ascii("\"jti\":\"");

  private JcaProviderFloor(
      Mac mac,
      Signature verifier,
      String alg,
      String kid,
      String issuer,
      String audience,
      Clock clock,
      long skew) {
    this.mac = mac;
    this.verifier = verifier;
    this.clock = clock;
    this.skew = skew;
    this.algMember = ascii("\"alg\":\"" + alg + "\"");
    this.kidMember = ascii("\"kid\":\"" + kid + "\"");
    this.issMember = ascii("\"iss\":\"" + issuer + "\"");
    this.audMember = ascii("\"aud\":\"" + audience + "\"");
  }

  static JcaProviderFloor hs256(
      SecretKey key, String kid, String issuer, String audience, Clock clock, long skew) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(key);
      return new JcaProviderFloor(m, null, "HS256", kid, issuer, audience, clock, skew);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static JcaProviderFloor rs256(
      PublicKey key, String kid, String issuer, String audience, Clock clock, long skew) {
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initVerify(key);
      return new JcaProviderFloor(null, s, "RS256", kid, issuer, audience, clock, skew);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Returns the roles of a valid token.
   *
   * @throws IllegalArgumentException if the token is refused for any reason
   */
  List<String> validate(String token) {
    int len = token.length();
    if (len > 8192) {
      throw new IllegalArgumentException("too large");
    }
    int d1 = token.indexOf('.');
    int d2 = d1 < 0 ? -1 : token.indexOf('.', d1 + 1);
    if (d1 <= 0 || d2 <= d1 + 1 || d2 >= len - 1 || token.indexOf('.', d2 + 1) >= 0) {
      throw new IllegalArgumentException("malformed");
    }
    byte[] in = token.getBytes(StandardCharsets.ISO_8859_1);
    byte[] given = decode(in, d2 + 1, len - d2 - 1);
    boolean ok;
    try {
      if (mac != null) {
        mac.update(in, 0, d2);
        ok = MessageDigest.isEqual(mac.doFinal(), given);
      } else {
        verifier.update(in, 0, d2);
        ok = verifier.verify(given);
      }
    } catch (GeneralSecurityException e) {
      ok = false;
    }
    if (!ok) {
      throw new IllegalArgumentException("bad signature");
    }
    byte[] header = decode(in, 0, d1);
    if (JcaHs256Floor.indexOf(header, algMember, 0) < 0
        || JcaHs256Floor.indexOf(header, typMember, 0) < 0
        || JcaHs256Floor.indexOf(header, kidMember, 0) < 0) {
      throw new IllegalArgumentException("header");
    }
    byte[] claims = decode(in, d1 + 1, d2 - d1 - 1);
    long now = clock.instant().getEpochSecond();
    long exp = number(claims, expMember);
    long iat = number(claims, iatMember);
    long nbf = number(claims, nbfMember);
    if (exp < 0 || iat < 0 || now - skew >= exp || iat > now + skew || nbf > now + skew) {
      throw new IllegalArgumentException("time");
    }
    if (JcaHs256Floor.indexOf(claims, issMember, 0) < 0
        || JcaHs256Floor.indexOf(claims, audMember, 0) < 0
        || JcaHs256Floor.indexOf(claims, subMember, 0) < 0
        || JcaHs256Floor.indexOf(claims, jtiMember, 0) < 0) {
      throw new IllegalArgumentException("claims");
    }
    return roles(claims);
  }

  private List<String> roles(byte[] json) {
    int i = JcaHs256Floor.indexOf(json, rolesName, 0);
    List<String> out = new ArrayList<>(4);
    if (i < 0) {
      return out;
    }
    i = indexOfByte(json, (byte) '[', i) + 1;
    int end = indexOfByte(json, (byte) ']', i);
    while (i < end) {
      int q1 = indexOfByte(json, (byte) '"', i);
      if (q1 < 0 || q1 > end) {
        break;
      }
      int q2 = indexOfByte(json, (byte) '"', q1 + 1);
      out.add(new String(json, q1 + 1, q2 - q1 - 1, StandardCharsets.UTF_8));
      i = q2 + 1;
    }
    return out;
  }

  private static int indexOfByte(byte[] a, byte b, int from) {
    for (int i = from; i < a.length; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static long number(byte[] json, byte[] member) {
    int i = JcaHs256Floor.indexOf(json, member, 0);
    if (i < 0) {
      return -1;
    }
    i += member.length;
    long v = 0;
    int digits = 0;
    while (i < json.length && json[i] >= '0' && json[i] <= '9') {
      v = v * 10 + (json[i++] - '0');
      digits++;
    }
    return digits == 0 || digits > 15 ? -1 : v;
  }

  private static byte[] decode(byte[] in, int off, int len) {
    ByteBuffer b = B64.decode(ByteBuffer.wrap(in, off, len));
    byte[] copy = new byte[b.remaining()];
    b.get(copy);
    return copy;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
