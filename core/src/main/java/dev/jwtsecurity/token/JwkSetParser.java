package dev.jwtsecurity.token;

import dev.jwtsecurity.internal.SettingRules;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JWK Set that came over the network (RFC 7517 §5) into verification keys, refusing what a
 * provider must never publish and reporting each refusal, so that one bad key neither poisons the
 * set nor goes unnoticed. The set as a whole is refused only when it is not a JWK Set at all.
 *
 * <p>Per key, in order:
 *
 * <ol>
 *   <li>private or secret material ({@code d}, {@code p}, {@code q}, {@code dp}, {@code dq}, {@code
 *       qi}, {@code oth}, {@code k}) refuses the key ({@code PRIVATE_KEY_MATERIAL}), whatever its
 *       {@code use}: a published private key is compromised;
 *   <li>keys not for signatures ({@code use} other than {@code sig}, {@code key_ops} without {@code
 *       verify}) are skipped without a report: providers publish encryption keys beside signing
 *       keys;
 *   <li>the algorithm comes from the key's own {@code alg} ({@code none} refused, anything outside
 *       the allow-list refused), or, without {@code alg}, from {@code kty}/{@code crv}: the one
 *       allowed algorithm that fits, refused when none or several fit (RFC 8725 §3.1);
 *   <li>the key itself: {@code kty} known, members well formed, RSA of at least 2048 bits with a
 *       sane exponent, EC points on the named curve, Ed25519 for OKP;
 *   <li>key ids: the {@code kid} rule of {@link JwtKey}; a key without {@code kid} gets its RFC
 *       7638 thumbprint; two usable keys with one {@code kid} are both refused ({@code
 *       DUPLICATE_KID}), since the token could not say which it means.
 * </ol>
 */
final class JwkSetParser {

  /** Why one key of a remote set was not taken. Names appear in security events. */
  enum KeyRefusal {
    /** The key carries private or secret material (a private key, or an {@code oct} secret). */
    PRIVATE_KEY_MATERIAL,
    /** The key's {@code alg} is {@code none}. */
    ALG_NONE,
    /** The key's algorithm is not on the allow-list (or not a JWS algorithm this library knows). */
    ALGORITHM_NOT_ALLOWED,
    /** No {@code alg}, and several allowed algorithms fit the key type. */
    AMBIGUOUS_ALGORITHM,
    /** {@code kty} is missing or not one of RSA, EC, OKP. */
    UNKNOWN_KEY_TYPE,
    /** RSA under 2048 bits, or a weak public exponent. */
    WEAK_KEY,
    /** Members missing or malformed, the wrong curve, a point off the curve. */
    INVALID_KEY,
    /** The {@code kid} breaks the key-id rule. */
    INVALID_KID,
    /** Two usable keys share the {@code kid}. */
    DUPLICATE_KID
  }

  /** One refused key: its {@code kid} when it had a readable one, and why. */
  record Refused(String kid, KeyRefusal reason) {}

  /** The usable keys (never with a repeated kid) and the refusals. */
  record Result(List<JwtKey> keys, List<Refused> refused) {}

  /** The document is not a JWK Set. */
  static final class NotAJwkSet extends Exception {
    private static final long serialVersionUID = 1L;

    NotAJwkSet() {
      super("not a JWK Set", null, false, false);
    }
  }

  private static final List<String> PRIVATE_MEMBERS =
      List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

  private JwkSetParser() {}

