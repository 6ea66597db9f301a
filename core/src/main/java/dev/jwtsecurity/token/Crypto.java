package dev.jwtsecurity.token;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import javax.crypto.Mac;

/** JCA names and the ECDSA signature format conversion (RFC 7518 §3.4). */
final class Crypto {
  private Crypto() {}

  static Mac newMac(Algorithm alg) throws GeneralSecurityException {
    return Mac.getInstance(JwtKey.macName(alg));
  }

  static Signature newSignature(Algorithm alg) throws GeneralSecurityException {
    return switch (alg) {
      case RS256 -> Signature.getInstance("SHA256withRSA");
      case RS384 -> Signature.getInstance("SHA384withRSA");
      case RS512 -> Signature.getInstance("SHA512withRSA");
      case PS256 -> pss("SHA-256", MGF1ParameterSpec.SHA256, 32);
      case PS384 -> pss("SHA-384", MGF1ParameterSpec.SHA384, 48);
      case PS512 -> pss("SHA-512", MGF1ParameterSpec.SHA512, 64);
      case ES256 -> Signature.getInstance("SHA256withECDSA");
      case ES384 -> Signature.getInstance("SHA384withECDSA");
      case ES512 -> Signature.getInstance("SHA512withECDSA");
      case EDDSA -> Signature.getInstance("Ed25519");
      case HS256, HS384, HS512 ->
          throw new IllegalArgumentException(alg.jwsName() + " is an HMAC algorithm");
    };
  }

  private static Signature pss(String hash, MGF1ParameterSpec mgf, int saltLen)
      throws GeneralSecurityException {
    Signature s = Signature.getInstance("RSASSA-PSS");
    // RFC 7518 §3.5: MGF1 with the same hash, salt as long as the hash output.
    s.setParameter(new PSSParameterSpec(hash, "MGF1", mgf, saltLen, 1));
    return s;
  }

  /** The size in bytes of each of r and s in a JOSE ECDSA signature. */
  static int ecCoordinateSize(Algorithm alg) {
    return switch (alg) {
      case ES256 -> 32;
      case ES384 -> 48;
      case ES512 -> 66;
      default -> throw new IllegalArgumentException(alg.jwsName());
    };
  }

  /**
   * Converts a JOSE ECDSA signature (r || s, fixed size) to DER, or returns {@code null} when r or
   * s is outside [1, n-1]: ECDSA verification must refuse those before any arithmetic
   * (CVE-2022-21449, "psychic signatures").
   */
  static byte[] rawToDer(byte[] raw, BigInteger order) {
    int size = raw.length / 2;
    BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(raw, 0, size));
    BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(raw, size, raw.length));
    if (r.signum() == 0 || s.signum() == 0 || r.compareTo(order) >= 0 || s.compareTo(order) >= 0) {
      return null;
    }
    byte[] rb =
        r.toByteArray(); // minimal two's complement: a leading 0x00 when the high bit is set
    byte[] sb = s.toByteArray();
    int body = 2 + rb.length + 2 + sb.length;
    int lenBytes = body < 128 ? 1 : 2;
    byte[] der = new byte[1 + lenBytes + body];
    int o = 0;
    der[o++] = 0x30;
    if (lenBytes == 2) {
      der[o++] = (byte) 0x81;
    }
    der[o++] = (byte) body;
    der[o++] = 0x02;
    der[o++] = (byte) rb.length;
    System.arraycopy(rb, 0, der, o, rb.length);
    o += rb.length;
    der[o++] = 0x02;
    der[o++] = (byte) sb.length;
    System.arraycopy(sb, 0, der, o, sb.length);
    return der;
  }

  /**
   * Converts a DER ECDSA signature from the JCA into the JOSE form r || s, each {@code size} bytes.
   */
  static byte[] derToRaw(byte[] der, int size) {
    int o = 0;
    if (der[o++] != 0x30) {
      throw new IllegalStateException("not a DER ECDSA signature");
    }
    int len = der[o++] & 0xff;
    if (len == 0x81) {
      o++;
    }
    byte[] raw = new byte[2 * size];
    for (int part = 0; part < 2; part++) {
      if (der[o++] != 0x02) {
        throw new IllegalStateException("not a DER ECDSA signature");
      }
      int n = der[o++] & 0xff;
      int start = o;
      int count = n;
      while (count > size && der[start] == 0) {
        start++;
        count--;
      }
      if (count > size) {
        throw new IllegalStateException("ECDSA integer too long");
      }
      System.arraycopy(der, start, raw, part * size + size - count, count);
      o += n;
    }
    return raw;
  }
}
