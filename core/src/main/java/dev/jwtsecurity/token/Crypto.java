package dev.jwtsecurity.token;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import javax.crypto.Mac;

/** JCA names for the JWS algorithms, and the ECDSA range check (RFC 7518 §3.4). */
final class Crypto {
  private Crypto() {}

  static Mac newMac(Algorithm alg) throws GeneralSecurityException {
    return Mac.getInstance(macName(alg));
  }

  static String macName(Algorithm a) {
    return switch (a) {
      case HS256 -> "HmacSHA256";
      case HS384 -> "HmacSHA384";
      case HS512 -> "HmacSHA512";
      default -> throw new IllegalArgumentException(a.jwsName());
    };
  }

  static Signature newSignature(Algorithm alg) throws GeneralSecurityException {
    return switch (alg) {
      case RS256 -> Signature.getInstance("SHA256withRSA");
      case RS384 -> Signature.getInstance("SHA384withRSA");
      case RS512 -> Signature.getInstance("SHA512withRSA");
      case PS256 -> pss("SHA-256", MGF1ParameterSpec.SHA256, 32);
      case PS384 -> pss("SHA-384", MGF1ParameterSpec.SHA384, 48);
      case PS512 -> pss("SHA-512", MGF1ParameterSpec.SHA512, 64);
      // The P1363 format is JOSE's r || s of fixed size: no DER conversion either way.
      case ES256 -> Signature.getInstance("SHA256withECDSAinP1363Format");
      case ES384 -> Signature.getInstance("SHA384withECDSAinP1363Format");
      case ES512 -> Signature.getInstance("SHA512withECDSAinP1363Format");
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
   * Returns whether both halves of a JOSE ECDSA signature (r || s, each half the same size) lie in
   * [1, n-1]; a signature outside must be refused before any arithmetic (CVE-2022-21449, "psychic
   * signatures").
   */
  static boolean inEcdsaRange(byte[] raw, BigInteger order) {
    int size = raw.length / 2;
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(raw, 0, size));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(raw, size, raw.length));
    return r.signum() > 0 && s.signum() > 0 && r.compareTo(order) < 0 && s.compareTo(order) < 0;
  }
}
