package dev.jwtsecurity.token;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Loads keys from PEM text (RFC 7468): {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo), {@code
 * CERTIFICATE} (X.509; its public key), and {@code PRIVATE KEY} (unencrypted PKCS#8), with the same
 * checks as keys loaded from JWK. Messages never contain key material.
 */
final class Pem {

  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";

  /** One decoded PEM block. */
  static final class Block {
    private final String label;
    private final byte[] der;

    Block(String label, byte[] der) {
      this.label = label;
      this.der = der;
    }

    String label() {
      return label;
    }

    byte[] der() {
      return der;
    }
  }

  private Pem() {}

  /**
   * Loads one key. The text holds either a public key, or one or more certificates (the first is
   * the key's own; the rest, a chain, are ignored), or a private key with optionally its public key
   * or certificate (which must then match).
   */
  static JwtKey load(String keyId, Algorithm algorithm, String pem) {
    if (algorithm.isHmac()) {
      throw new IllegalArgumentException(
          algorithm.jwsName()
              + " uses a shared secret, not a PEM key; use JwtKey.hmac or an oct JWK");
    }
    List<Block> blocks = parse(pem);
    byte[] privateDer = null;
    byte[] publicDer = null;
    X509Certificate cert = null;
    for (Block b : blocks) {
      switch (b.label()) {
        case "PRIVATE KEY" -> {
          if (privateDer != null) {
            throw new IllegalArgumentException("the PEM text holds more than one private key");
          }
          privateDer = b.der();
        }
        case "PUBLIC KEY" -> {
          if (publicDer != null || cert != null) {
            throw new IllegalArgumentException(
                "the PEM text holds more than one public key or certificate");
          }
          publicDer = b.der();
        }
        case "CERTIFICATE" -> {
          if (publicDer != null) {
            throw new IllegalArgumentException(
                "the PEM text holds both a public key and a certificate; keep one");
          }
          if (cert == null) {
            cert = certificate(b.der());
          }
        }
        default -> throw new IllegalArgumentException(refusedLabel(b.label()));
      }
    }
    PublicKey pub = null;
    if (publicDer != null) {
      pub = publicKey(algorithm, publicDer);
    } else if (cert != null) {
      pub = cert.getPublicKey();
    }
    if (privateDer == null) {
      if (pub == null) {
        throw new IllegalArgumentException(
            "the PEM text holds no PUBLIC KEY, CERTIFICATE or PRIVATE KEY block");
      }
      return JwtKey.verificationOnly(keyId, algorithm, pub);
    }
    PrivateKey priv = privateKey(algorithm, privateDer);
    PublicKey derived = derivePublic(algorithm, priv);
    if (pub != null && !Arrays.equals(pub.getEncoded(), derived.getEncoded())) {
      throw new IllegalArgumentException(
          "the PEM text's public key or certificate does not belong to its private key");
    }
    return JwtKey.ofKeyPair(keyId, algorithm, new KeyPair(derived, priv));
  }

  /** Splits PEM text into blocks; text outside blocks is allowed (RFC 7468 §5.2). */
  static List<Block> parse(String text) {
    List<Block> out = new ArrayList<>();
    int pos = 0;
    while (true) {
      int begin = text.indexOf(BEGIN, pos);
      if (begin < 0) {
        break;
      }
      int labelEnd = text.indexOf(DASHES, begin + BEGIN.length());
      if (labelEnd < 0) {
        throw new IllegalArgumentException("the PEM text has an unterminated BEGIN line");
      }
      String label = text.substring(begin + BEGIN.length(), labelEnd);
      if (!label.matches("[A-Z0-9 ]{1,64}")) {
        throw new IllegalArgumentException("the PEM text has a malformed BEGIN line");
      }
      String endLine = END + label + DASHES;
      int end = text.indexOf(endLine, labelEnd + DASHES.length());
      if (end < 0) {
        throw new IllegalArgumentException("the PEM block " + label + " has no matching END line");
      }
      String body = text.substring(labelEnd + DASHES.length(), end);
      if (body.contains(":")) {
        // RFC 1421 headers (Proc-Type, DEK-Info) mean a legacy encrypted key.
        throw new IllegalArgumentException(
            "the PEM block "
                + label
                + " is encrypted; export it unencrypted as PKCS#8 (openssl pkcs8 -topk8 -nocrypt)");
      }
      StringBuilder b64 = new StringBuilder(body.length());
      for (int i = 0; i < body.length(); i++) {
        char c = body.charAt(i);
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
          b64.append(c);
        }
      }
      byte[] der;
      try {
        der = Base64.getDecoder().decode(b64.toString());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the PEM block " + label + " is not valid base64");
      }
      if (der.length == 0) {
        throw new IllegalArgumentException("the PEM block " + label + " is empty");
      }
      out.add(new Block(label, der));
      pos = end + endLine.length();
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(
          "no PEM block found (expected -----BEGIN PUBLIC KEY-----, CERTIFICATE or PRIVATE KEY)");
    }
    return out;
  }

  private static String refusedLabel(String label) {
    return switch (label) {
      case "ENCRYPTED PRIVATE KEY" ->
          "the private key is encrypted; export it unencrypted as PKCS#8 (openssl pkcs8 -in key.pem"
              + " -out plain.pem) and protect the file instead";
      case "RSA PRIVATE KEY", "EC PRIVATE KEY" ->
          "the private key is in the legacy "
              + label.substring(0, label.indexOf(' '))
              + " format; convert it to PKCS#8 (openssl pkcs8 -topk8 -nocrypt -in key.pem -out"
              + " pkcs8.pem)";
      case "RSA PUBLIC KEY" ->
          "the public key is in the PKCS#1 format; convert it to a PUBLIC KEY block (openssl rsa"
              + " -RSAPublicKey_in -in key.pem -pubout)";
      default ->
          "PEM blocks of type "
              + label
              + " are not keys; use PUBLIC KEY, CERTIFICATE or PRIVATE KEY";
    };
  }

  private static X509Certificate certificate(byte[] der) {
    X509Certificate cert;
    try {
      cert =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      throw new IllegalArgumentException("the PEM CERTIFICATE is not a valid X.509 certificate");
    }
    // RFC 5280 §4.2.1.3: a certificate whose key usage is stated must allow signatures.
    boolean[] usage = cert.getKeyUsage();
    if (usage != null && (usage.length == 0 || !usage[0])) {
      throw new IllegalArgumentException(
          "the certificate's key usage does not include digitalSignature");
    }
    return cert;
  }

  private static KeyFactory factory(Algorithm alg) throws GeneralSecurityException {
    return KeyFactory.getInstance(
        switch (alg.family()) {
          case RSA -> "RSA";
          case EC -> "EC";
          default -> "Ed25519";
        });
  }

  private static PublicKey publicKey(Algorithm alg, byte[] der) {
    try {
      return factory(alg).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException(
          "the PEM PUBLIC KEY is not a " + familyName(alg) + " public key");
    }
  }

  private static PrivateKey privateKey(Algorithm alg, byte[] der) {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    try {
      return factory(alg).generatePrivate(spec);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException(
          "the PEM PRIVATE KEY is not a PKCS#8 " + familyName(alg) + " private key");
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  private static String familyName(Algorithm alg) {
    return switch (alg.family()) {
      case RSA -> "RSA";
      case EC -> "EC " + KeyChecks.curveName(alg);
      default -> "Ed25519";
    };
  }

  /** The public half, computed from the private key (so a mismatched pair cannot be loaded). */
  static PublicKey derivePublic(Algorithm alg, PrivateKey priv) {
    try {
      switch (alg.family()) {
        case RSA -> {
          if (!(priv instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalArgumentException(
                "the RSA private key lacks its CRT parameters; add its PUBLIC KEY block");
          }
          return KeyFactory.getInstance("RSA")
              .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        }
        case EC -> {
          ECParameterSpec want = KeyChecks.curve(alg);
          if (!(priv instanceof ECPrivateKey ec)
              || !want.getCurve().equals(ec.getParams().getCurve())) {
            throw new IllegalArgumentException(
                alg.jwsName() + " needs a key on " + familyName(alg));
          }
          ECPoint q = multiply(want, ec.getS());
          return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(q, want));
        }
        default -> {
          return ed25519Public(priv);
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot rebuild the public key", e);
    }
  }

  /**
   * The JDK offers no public call for an Ed25519 public key from its private key, but its key-pair
   * generator derives the pair from 32 random bytes (RFC 8032 §5.1.5): feeding it the private key
   * as those bytes yields the pair, which is then checked to hold that very private key.
   */
  private static PublicKey ed25519Public(PrivateKey priv) throws GeneralSecurityException {
    if (!(priv instanceof EdECPrivateKey ed)
        || !"Ed25519".equalsIgnoreCase(ed.getParams().getName())) {
      throw new IllegalArgumentException("EdDSA needs an Ed25519 key");
    }
    Optional<byte[]> bytes = ed.getBytes();
    if (bytes.isEmpty() || bytes.get().length != 32) {
      throw new IllegalArgumentException("the Ed25519 private key is not 32 bytes");
    }
    byte[] seed = bytes.get();
    KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
    g.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
    KeyPair kp = g.generateKeyPair();
    Optional<byte[]> got = ((EdECPrivateKey) kp.getPrivate()).getBytes();
    boolean same = got.isPresent() && Arrays.equals(got.get(), seed);
    Arrays.fill(seed, (byte) 0);
    got.ifPresent(b -> Arrays.fill(b, (byte) 0));
    if (!same) {
      throw new IllegalArgumentException(
          "cannot rebuild the Ed25519 public key on this JDK; add its PUBLIC KEY block");
    }
    return kp.getPublic();
  }

  /** A "random" source that returns the given bytes once, then fails. */
  @SuppressWarnings("serial")
  private static final class FixedBytes extends SecureRandom {
    private byte[] bytes;

    FixedBytes(byte[] bytes) {
      this.bytes = bytes.clone();
    }

    @Override
    public synchronized void nextBytes(byte[] out) {
      if (bytes == null || out.length != bytes.length) {
        throw new IllegalStateException("unexpected use of the fixed source");
      }
      System.arraycopy(bytes, 0, out, 0, out.length);
      Arrays.fill(bytes, (byte) 0);
      bytes = null;
    }
  }

  /**
   * {@code k·G} on a short Weierstrass curve, in affine coordinates. Not constant-time: it runs
   * once, when an operator's key file is loaded, never on input from a request.
   */
  static ECPoint multiply(ECParameterSpec spec, BigInteger k) {
    BigInteger n = spec.getOrder();
    if (k.signum() <= 0 || k.compareTo(n) >= 0) {
      throw new IllegalArgumentException("the EC private key is out of range");
    }
    BigInteger p = ((ECFieldFp) spec.getCurve().getField()).getP();
    BigInteger a = spec.getCurve().getA();
    ECPoint result = ECPoint.POINT_INFINITY;
    ECPoint addend = spec.getGenerator();
    for (int i = 0; i < k.bitLength(); i++) {
      if (k.testBit(i)) {
        result = add(result, addend, a, p);
      }
      addend = add(addend, addend, a, p);
    }
    return result;
  }

  private static ECPoint add(ECPoint s, ECPoint t, BigInteger a, BigInteger p) {
    if (s.equals(ECPoint.POINT_INFINITY)) {
      return t;
    }
    if (t.equals(ECPoint.POINT_INFINITY)) {
      return s;
    }
    BigInteger x1 = s.getAffineX();
    BigInteger y1 = s.getAffineY();
    BigInteger x2 = t.getAffineX();
    BigInteger y2 = t.getAffineY();
    BigInteger lambda;
    if (x1.equals(x2)) {
      if (!y1.equals(y2) || y1.signum() == 0) {
        return ECPoint.POINT_INFINITY;
      }
      BigInteger num = x1.multiply(x1).multiply(BigInteger.valueOf(3)).add(a);
      lambda = num.multiply(y1.shiftLeft(1).modInverse(p)).mod(p);
    } else {
      lambda = y2.subtract(y1).multiply(x2.subtract(x1).modInverse(p)).mod(p);
    }
    BigInteger x3 = lambda.multiply(lambda).subtract(x1).subtract(x2).mod(p);
    BigInteger y3 = lambda.multiply(x1.subtract(x3)).subtract(y1).mod(p);
    return new ECPoint(x3, y3);
  }
}
