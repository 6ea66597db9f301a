package dev.jwtsecurity.token;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The keys in use: one signing key and any number of verification-only keys, found by {@code kid}.
 * Keys can be rolled in and retired at run time without a restart; every change replaces an
 * immutable snapshot atomically, so a validation running concurrently sees either the old ring or
 * the new one, never half of a change.
 *
 * <pre>{@code
 * KeyRing ring = KeyRing.of(JwtKey.hmac("2026-11", Algorithm.HS256, current));
 * // Rotation: sign with the new key; tokens signed with the old one stay valid until it is retired.
 * ring.rotateTo(JwtKey.hmac("2026-12", Algorithm.HS256, next));
 * // Once every token signed with the old key has expired (after the access-token lifetime):
 * ring.retire("2026-11");
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <p>Retire a key only after the longest access-token lifetime has passed since it stopped signing;
 * retire it at once when it may have leaked. The signing key cannot be retired.
 */
public final class KeyRing {

  /** An immutable view of the ring at one instant. */
  static final class Snapshot {
    final JwtKey signing;
    final Map<String, JwtKey> byKid;

    /**
     * The same keys as an array, for the header comparison of {@link JwsVerification} (no iterator
     * per call).
     */
    final JwtKey[] keys;

    /** The public JWK Set of this snapshot, made at its first request (a race makes it twice). */
    private volatile String publicJwkSet;

    Snapshot(JwtKey signing, Map<String, JwtKey> byKid) {
      this.signing = signing;
      this.byKid = Collections.unmodifiableMap(byKid);
      this.keys = byKid.values().toArray(new JwtKey[0]);
    }
  }

  private volatile Snapshot snapshot;

  private KeyRing(Snapshot snapshot) {
    this.snapshot = snapshot;
  }

  /**
   * Returns a ring that signs with {@code signingKey} and also verifies with {@code
   * verificationKeys}.
   *
   * @param signingKey the key new tokens are signed with; must be able to sign
   * @param verificationKeys previous keys still accepted for verification
   * @return a key ring
   * @throws IllegalArgumentException if the signing key cannot sign, or two keys share a {@code
   *     kid}
   */
  public static KeyRing of(JwtKey signingKey, JwtKey... verificationKeys) {
    return of(signingKey, List.of(verificationKeys));
  }

  /**
   * Returns a ring that signs with {@code signingKey} and also verifies with {@code
   * verificationKeys}.
   *
   * @param signingKey the key new tokens are signed with; must be able to sign
   * @param verificationKeys previous keys still accepted for verification
   * @return a key ring
   * @throws IllegalArgumentException if the signing key cannot sign, or two keys share a {@code
   *     kid}
   */
  public static KeyRing of(JwtKey signingKey, List<JwtKey> verificationKeys) {
    Objects.requireNonNull(signingKey, "signingKey");
    if (!signingKey.canSign()) {
      throw new IllegalArgumentException(
          "the signing key '" + signingKey.keyId() + "' cannot sign");
    }
    Map<String, JwtKey> map = new LinkedHashMap<>();
    map.put(signingKey.keyId(), signingKey);
    for (JwtKey k : verificationKeys) {
      Objects.requireNonNull(k, "verification key");
      if (map.putIfAbsent(k.keyId(), k.canSign() ? k.withoutSigning() : k) != null) {
        throw new IllegalArgumentException("two keys share the kid '" + k.keyId() + "'");
      }
    }
    return new KeyRing(new Snapshot(signingKey, map));
  }

  /**
   * Makes {@code newSigningKey} the signing key; the previous signing key stays as a
   * verification-only key.
   *
   * @param newSigningKey the new signing key
   * @throws IllegalArgumentException if it cannot sign or its {@code kid} is already in the ring
   */
  public synchronized void rotateTo(JwtKey newSigningKey) {
    Objects.requireNonNull(newSigningKey, "newSigningKey");
    if (!newSigningKey.canSign()) {
      throw new IllegalArgumentException(
          "the signing key '" + newSigningKey.keyId() + "' cannot sign");
    }
    Snapshot s = snapshot;
    if (s.byKid.containsKey(newSigningKey.keyId())) {
      throw new IllegalArgumentException(
          "the kid '" + newSigningKey.keyId() + "' is already in the ring");
    }
    // The signing key first, as keyIds() promises; the previous one stays, verification-only.
    Map<String, JwtKey> map = new LinkedHashMap<>();
    map.put(newSigningKey.keyId(), newSigningKey);
    map.putAll(s.byKid);
    map.put(s.signing.keyId(), s.signing.withoutSigning());
    snapshot = new Snapshot(newSigningKey, map);
  }

  /**
   * Adds a verification-only key, for example the next key published ahead of a rotation.
   *
   * @param key the key
   * @throws IllegalArgumentException if its {@code kid} is already in the ring
   */
  public synchronized void addVerificationKey(JwtKey key) {
    Objects.requireNonNull(key, "key");
    Snapshot s = snapshot;
    if (s.byKid.containsKey(key.keyId())) {
      throw new IllegalArgumentException("the kid '" + key.keyId() + "' is already in the ring");
    }
    Map<String, JwtKey> map = new LinkedHashMap<>(s.byKid);
    map.put(key.keyId(), key.canSign() ? key.withoutSigning() : key);
    snapshot = new Snapshot(s.signing, map);
  }

  /**
   * Removes a verification key: tokens signed with it are refused from now on.
   *
   * @param keyId the {@code kid} to retire
   * @return whether a key was removed
   * @throws IllegalArgumentException if {@code keyId} is the current signing key
   */
  public synchronized boolean retire(String keyId) {
    Snapshot s = snapshot;
    if (s.signing.keyId().equals(keyId)) {
      throw new IllegalArgumentException(
          "the signing key cannot be retired; rotate to a new key first");
    }
    if (!s.byKid.containsKey(keyId)) {
      return false;
    }
    Map<String, JwtKey> map = new LinkedHashMap<>(s.byKid);
    map.remove(keyId);
    snapshot = new Snapshot(s.signing, map);
    return true;
  }

  /**
   * Returns the current signing key.
   *
   * @return the signing key
   */
  public JwtKey signingKey() {
    return snapshot.signing;
  }

  /**
   * Returns the ids of every key that verifies, signing key first.
   *
   * @return key ids
   */
  public List<String> keyIds() {
    return Collections.unmodifiableList(new ArrayList<>(snapshot.byKid.keySet()));
  }

  /**
   * Returns the public halves of the ring's asymmetric keys as a JWK Set (RFC 7517 §5), signing key
   * first, then every key that still verifies: what other services need to verify the tokens this
   * ring signs. Each JWK carries {@code kid}, {@code alg} and {@code use: sig}, and never a private
   * member. HMAC keys are left out: a shared secret has no public half and is never published.
   *
   * <pre>{@code
   * String jwks = security.keyRing().publicJwkSet();   // {"keys":[{"kty":"EC","kid":"2026-12",...}]}
   * }</pre>
   *
   * <p>The text is made once per state of the ring and changes when a key is rotated in, added or
   * retired.
   *
   * @return the JWK Set as JSON text; {@code {"keys":[]}} when every key is an HMAC key
   */
  public String publicJwkSet() {
    Snapshot s = snapshot;
    String jwks = s.publicJwkSet;
    if (jwks == null) {
      List<JwtKey> asymmetric = new ArrayList<>();
      for (JwtKey k : s.keys) {
        if (!k.algorithm().isHmac()) {
          asymmetric.add(k);
        }
      }
      jwks = Jwks.toPublicJwkSet(asymmetric);
      s.publicJwkSet = jwks;
    }
    return jwks;
  }

  Snapshot snapshot() {
    return snapshot;
  }

  @Override
  public String toString() {
    return "KeyRing" + keyIds();
  }
}
