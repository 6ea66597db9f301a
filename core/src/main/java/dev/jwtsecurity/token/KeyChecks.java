package dev.jwtsecurity.token;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;

/** Load-time key checks (RFC 8725 §3.5, NIST SP 800-131A, RFC 7518 §3.4). */
final class KeyChecks {
  private KeyChecks() {}

  static void checkAsymmetric(Algorithm alg, PublicKey pub) {
    switch (alg.family()) {
      case RSA -> {
        if (!(pub instanceof RSAPublicKey rsa)) {
          throw new IllegalArgumentException(alg.jwsName() + " needs an RSA key");
        }
        int bits = rsa.getModulus().bitLength();
        if (bits < 2048) {
          throw new IllegalArgumentException(
              "RSA keys must be at least 2048 bits (NIST SP 800-131A), this one has "
                  + bits
                  + "; generate one with 'jwt-security keygen --algorithm "
                  + alg.jwsName()
                  + "'");
        }
      }
      case EC -> {
        if (!(pub instanceof ECPublicKey ec)) {
          throw new IllegalArgumentException(alg.jwsName() + " needs an EC key");
        }
        ECParameterSpec want = curve(alg);
        ECParameterSpec have = ec.getParams();
        // Compare the whole curve, not just the field size: secp256k1 also has a 256-bit field.
        if (!want.getCurve().equals(have.getCurve())
            || !want.getOrder().equals(have.getOrder())
            || !want.getGenerator().equals(have.getGenerator())) {
          throw new IllegalArgumentException(alg.jwsName() + " needs a key on " + curveName(alg));
        }
        // Invalid-curve attacks: the public point must lie on the curve.
        if (!onCurve(ec.getW(), want)) {
          throw new IllegalArgumentException(
              "the EC public key is not a point on " + curveName(alg));
        }
      }
      case OKP -> {
        if (!(pub instanceof EdECKey ed) || !"Ed25519".equalsIgnoreCase(ed.getParams().getName())) {
          throw new IllegalArgumentException("EdDSA needs an Ed25519 key");
        }
      }
      case HMAC ->
          throw new IllegalArgumentException(
              alg.jwsName() + " is an HMAC algorithm; use JwtKey.hmac");
    }
  }

  static void checkPrivateMatches(Algorithm alg, PrivateKey priv, PublicKey pub) {
    boolean ok;
    try {
      java.security.Signature s = Crypto.newSignature(alg);
      s.initSign(priv);
      byte[] probe =
          "jwt-security key pair check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      s.update(probe);
      byte[] sig = s.sign();
      java.security.Signature v = Crypto.newSignature(alg);
      v.initVerify(pub);
      v.update(probe);
      ok = v.verify(sig);
    } catch (GeneralSecurityException | RuntimeException e) {
      ok = false;
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "the private key does not match the public key, or does not fit " + alg.jwsName());
    }
  }

  static String curveName(Algorithm alg) {
    return switch (alg) {
      case ES256 -> "P-256";
      case ES384 -> "P-384";
      case ES512 -> "P-521";
      default -> throw new IllegalArgumentException(alg.jwsName());
    };
  }

  static ECParameterSpec curve(Algorithm alg) {
    String std =
        switch (alg) {
          case ES256 -> "secp256r1";
          case ES384 -> "secp384r1";
          case ES512 -> "secp521r1";
          default -> throw new IllegalArgumentException(alg.jwsName());
        };
    try {
      AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
      p.init(new ECGenParameterSpec(std));
      return p.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK lacks the curve " + std, e);
    }
  }

  private static boolean onCurve(ECPoint w, ECParameterSpec spec) {
    if (ECPoint.POINT_INFINITY.equals(w)) {
      return false;
    }
    BigInteger p = ((ECFieldFp) spec.getCurve().getField()).getP();
    BigInteger x = w.getAffineX();
    BigInteger y = w.getAffineY();
    if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
      return false;
    }
    BigInteger lhs = y.multiply(y).mod(p);
    BigInteger rhs =
        x.multiply(x)
            .multiply(x)
            .add(spec.getCurve().getA().multiply(x))
            .add(spec.getCurve().getB())
            .mod(p);
    return lhs.equals(rhs);
  }
}
