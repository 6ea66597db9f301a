package dev.jwtsecurity.token;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;

/** Load-time key checks (RFC 8725 §3.5, NIST SP 800-131A). */
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
          throw new IllegalArgumentException("RSA keys must be at least 2048 bits, this one has " + bits);
        }
      }
      case EC -> {
        if (!(pub instanceof ECPublicKey ec)) {
          throw new IllegalArgumentException(alg.jwsName() + " needs an EC key");
        }
        int field = ec.getParams().getCurve().getField().getFieldSize();
        int want = alg == Algorithm.ES256 ? 256 : alg == Algorithm.ES384 ? 384 : 521;
        if (field != want) {
          throw new IllegalArgumentException(alg.jwsName() + " needs a P-" + want + " key");
        }
      }
      case OKP -> {
        if (!(pub instanceof EdECPublicKey ed) || !"Ed25519".equalsIgnoreCase(ed.getParams().getName())) {
          throw new IllegalArgumentException("EdDSA needs an Ed25519 key");
        }
      }
      case HMAC -> throw new IllegalArgumentException(alg.jwsName());
    }
  }
}