  static Result parse(Map<String, Object> doc, Set<Algorithm> allowed) throws NotAJwkSet {
    if (!(doc.get("keys") instanceof List<?> list)) {
      throw new NotAJwkSet();
    }
    Map<String, JwtKey> byKid = new LinkedHashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    List<Refused> refused = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof Map<?, ?>)) {
        refused.add(new Refused(null, KeyRefusal.INVALID_KEY));
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> jwk = (Map<String, Object>) o;
      Object kidValue = jwk.get("kid");
      String kid = kidValue instanceof String s ? s : null;
      try {
        JwtKey key = key(jwk, allowed);
        if (key == null) {
          continue; // not a signing key: skipped, not refused
        }
        if (seen.merge(key.keyId(), 1, Integer::sum) == 1) {
          byKid.put(key.keyId(), key);
        } else if (byKid.remove(key.keyId()) != null) {
          refused.add(new Refused(key.keyId(), KeyRefusal.DUPLICATE_KID));
        }
      } catch (Refusal r) {
        refused.add(new Refused(kid, r.reason));
      }
    }
    return new Result(List.copyOf(byKid.values()), List.copyOf(refused));
  }

  /** A key refused for {@link #reason}; stackless, never carries key material. */
  private static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient KeyRefusal reason;

    Refusal(KeyRefusal reason) {
      super(reason.name(), null, false, false);
      this.reason = reason;
    }
  }

  /** The verification key, or {@code null} for a key that is not for signatures. */
  private static JwtKey key(Map<String, Object> jwk, Set<Algorithm> allowed) throws Refusal {
    for (String m : PRIVATE_MEMBERS) {
      if (jwk.containsKey(m)) {
        throw new Refusal(KeyRefusal.PRIVATE_KEY_MATERIAL);
      }
    }
    Object kty = jwk.get("kty");
    if (!(kty instanceof String type)
        || !(type.equals("RSA") || type.equals("EC") || type.equals("OKP"))) {
      // "oct" without k is nonsense too: every other kty is unknown here.
      throw new Refusal(KeyRefusal.UNKNOWN_KEY_TYPE);
    }
    // RFC 7517 §4.2, §4.3: only keys for signatures, and whose operations allow verifying.
    Object use = jwk.get("use");
    if (use != null && !(use instanceof String)) {
      throw new Refusal(KeyRefusal.INVALID_KEY);
    }
    if (use != null && !use.equals("sig")) {
      return null;
    }
    Object ops = jwk.get("key_ops");
    if (ops != null) {
      if (!JwsVerification.isStringArray(ops)) {
        throw new Refusal(KeyRefusal.INVALID_KEY);
      }
      if (!((List<?>) ops).contains("verify")) {
        return null;
      }
    }
    Object crvValue = jwk.get("crv");
    if (crvValue != null && !(crvValue instanceof String)) {
      throw new Refusal(KeyRefusal.INVALID_KEY);
    }
    String crv = (String) crvValue;
    Algorithm alg = algorithm(jwk.get("alg"), type, crv, allowed);
    Object kidValue = jwk.get("kid");
    if (kidValue != null && !(kidValue instanceof String)) {
      throw new Refusal(KeyRefusal.INVALID_KID);
    }
    if (kidValue != null) {
      try {
        SettingRules.keyId((String) kidValue);
      } catch (IllegalArgumentException e) {
        throw new Refusal(KeyRefusal.INVALID_KID);
      }
    }
    PublicKey pub = publicKey(jwk, type, crv, alg);
    String kid = kidValue != null ? (String) kidValue : thumbprint(jwk, type);
    try {
      // The load-time checks every key gets: curve, point on the curve, RSA size.
      return JwtKey.verificationOnly(kid, alg, pub);
    } catch (IllegalArgumentException e) {
      throw new Refusal(KeyRefusal.INVALID_KEY);
    }
  }

  /** The key's one algorithm: its own {@code alg}, or the one allowed algorithm its type fits. */
  private static Algorithm algorithm(
      Object algValue, String kty, String crv, Set<Algorithm> allowed) throws Refusal {
    if (algValue != null) {
      if (!(algValue instanceof String name)) {
        throw new Refusal(KeyRefusal.INVALID_KEY);
      }
      // RFC 8725 §3.1: never "none", in any capitalisation.
      if (name.toLowerCase(Locale.ROOT).equals("none")) {
        throw new Refusal(KeyRefusal.ALG_NONE);
      }
      Algorithm a = null;
      for (Algorithm x : allowed) {
        if (x.jwsName().equals(name)) {
          a = x;
        }
      }
      if (a == null) {
        throw new Refusal(KeyRefusal.ALGORITHM_NOT_ALLOWED);
      }
      if (!fits(a, kty, crv)) {
        throw new Refusal(KeyRefusal.INVALID_KEY);
      }
      return a;
    }
    Algorithm only = null;
    for (Algorithm x : allowed) {
      if (fits(x, kty, crv)) {
        if (only != null) {
          throw new Refusal(KeyRefusal.AMBIGUOUS_ALGORITHM);
        }
        only = x;
      }
    }
    if (only == null) {
      throw new Refusal(KeyRefusal.ALGORITHM_NOT_ALLOWED);
    }
    return only;
  }

  private static boolean fits(Algorithm a, String kty, String crv) {
    return switch (a.family()) {
      case RSA -> kty.equals("RSA");
      case EC -> kty.equals("EC") && KeyChecks.curveName(a).equals(crv);
      case OKP -> kty.equals("OKP") && "Ed25519".equals(crv);
      case HMAC -> false;
    };
  }

  private static PublicKey publicKey(Map<String, Object> jwk, String kty, String crv, Algorithm a)
      throws Refusal {
    try {
      switch (kty) {
        case "RSA" -> {
          BigInteger n = new BigInteger(1, member(jwk, "n", -1));
          BigInteger e = new BigInteger(1, member(jwk, "e", -1));
          if (n.bitLength() < 2048) {
            throw new Refusal(KeyRefusal.WEAK_KEY);
          }
          // e = 1 would make every "signature" its own message; even e is not RSA.
          if (e.compareTo(BigInteger.valueOf(3)) < 0 || !e.testBit(0) || e.compareTo(n) >= 0) {
            throw new Refusal(KeyRefusal.WEAK_KEY);
          }
          return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
        }
        case "EC" -> {
          if (crv == null) {
            throw new Refusal(KeyRefusal.INVALID_KEY);
          }
          int size = Crypto.ecCoordinateSize(a);
          ECParameterSpec spec = KeyChecks.curve(a);
          ECPoint w =
              new ECPoint(
                  new BigInteger(1, member(jwk, "x", size)),
                  new BigInteger(1, member(jwk, "y", size)));
          return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, spec));
        }
        default -> {
          byte[] x = member(jwk, "x", 32);
          // RFC 8032 §5.1.3: little-endian y, with the sign of x in the top bit of the last byte.
          boolean xOdd = (x[31] & 0x80) != 0;
          x[31] &= 0x7f;
          byte[] be = new byte[32];
          for (int i = 0; i < 32; i++) {
            be[i] = x[31 - i];
          }
          return KeyFactory.getInstance("Ed25519")
              .generatePublic(
                  new EdECPublicKeySpec(
                      NamedParameterSpec.ED25519, new EdECPoint(xOdd, new BigInteger(1, be))));
        }
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new Refusal(KeyRefusal.INVALID_KEY);
    }
  }

  /** A base64url member, strictly decoded; {@code length} exact unless -1. */
  private static byte[] member(Map<String, Object> jwk, String name, int length) throws Refusal {
    if (!(jwk.get(name) instanceof String s) || s.isEmpty() || s.length() > 4096) {
      throw new Refusal(KeyRefusal.INVALID_KEY);
    }
    byte[] ascii = s.getBytes(StandardCharsets.ISO_8859_1);
    int n = Base64Url.decodedLength(ascii.length);
    if (n <= 0) {
      throw new Refusal(KeyRefusal.INVALID_KEY);
    }
    byte[] out = new byte[n];
    for (byte b : ascii) {
      if (b < 0 || !Base64Url.isAlphabet((char) b)) {
        throw new Refusal(KeyRefusal.INVALID_KEY);
      }
    }
    if (Base64Url.decode(ascii, 0, ascii.length, out, 0) != n || (length >= 0 && n != length)) {
      throw new Refusal(KeyRefusal.INVALID_KEY);
    }
    return out;
  }

  /** RFC 7638: SHA-256 over the required members in lexicographic order, base64url. */
  static String thumbprint(Map<String, Object> jwk, String kty) {
    String json =
        switch (kty) {
          case "RSA" ->
              "{\"e\":\"" + jwk.get("e") + "\",\"kty\":\"RSA\",\"n\":\"" + jwk.get("n") + "\"}";
          case "EC" ->
              "{\"crv\":\""
                  + jwk.get("crv")
                  + "\",\"kty\":\"EC\",\"x\":\""
                  + jwk.get("x")
                  + "\",\"y\":\""
                  + jwk.get("y")
                  + "\"}";
          default ->
              "{\"crv\":\"" + jwk.get("crv") + "\",\"kty\":\"OKP\",\"x\":\"" + jwk.get("x") + "\"}";
        };
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.US_ASCII));
      byte[] out = new byte[Base64Url.encodedLength(h.length)];
      Base64Url.encode(h, 0, h.length, out, 0);
      return new String(out, StandardCharsets.US_ASCII);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
