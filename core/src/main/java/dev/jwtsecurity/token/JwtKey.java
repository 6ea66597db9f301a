package dev.jwtsecurity.token;

import dev.jwtsecurity.internal.LogSafe;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.OctetSequenceJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * One key, bound to exactly one {@link Algorithm} and identified by a {@code kid}. An HMAC key
 * signs and verifies; an asymmetric key signs when it holds the private half and verifies with the
 * public half.
 *
 * <pre>{@code
 * JwtKey key = JwtKey.hmac("2026-11", Algorithm.HS256, secretBytes);
 * JwtKey fromFile = JwtKey.fromJwk(Files.readString(privateJwkFile), Algorithm.ES256);
 * List<JwtKey> previous = JwtKey.fromJwkSet(Files.readString(publicJwksFile), Algorithm.ES256);
 *
 * JwtKey fresh = JwtKey.generate(Algorithm.ES256, "2026-12", new SecureRandom());
 * String publicJwk = fresh.toPublicJwk();      // safe to publish
 * String privateJwk = fresh.toPrivateJwk();    // a secret: store it like a password
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <p>{@link #toString()}, {@link #equals} and {@link #hashCode} never reveal key material; only
 * {@link #toPrivateJwk()} does, and its name says so. Keys are checked when loaded: HMAC secrets
 * shorter than the hash output (RFC 7518 §3.2), RSA keys under 2048 bits, EC keys on another curve
 * or off the curve, and private keys that do not match their public key are refused. The entropy of
 * a configured secret is checked by {@code dev.jwtsecurity.config}.
 *
 * <p>JWK loading ({@link #fromJwk}, {@link #fromJwkSet}) refuses a JWK whose {@code use} is not
 * {@code sig}, whose {@code key_ops} allow neither the job at hand, or whose own {@code alg}
 * differs from the configured algorithm (RFC 7517 §4.2-4.4). A JWK without {@code kid} gets its RFC
 * 7638 SHA-256 thumbprint as key id.
 */
public final class JwtKey {

  /**
   * Longest {@code kid} accepted, in UTF-16 code units. RFC 7517 §4.5 makes a key id any string;
   * the cap only keeps a hostile key set or header from growing maps and log lines.
   */
  static final int MAX_KID_LENGTH = 128;

  private final String keyId;
  private final Algorithm algorithm;
  private final Key signingKey;
  private final Key verificationKey;

  /**
   * Expected length of a JWS signature made with this key; anything else is refused before any
   * arithmetic.
   */
  private final int signatureLength;

  /** The group order n, for the ECDSA range check. */
  private final BigInteger ecOrder;

  /**
   * {@code base64url({"alg":..,"typ":"at+jwt","kid":..}) + "."}, ASCII, written once per key (issue
   * 9).
   */
  private final byte[] accessTokenHeader;

  /**
   * What {@link #accessTokenHeader} parses to, so that a token carrying it needs no header parse
   * (issue 9).
   */
  private final Map<String, Object> accessTokenHeaderMap;

  // Initialised JCA objects per thread: no provider look-up, no init and no shared lock per call
  // (issue 9).
  private final ThreadLocal<Mac> macs;
  private final ThreadLocal<Signature> verifiers;
  private final ThreadLocal<Signature> signers;

  private JwtKey(String keyId, Algorithm algorithm, Key signingKey, Key verificationKey) {
    this.keyId = checkKid(keyId);
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    this.signingKey = signingKey;
    this.verificationKey = Objects.requireNonNull(verificationKey, "verificationKey");
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
    // Written as JSON, not pasted: a kid may hold quotes, backslashes and any Unicode.
    JsonWriter header =
        new JsonWriter(64 + 3 * keyId.length())
            .beginObject()
            .member("alg", algorithm.jwsName())
            .member("typ", "at+jwt")
            .member("kid", keyId)
            .endObject();
    byte[] h = header.buffer();
    int hLen = header.length();
    byte[] enc = new byte[Base64Url.encodedLength(hLen) + 1];
    int end = Base64Url.encode(h, 0, hLen, enc, 0);
    enc[end] = '.';
    this.accessTokenHeader = enc;
    this.accessTokenHeaderMap = Map.of("alg", algorithm.jwsName(), "typ", "at+jwt", "kid", keyId);
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

  /**
   * Returns an HMAC key.
   *
   * @param keyId the {@code kid}: 1-128 characters, no control characters
   * @param algorithm HS256, HS384 or HS512
   * @param secret the secret; copied
   * @return a key that signs and verifies
   * @throws IllegalArgumentException if the algorithm is not HMAC or the secret is shorter than its
   *     hash output
   */
  public static JwtKey hmac(String keyId, Algorithm algorithm, byte[] secret) {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(secret, "secret");
    if (!algorithm.isHmac()) {
      throw new IllegalArgumentException(
          algorithm.jwsName() + " is not an HMAC algorithm; use JwtKey.ofKeyPair");
    }
    if (secret.length < algorithm.minSecretBytes()) {
      throw new IllegalArgumentException(
          algorithm.jwsName()
              + " needs a secret of at least "
              + algorithm.minSecretBytes()
              + " bytes; generate one with 'jwt-security keygen'");
    }
    byte[] copy = Arrays.copyOf(secret, secret.length);
    SecretKey k = new SecretKeySpec(copy, macName(algorithm));
    Arrays.fill(copy, (byte) 0);
    return new JwtKey(keyId, algorithm, k, k);
  }

  /**
   * Returns a key that signs with the private key and verifies with the public key.
   *
   * @param keyId the {@code kid}
   * @param algorithm an asymmetric algorithm matching the key type
   * @param keyPair the key pair
   * @return a signing key
   * @throws IllegalArgumentException if the algorithm is HMAC, does not fit the key, or the halves
   *     do not match
   */
  public static JwtKey ofKeyPair(String keyId, Algorithm algorithm, KeyPair keyPair) {
    Objects.requireNonNull(keyPair, "keyPair");
    Objects.requireNonNull(keyPair.getPrivate(), "keyPair.getPrivate()");
    JwtKey k = asymmetric(keyId, algorithm, keyPair.getPrivate(), keyPair.getPublic());
    KeyChecks.checkPrivateMatches(algorithm, keyPair.getPrivate(), keyPair.getPublic());
    return k;
  }

  /**
   * Returns a key that only verifies.
   *
   * @param keyId the {@code kid}
   * @param algorithm an asymmetric algorithm matching the key type
   * @param publicKey the public key
   * @return a verification-only key
   * @throws IllegalArgumentException if the algorithm is HMAC or does not fit the key
   */
  public static JwtKey verificationOnly(String keyId, Algorithm algorithm, PublicKey publicKey) {
    return asymmetric(keyId, algorithm, null, Objects.requireNonNull(publicKey, "publicKey"));
  }

  private static JwtKey asymmetric(
      String keyId, Algorithm algorithm, PrivateKey priv, PublicKey pub) {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(pub, "publicKey");
    if (algorithm.isHmac()) {
      throw new IllegalArgumentException(
          algorithm.jwsName() + " is an HMAC algorithm; use JwtKey.hmac");
    }
    KeyChecks.checkAsymmetric(algorithm, pub);
    return new JwtKey(keyId, algorithm, priv, pub);
  }

  /**
   * Generates a fresh key: a random secret of the hash size for HS*, RSA 3072 bits for RS and PS,
   * the algorithm's curve for ES, Ed25519 for EdDSA.
   *
   * @param algorithm the algorithm the key is bound to
   * @param keyId the {@code kid}
   * @param random the randomness source
   * @return a signing key
   * @throws IllegalArgumentException if the key id is malformed
   */
  public static JwtKey generate(Algorithm algorithm, String keyId, SecureRandom random) {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(random, "random");
    checkKid(keyId);
    if (algorithm.isHmac()) {
      byte[] secret = new byte[algorithm.minSecretBytes()];
      random.nextBytes(secret);
      try {
        return hmac(keyId, algorithm, secret);
      } finally {
        Arrays.fill(secret, (byte) 0);
      }
    }
    try {
      KeyPairGenerator g;
      switch (algorithm.family()) {
        case RSA -> {
          g = KeyPairGenerator.getInstance("RSA");
          g.initialize(new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4), random);
        }
        case EC -> {
          g = KeyPairGenerator.getInstance("EC");
          String curve =
              switch (algorithm) {
                case ES256 -> "secp256r1";
                case ES384 -> "secp384r1";
                default -> "secp521r1";
              };
          g.initialize(new ECGenParameterSpec(curve), random);
        }
        default -> {
          g = KeyPairGenerator.getInstance("Ed25519");
          g.initialize(NamedParameterSpec.ED25519, random);
        }
      }
      return ofKeyPair(keyId, algorithm, g.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "this JDK cannot generate " + algorithm.jwsName() + " keys", e);
    }
  }

  /**
   * Loads one JWK (RFC 7517): {@code oct} for HS*, {@code RSA} for RS and PS, {@code EC} for ES,
   * {@code OKP} with {@code Ed25519} for EdDSA. A private JWK (or an {@code oct} JWK) gives a key
   * that signs, unless its {@code key_ops} list only {@code verify}; a public JWK gives a
   * verification-only key.
   *
   * <p>Refused: malformed JSON (including duplicate members), a {@code kty} that does not fit
   * {@code algorithm}, {@code use} other than {@code sig}, {@code key_ops} allowing neither signing
   * nor verifying as needed, a JWK {@code alg} other than {@code algorithm}, a {@code kid} longer
   * than 128 characters or with control characters, and the checks of {@link #hmac}, {@link
   * #ofKeyPair} and {@link #verificationOnly}. The key id is the JWK's {@code kid}, or its RFC 7638
   * SHA-256 thumbprint when it has none. The exception message never contains key material.
   *
   * @param jwkJson the JWK as JSON text
   * @param algorithm the one algorithm the key will be used with
   * @return the key
   * @throws IllegalArgumentException if the JWK is malformed or refused, with a message saying why
   */
  public static JwtKey fromJwk(String jwkJson, Algorithm algorithm) {
    Objects.requireNonNull(jwkJson, "jwkJson");
    Objects.requireNonNull(algorithm, "algorithm");
    Map<String, Object> members = strictJson(jwkJson);
    if (members.containsKey("keys")) {
      throw new IllegalArgumentException("this is a JWK Set, not a JWK; use JwtKey.fromJwkSet");
    }
    JsonWebKey jwk;
    try {
      jwk = JsonWebKey.Factory.newJwk(jwkJson);
    } catch (JoseException | RuntimeException e) {
      // The cause is not chained: its message may quote key material.
      throw new IllegalArgumentException(
          "the JWK is not a usable key (check kty, crv and the key members)");
    }
    return fromParsedJwk(jwk, algorithm);
  }

  /**
   * Loads every key of a JWK Set ({@code {"keys":[...]}}, RFC 7517 §5), each bound to {@code
   * algorithm} and checked as in {@link #fromJwk}. A single JWK (an object without {@code keys}) is
   * accepted too, as a set of one.
   *
   * @param json the JWK Set (or a single JWK) as JSON text
   * @param algorithm the one algorithm every key will be used with
   * @return the keys, in order; never empty
   * @throws IllegalArgumentException if the set is malformed or empty, any key is refused, or two
   *     keys share a kid
   */
  public static List<JwtKey> fromJwkSet(String json, Algorithm algorithm) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(algorithm, "algorithm");
    Map<String, Object> members = strictJson(json);
    if (!members.containsKey("keys")) {
      return List.of(fromJwk(json, algorithm));
    }
    if (!(members.get("keys") instanceof List<?> list) || list.isEmpty()) {
      throw new IllegalArgumentException(
          "the JWK Set's \"keys\" must be a non-empty array of JWKs");
    }
    List<JsonWebKey> jwks;
    try {
      jwks = new JsonWebKeySet(json).getJsonWebKeys();
    } catch (JoseException | RuntimeException e) {
      throw new IllegalArgumentException(
          "the JWK Set holds a key that is not usable (check kty, crv and members)");
    }
    if (jwks.size() != list.size()) {
      // jose4j skips keys it cannot read; we refuse instead of silently dropping one.
      throw new IllegalArgumentException(
          "the JWK Set holds a key that is not usable (check kty, crv and members)");
    }
    List<JwtKey> out = new ArrayList<>(jwks.size());
    Set<String> kids = new HashSet<>();
    for (JsonWebKey jwk : jwks) {
      JwtKey k = fromParsedJwk(jwk, algorithm);
      if (!kids.add(k.keyId())) {
        throw new IllegalArgumentException(
            "two keys of the JWK Set share the kid '" + k.keyId() + "'");
      }
      out.add(k);
    }
    return List.copyOf(out);
  }

  /**
   * Loads a key from PEM text (RFC 7468), as OpenSSL and most identity providers write it:
   *
   * <ul>
   *   <li>{@code -----BEGIN PUBLIC KEY-----} (X.509 SubjectPublicKeyInfo): a verification-only key;
   *   <li>{@code -----BEGIN CERTIFICATE-----}: a verification-only key holding the certificate's
   *       public key; further certificates (a chain) are ignored, and so are the validity dates,
   *       since the certificate only carries the key. A certificate whose key usage is stated must
   *       allow {@code digitalSignature};
   *   <li>{@code -----BEGIN PRIVATE KEY-----} (unencrypted PKCS#8): a signing key; the public half
   *       is computed from it, and a {@code PUBLIC KEY} or {@code CERTIFICATE} block beside it must
   *       match.
   * </ul>
   *
   * <pre>{@code
   * JwtKey provider = JwtKey.fromPem("idp-2026", Algorithm.RS256, Files.readString(Path.of("idp.pem")));
   * }</pre>
   *
   * <p>The key checks are those of {@link #verificationOnly} and {@link #ofKeyPair}: RSA keys of at
   * least 2048 bits, EC keys on the algorithm's curve, Ed25519 for EdDSA. Encrypted and legacy
   * (PKCS#1, SEC1) private keys are refused with the OpenSSL command that converts them. The
   * exception message never contains key material.
   *
   * @param keyId the {@code kid}
   * @param algorithm the one asymmetric algorithm the key will be used with
   * @param pem the PEM text
   * @return the key
   * @throws IllegalArgumentException if the text holds no usable key, or the key is refused
   */
  public static JwtKey fromPem(String keyId, Algorithm algorithm, String pem) {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(pem, "pem");
    return Pem.load(keyId, algorithm, pem);
  }

  private static Map<String, Object> strictJson(String json) {
    try {
      return Json.parseObject(json, 4);
    } catch (Json.MalformedJsonException e) {
      throw new IllegalArgumentException(
          "the JWK is not a well-formed JSON object (duplicate members and trailing data are refused)");
    }
  }

  private static JwtKey fromParsedJwk(JsonWebKey jwk, Algorithm algorithm) {
    String expectedKty =
        switch (algorithm.family()) {
          case HMAC -> "oct";
          case RSA -> "RSA";
          case EC -> "EC";
          case OKP -> "OKP";
        };
    if (!expectedKty.equals(jwk.getKeyType())) {
      throw new IllegalArgumentException(
          algorithm.jwsName()
              + " needs a JWK with kty \""
              + expectedKty
              + "\", not \""
              + LogSafe.clean(jwk.getKeyType(), 16)
              + "\"");
    }
    // RFC 7517 §4.2: a key meant for encryption must not be used to sign.
    if (jwk.getUse() != null && !"sig".equals(jwk.getUse())) {
      throw new IllegalArgumentException(
          "the JWK's \"use\" is not \"sig\"; a key is used for one purpose only");
    }
    // RFC 7517 §4.4: a JWK's own alg binds it to that algorithm.
    if (jwk.getAlgorithm() != null && !algorithm.jwsName().equals(jwk.getAlgorithm())) {
      throw new IllegalArgumentException(
          "the JWK is for "
              + LogSafe.clean(jwk.getAlgorithm(), 16)
              + " but "
              + algorithm.jwsName()
              + " is configured");
    }
    String kid = jwk.getKeyId();
    if (kid == null) {
      kid = jwk.calculateBase64urlEncodedThumbprint("SHA-256"); // RFC 7638
    } else {
      checkKid(kid);
    }
    List<String> ops = jwk.getKeyOps();
    boolean hasSecret =
        jwk instanceof OctetSequenceJsonWebKey
            || (jwk instanceof PublicJsonWebKey p && p.getPrivateKey() != null);
    boolean sign = hasSecret && (ops == null || ops.contains("sign"));
    // RFC 7517 §4.3: key_ops, when present, lists what the key may do.
    if (ops != null && !sign && !ops.contains("verify")) {
      throw new IllegalArgumentException(
          "the JWK's \"key_ops\" allow neither \""
              + (hasSecret ? "sign" : "verify")
              + "\" nor what it is loaded for");
    }
    if (jwk instanceof OctetSequenceJsonWebKey oct) {
      byte[] secret = oct.getOctetSequence();
      try {
        JwtKey k = hmac(kid, algorithm, secret);
        return sign ? k : k.withoutSigning();
      } finally {
        Arrays.fill(secret, (byte) 0);
      }
    }
    PublicJsonWebKey pub = (PublicJsonWebKey) jwk;
    if (sign) {
      return ofKeyPair(kid, algorithm, new KeyPair(pub.getPublicKey(), pub.getPrivateKey()));
    }
    return verificationOnly(kid, algorithm, pub.getPublicKey());
  }

  /**
   * Returns this key as a private JWK, with {@code kid}, {@code alg} and {@code use: sig}: an
   * {@code oct} JWK holding the secret for HS*, or the private key with its public half otherwise.
   *
   * <p><strong>Security:</strong> the result is a secret. Write it only to a file readable by the
   * service, never to a log.
   *
   * @return the JWK as JSON text
   * @throws IllegalStateException if this key cannot sign (it holds no private key)
   */
  public String toPrivateJwk() {
    if (signingKey == null) {
      throw new IllegalStateException(
          "key '" + keyId + "' is verification-only and has no private JWK");
    }
    try {
      JsonWebKey jwk;
      if (algorithm.isHmac()) {
        jwk = new OctetSequenceJsonWebKey(signingKey);
      } else {
        PublicJsonWebKey p = PublicJsonWebKey.Factory.newPublicJwk(verificationKey);
        p.setPrivateKey((PrivateKey) signingKey);
        jwk = p;
      }
      describe(jwk);
      return jwk.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
    } catch (JoseException e) {
      throw new IllegalStateException("cannot write key '" + keyId + "' as a JWK", e);
    }
  }

  /**
   * Returns the public half of this key as a JWK with {@code kid}, {@code alg} and {@code use:
   * sig}, safe to publish (for example in a JWK Set that verifiers load).
   *
   * @return the public JWK as JSON text
   * @throws IllegalStateException for HMAC keys, which have no public half
   */
  public String toPublicJwk() {
    if (algorithm.isHmac()) {
      throw new IllegalStateException(
          "HMAC keys have no public half; share the secret JWK only with verifiers");
    }
    try {
      PublicJsonWebKey p = PublicJsonWebKey.Factory.newPublicJwk(verificationKey);
      describe(p);
      return p.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    } catch (JoseException e) {
      throw new IllegalStateException("cannot write key '" + keyId + "' as a JWK", e);
    }
  }

  /**
   * Returns a JWK Set holding the public JWKs of {@code keys}, for publishing or for {@link
   * #fromJwkSet}.
   *
   * @param keys asymmetric keys
   * @return {@code {"keys":[...]}} as JSON text
   * @throws IllegalStateException if a key is an HMAC key
   */
  public static String toPublicJwkSet(List<JwtKey> keys) {
    StringBuilder sb = new StringBuilder("{\"keys\":[");
    for (int i = 0; i < keys.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(keys.get(i).toPublicJwk());
    }
    return sb.append("]}").toString();
  }

  private void describe(JsonWebKey jwk) {
    jwk.setKeyId(keyId);
    jwk.setAlgorithm(algorithm.jwsName());
    jwk.setUse("sig");
  }

  /**
   * Returns this key with the private or secret half removed, for keeping a retired signing key as
   * verification-only. For HMAC keys the secret is needed to verify, so it stays, but the key no
   * longer {@link #canSign() signs}.
   *
   * @return a verification-only copy
   */
  public JwtKey withoutSigning() {
    return new JwtKey(keyId, algorithm, null, verificationKey);
  }

  /**
   * Returns the {@code kid}.
   *
   * @return the key id
   */
  public String keyId() {
    return keyId;
  }

  /**
   * Returns the one algorithm this key is used with.
   *
   * @return the algorithm
   */
  public Algorithm algorithm() {
    return algorithm;
  }

  /**
   * Returns whether this key can sign.
   *
   * @return {@code true} when it holds the secret or private key and is not verification-only
   */
  public boolean canSign() {
    return signingKey != null;
  }

  Key signingKey() {
    if (signingKey == null) {
      throw new IllegalStateException("key '" + keyId + "' is verification-only");
    }
    return signingKey;
  }

  Key verificationKey() {
    return verificationKey;
  }

  byte[] accessTokenHeader() {
    return accessTokenHeader;
  }

  Map<String, Object> accessTokenHeaderMap() {
    return accessTokenHeaderMap;
  }

  int signatureLength() {
    return signatureLength;
  }

  /**
   * Verifies a JWS signature over {@code input[0, len)}. Never throws for attacker-controlled
   * signatures.
   *
   * @param sig the decoded signature, already of {@link #signatureLength()} bytes
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
    byte[] jcaSig = sig;
    if (ecOrder != null) {
      jcaSig = Crypto.rawToDer(sig, ecOrder);
      if (jcaSig == null) {
        return false;
      }
    }
    Signature v = verifiers.get();
    try {
      v.update(input, 0, len);
      return v.verify(jcaSig);
    } catch (SignatureException | RuntimeException e) {
      verifiers.remove(); // state unknown after a failure: start afresh next time
      return false;
    }
  }

  /** Signs {@code input[0, len)} and returns the JWS signature (raw r || s for ECDSA). */
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
      byte[] sig = s.sign();
      return ecOrder != null ? Crypto.derToRaw(sig, Crypto.ecCoordinateSize(algorithm)) : sig;
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

  static String macName(Algorithm a) {
    return switch (a) {
      case HS256 -> "HmacSHA256";
      case HS384 -> "HmacSHA384";
      case HS512 -> "HmacSHA512";
      default -> throw new IllegalArgumentException(a.jwsName());
    };
  }

  /**
   * The key-id rule (RFC 7517 §4.5: any string): 1 to {@value #MAX_KID_LENGTH} characters, no
   * control character (C0, DEL, C1), well-formed UTF-16. A kid is only ever a map key, never part
   * of a path, URL or query, and is cleaned before it reaches a log line.
   */
  static String checkKid(String kid) {
    Objects.requireNonNull(kid, "keyId");
    boolean ok = !kid.isEmpty() && kid.length() <= MAX_KID_LENGTH && JsonWriter.isWellFormed(kid);
    for (int i = 0; ok && i < kid.length(); i++) {
      char c = kid.charAt(i);
      ok = c >= 0x20 && (c < 0x7f || c > 0x9f);
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "key ids are 1-" + MAX_KID_LENGTH + " characters without control characters");
    }
    return kid;
  }

  @Override
  public String toString() {
    return "JwtKey[kid=" + keyId + ", alg=" + algorithm.jwsName() + ", key=redacted]";
  }
}
