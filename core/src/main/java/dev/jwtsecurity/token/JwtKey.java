package dev.jwtsecurity.token;

import dev.jwtsecurity.internal.JsonWriter;
import dev.jwtsecurity.internal.SettingRules;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

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

  private final String keyId;
  private final Algorithm algorithm;
  private final Key signingKey;
  private final Key verificationKey;

  /**
   * {@code base64url({"alg":..,"typ":"at+jwt","kid":..}) + "."}, ASCII, written once per key rather
   * than once per token.
   */
  private final byte[] accessTokenHeader;

  /**
   * What {@link #accessTokenHeader} parses to, so that a token carrying it needs no header parse.
   */
  private final Map<String, Object> accessTokenHeaderMap;

  private final KeyEngine engine;

  private JwtKey(String keyId, Algorithm algorithm, Key signingKey, Key verificationKey) {
    this.keyId = checkKid(keyId);
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    this.signingKey = signingKey;
    this.verificationKey = Objects.requireNonNull(verificationKey, "verificationKey");
    // RFC 7517 allows any kid: written as a JSON string (escaped, UTF-8), never spliced in raw.
    JsonWriter header = new JsonWriter(64 + 6 * keyId.length());
    header
        .beginObject()
        .member("alg", algorithm.jwsName())
        .member("typ", "at+jwt")
        .member("kid", keyId)
        .endObject();
    byte[] enc = new byte[Base64Url.encodedLength(header.length()) + 1];
    int end = Base64Url.encode(header.buffer(), 0, header.length(), enc, 0);
    enc[end] = '.';
    this.accessTokenHeader = enc;
    this.accessTokenHeaderMap = Map.of("alg", algorithm.jwsName(), "typ", "at+jwt", "kid", keyId);
    this.engine = new KeyEngine(keyId, algorithm, signingKey, verificationKey);
  }

  /**
   * Returns an HMAC key.
   *
   * @param keyId the {@code kid}: any 1 to 256 characters without control characters
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
    SecretKey k = new SecretKeySpec(copy, Crypto.macName(algorithm));
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
   * nor verifying as needed, a JWK {@code alg} other than {@code algorithm}, a {@code kid} outside
   * 1 to 256 characters without control characters, and the checks of {@link #hmac}, {@link
   * #ofKeyPair} and {@link #verificationOnly}. The key id is the JWK's {@code kid}, or its RFC 7638
   * SHA-256 thumbprint when it has none. The exception message never contains key material.
   *
   * @param jwkJson the JWK as JSON text
   * @param algorithm the one algorithm the key will be used with
   * @return the key
   * @throws IllegalArgumentException if the JWK is malformed or refused, with a message saying why
   */
  public static JwtKey fromJwk(String jwkJson, Algorithm algorithm) {
    return Jwks.fromJwk(jwkJson, algorithm);
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
    return Jwks.fromJwkSet(json, algorithm);
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
   * @param keyId the {@code kid}: any 1 to 256 characters without control characters
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
    return Jwks.toPrivateJwk(this);
  }

  /**
   * Returns the public half of this key as a JWK with {@code kid}, {@code alg} and {@code use:
   * sig}, safe to publish (for example in a JWK Set that verifiers load).
   *
   * @return the public JWK as JSON text
   * @throws IllegalStateException for HMAC keys, which have no public half
   */
  public String toPublicJwk() {
    return Jwks.toPublicJwk(this);
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
    return Jwks.toPublicJwkSet(keys);
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
    return engine.signatureLength();
  }

  /** Verifies a JWS signature over {@code input[0, len)}; never throws for a bad signature. */
  boolean verify(byte[] input, int len, byte[] sig) {
    return engine.verify(input, len, sig);
  }

  /** Signs {@code input[0, len)} and returns the JWS signature. */
  byte[] sign(byte[] input, int len) {
    return engine.sign(input, len);
  }

  private static String checkKid(String kid) {
    return SettingRules.keyId(kid);
  }

  @Override
  public String toString() {
    return "JwtKey[kid=" + keyId + ", alg=" + algorithm.jwsName() + ", key=redacted]";
  }
}
