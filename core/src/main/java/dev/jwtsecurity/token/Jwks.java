package dev.jwtsecurity.token;

import dev.jwtsecurity.internal.Json;
import dev.jwtsecurity.internal.LogSafe;
import dev.jwtsecurity.internal.SettingRules;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.OctetSequenceJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * JWK import and export for {@link JwtKey} (RFC 7517): the checks a JWK must pass when it is loaded
 * (RFC 8725 §3.5: {@code use}, {@code key_ops}, {@code alg}, key sizes), and the JWK text of a key.
 * jose4j reads and writes the key material; the strict JSON parser refuses what jose4j would let
 * through (duplicate members, trailing data).
 */
final class Jwks {

  private Jwks() {}

  static JwtKey fromJwk(String jwkJson, Algorithm algorithm) {
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

  static List<JwtKey> fromJwkSet(String json, Algorithm algorithm) {
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
      SettingRules.keyId(kid);
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
        JwtKey k = JwtKey.hmac(kid, algorithm, secret);
        return sign ? k : k.withoutSigning();
      } finally {
        Arrays.fill(secret, (byte) 0);
      }
    }
    PublicJsonWebKey pub = (PublicJsonWebKey) jwk;
    if (sign) {
      return JwtKey.ofKeyPair(kid, algorithm, new KeyPair(pub.getPublicKey(), pub.getPrivateKey()));
    }
    return JwtKey.verificationOnly(kid, algorithm, pub.getPublicKey());
  }

  static String toPrivateJwk(JwtKey key) {
    if (!key.canSign()) {
      throw new IllegalStateException(
          "key '" + key.keyId() + "' is verification-only and has no private JWK");
    }
    try {
      JsonWebKey jwk;
      if (key.algorithm().isHmac()) {
        jwk = new OctetSequenceJsonWebKey(key.signingKey());
      } else {
        PublicJsonWebKey p = PublicJsonWebKey.Factory.newPublicJwk(key.verificationKey());
        p.setPrivateKey((PrivateKey) key.signingKey());
        jwk = p;
      }
      describe(key, jwk);
      return jwk.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
    } catch (JoseException e) {
      throw new IllegalStateException("cannot write key '" + key.keyId() + "' as a JWK", e);
    }
  }

  static String toPublicJwk(JwtKey key) {
    if (key.algorithm().isHmac()) {
      throw new IllegalStateException(
          "HMAC keys have no public half; share the secret JWK only with verifiers");
    }
    try {
      PublicJsonWebKey p = PublicJsonWebKey.Factory.newPublicJwk(key.verificationKey());
      describe(key, p);
      return p.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    } catch (JoseException e) {
      throw new IllegalStateException("cannot write key '" + key.keyId() + "' as a JWK", e);
    }
  }

  static String toPublicJwkSet(List<JwtKey> keys) {
    StringBuilder sb = new StringBuilder("{\"keys\":[");
    for (int i = 0; i < keys.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(toPublicJwk(keys.get(i)));
    }
    return sb.append("]}").toString();
  }

  private static void describe(JwtKey key, JsonWebKey jwk) {
    jwk.setKeyId(key.keyId());
    jwk.setAlgorithm(key.algorithm().jwsName());
    jwk.setUse("sig");
  }
}
