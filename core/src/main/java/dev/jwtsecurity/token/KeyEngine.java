package dev.jwtsecurity.token;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import javax.crypto.Mac;

/**
 * The JCA side of one {@link JwtKey}: initialised {@link Mac} and {@link Signature} objects per
 * thread, so signing and verifying need no provider look-up, no initialisation and no shared lock
 * per call, and the checks a signature must pass before any arithmetic.
 *
 * <p>ECDSA uses the JDK's {@code SHA*withECDSAinP1363Format} algorithms, whose signature format is
 * the JOSE one (r || s, fixed size; RFC 7518 §3.4), so nothing is converted to or from DER.
 */
final class KeyEngine {

  private final String keyId;
  private final Algorithm algorithm;
  private final Key signingKey;
  private final Key verificationKey;

  /**
   * The length a JWS signature made with this key has; anything else is refused before any
   * arithmetic.
   */
  private final int signatureLength;

  /** The group order n, for the ECDSA range check; {@code null} for other families. */
  private final BigInteger ecOrder;

  private final ThreadLocal<Mac> macs;
  private final ThreadLocal<Signature> verifiers;
  private final ThreadLocal<Signature> signers;

  /**
   * @param signingKey {@code null} for a verification-only key
   */
  KeyEngine(String keyId, Algorithm algorithm, Key signingKey, Key verificationKey) {
    this.keyId = keyId;
    this.algorithm = algorithm;
    this.signingKey = signingKey;
    this.verificationKey = verificationKey;
    switch (algorithm.family()) {
      case HMAC -> {
        this.signatureLength = algorithm.minSecretBytes();
        this.ecOrder = null;
      }
      case RSA -> {
        this.signatureLength = (((RSAKey) verificationKey).getModulus().bitLength() + 7) / 8;
        this.ecOrder = null;
      }
      case EC -> {
        this.signatureLength = 2 * Crypto.ecCoordinateSize(algorithm);
        this.ecOrder = ((ECKey) verificationKey).getParams().getOrder();
      }
      default -> {
        this.signatureLength = 64;
        this.ecOrder = null;
      }
    }
    if (algorithm.isHmac()) {
      this.macs = ThreadLocal.withInitial(this::initMac);
      this.verifiers = null;
      this.signers = null;
    } else {
      this.macs = null;
      this.verifiers = ThreadLocal.withInitial(this::initVerifier);
      this.signers = signingKey == null ? null : ThreadLocal.withInitial(this::initSigner);
    }
  }

  int signatureLength() {
    return signatureLength;
  }

  /**
   * Verifies a JWS signature over {@code input[0, len)}. Never throws for attacker-controlled
   * signatures.
   *
   * @param sig the decoded signature
   */
  boolean verify(byte[] input, int len, byte[] sig) {
    if (sig.length != signatureLength) {
      return false;
    }
    if (macs != null) {
      Mac mac = macs.get();
      mac.update(input, 0, len);
      // Constant-time comparison: no timing oracle on the expected MAC.
      return MessageDigest.isEqual(mac.doFinal(), sig);
    }
    // r and s must lie in [1, n-1] before any arithmetic: CVE-2022-21449 ("psychic signatures")
    // accepted r = s = 0. The JDK checks it too; this check does not depend on the JDK's version.
    if (ecOrder != null && !Crypto.inEcdsaRange(sig, ecOrder)) {
      return false;
    }
    Signature v = verifiers.get();
    try {
      v.update(input, 0, len);
      return v.verify(sig);
    } catch (SignatureException | RuntimeException e) {
      verifiers.remove(); // state unknown after a failure: start afresh next time
      return false;
    }
  }

  /** Signs {@code input[0, len)} and returns the JWS signature (r || s for ECDSA). */
  byte[] sign(byte[] input, int len) {
    if (signingKey == null) {
      throw new IllegalStateException("key '" + keyId + "' is verification-only");
    }
    if (macs != null) {
      Mac mac = macs.get();
      mac.update(input, 0, len);
      return mac.doFinal();
    }
    Signature s = signers.get();
    try {
      s.update(input, 0, len);
      return s.sign();
    } catch (SignatureException | RuntimeException e) {
      signers.remove();
      throw new IllegalStateException("signing failed with key '" + keyId + "'", e);
    }
  }

  private Mac initMac() {
    try {
      Mac m = Crypto.newMac(algorithm);
      m.init(verificationKey);
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot compute " + algorithm.jwsName(), e);
    }
  }

  private Signature initVerifier() {
    try {
      Signature s = Crypto.newSignature(algorithm);
      s.initVerify((PublicKey) verificationKey);
      return s;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot compute " + algorithm.jwsName(), e);
    }
  }

  private Signature initSigner() {
    try {
      Signature s = Crypto.newSignature(algorithm);
      s.initSign((PrivateKey) signingKey);
      return s;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot compute " + algorithm.jwsName(), e);
    }
  }
}
