package dev.jwtsecurity.token;

import dev.jwtsecurity.internal.Json;
import dev.jwtsecurity.token.InvalidTokenException.Reason;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one implementation of token verification behind both {@link AccessTokenValidator} (the
 * access-token profile) and {@link JwtVerifier} (the general profile, and JWS-only). Order of
 * checks: size, shape, encoding, header JSON, header rules, key by {@code kid}, algorithm pinned by
 * the key, signature; only then anything the signature protects is trusted ({@code typ}, claims).
 * RFC 7515, RFC 7519 §7.2, RFC 8725.
 *
 * <p>Allocation-lean on purpose, since it runs on every request: the token's characters are copied
 * once into a per-thread buffer, header and payload are decoded into the same buffer and parsed
 * from there, and the JCA objects are per key and per thread.
 */
final class JwsVerification {

  /** Nesting bound for header and claims: access tokens nest two deep (an array in an object). */
  static final int MAX_JSON_DEPTH = 8;

  /**
   * The last second of 9999-12-31: any numeric date beyond is refused rather than overflow
   * somewhere later.
   */
  static final long MAX_NUMERIC_DATE = 253_402_300_799L;

  private static final int SCRATCH_KEEP = 64 * 1024;
  private static final ThreadLocal<byte[]> SCRATCH =
      ThreadLocal.withInitial(() -> new byte[2 * 8192 + 512]);

  // Header parameters that would make the token choose its own key (RFC 8725 §3.10): never fetched,
  // never used.
  private static final List<String> KEY_BEARING_HEADERS =
      List.of("jwk", "jku", "x5u", "x5c", "x5t", "x5t#S256");

  /** How the key is found when the header has no {@code kid}. */
  enum MissingKid {
    /** Refused: a key ring never guesses. */
    REFUSE,
    /** Accepted when exactly one key is configured (many issuers omit {@code kid}). */
    SINGLE_KEY
  }

  /** What the payload is. */
  enum Payload {
    /** A JWT claims set: parsed and checked. */
    CLAIMS,
    /** Any bytes: only the JWS is checked, no claim is read. */
    ANY_BYTES
  }

  /** Which claim rules apply. */
  enum ClaimRules {
    /**
     * The access-token profile: {@code sub}, {@code iat} and {@code jti} required, {@code env} and
     * {@code roles} typed and checked.
     */
    ACCESS_TOKEN,
    /** Any JWT: {@code exp} required, the registered claims typed when present. */
    GENERAL
  }

  /** The claim values a profile requires, each {@code null} when not required. */
  record Expected(String issuer, String audience, String environment, List<String> claims) {
    Expected {
      claims = List.copyOf(claims);
    }
  }

  /** What a profile asks for beyond the JWS rules every token must meet. */
  record Profile(
      int maxLength,
      MissingKid missingKid,
      Payload payload,
      String requiredType,
      ClaimRules claimRules,
      Expected expected,
      long skewSeconds,
      long maxLifetimeSeconds,
      Clock clock) {

    /** No bound on {@code exp - iat}: tokens of other issuers, whose lifetimes are theirs. */
    static final long ANY_LIFETIME = -1;

    /**
     * The profile of this library's own access tokens, whose {@code exp - iat} is at most {@code
     * maxLifetimeSeconds} plus the skew.
     */
    static Profile accessToken(
        int maxLength, Expected expected, long skewSeconds, long maxLifetimeSeconds, Clock clock) {
      return new Profile(
          maxLength,
          MissingKid.REFUSE,
          Payload.CLAIMS,
          "at+jwt",
          ClaimRules.ACCESS_TOKEN,
          expected,
          skewSeconds,
          maxLifetimeSeconds,
          clock);
    }

    /** The profile of any JWT, or JWS only when {@code payload} is {@code ANY_BYTES}. */
    static Profile general(
        int maxLength,
        Payload payload,
        String requiredType,
        Expected expected,
        long skewSeconds,
        Clock clock) {
      return new Profile(
          maxLength,
          MissingKid.SINGLE_KEY,
          payload,
          requiredType,
          ClaimRules.GENERAL,
          expected,
          skewSeconds,
          ANY_LIFETIME,
          clock);
    }

    boolean accessToken() {
      return claimRules == ClaimRules.ACCESS_TOKEN;
    }

    String issuer() {
      return expected.issuer();
    }

    String audience() {
      return expected.audience();
    }

    String environment() {
      return expected.environment();
    }

    List<String> requiredClaims() {
      return expected.claims();
    }
  }

  /**
   * The outcome: the header and claims (claims {@code null} in JWS-only mode) and, when asked, the
   * payload.
   */
  static final class Result {
    private final Map<String, Object> header;
    private final Map<String, Object> claims;
    private final byte[] payload;
    private final JwtKey key;

    Result(Map<String, Object> header, Map<String, Object> claims, byte[] payload, JwtKey key) {
      this.header = header;
      this.claims = claims;
      this.payload = payload;
      this.key = key;
    }

    Map<String, Object> header() {
      return header;
    }

    Map<String, Object> claims() {
      return claims;
    }

    byte[] payload() {
      return payload;
    }

    JwtKey key() {
      return key;
    }
  }

  private JwsVerification() {}

  static Result verify(
      CharSequence token,
      Map<String, JwtKey> keys,
      JwtKey[] candidates,
      Profile p,
      boolean keepPayload)
      throws InvalidTokenException {
    if (token == null) {
      throw new InvalidTokenException(Reason.MALFORMED);
    }
    int n = token.length();
    // The size first: an oversized token must cost nothing to refuse.
    if (n > p.maxLength()) {
      throw new InvalidTokenException(Reason.TOO_LARGE);
    }
    int headerMax = Base64Url.decodedLength(n & ~3);
    int need = n + 2 * headerMax + 8;
    byte[] buf = SCRATCH.get();
    if (buf.length < need) {
      buf = new byte[need];
      if (need <= SCRATCH_KEEP) {
        SCRATCH.set(buf);
      }
    }
    // One pass: copy to ASCII, check the alphabet, find the dots. Compact JWS only: exactly three
    // parts (RFC 7515
    // §7.1); a JWE has five and is refused here, as is anything with whitespace, padding or other
    // characters.
    int d1 = -1;
    int d2 = -1;
    for (int i = 0; i < n; i++) {
      char c = token.charAt(i);
      if (c == '.') {
        if (d1 < 0) {
          d1 = i;
        } else if (d2 < 0) {
          d2 = i;
        } else {
          throw new InvalidTokenException(Reason.MALFORMED);
        }
      } else if (!Base64Url.isAlphabet(c)) {
        throw new InvalidTokenException(Reason.MALFORMED);
      }
      buf[i] = (byte) c;
    }
    if (d2 < 0) {
      throw new InvalidTokenException(Reason.MALFORMED);
    }

    int hOff = n;
    int hLen;
    Map<String, Object> header;
    String algName;
    Object typ;
    JwtKey key = ownHeaderKey(buf, d1, candidates);
    if (key != null) {
      // The header is byte for byte the one this library writes for that key
      // ({"alg":..,"typ":"at+jwt","kid":..}): its parse and every header rule below have one known
      // outcome, so they are taken as done and the hot path parses one JSON object instead of two.
      // Any other header, including the same members in another order or with whitespace, takes
      // the full path.
      hLen = 0;
      header = key.accessTokenHeaderMap();
      algName = key.algorithm().jwsName();
      typ = "at+jwt";
    } else {
      hLen = Base64Url.decode(buf, 0, d1, buf, hOff);
      if (hLen < 0) {
        throw new InvalidTokenException(Reason.MALFORMED);
      }
      try {
        header = Json.parseObject(buf, hOff, hLen, MAX_JSON_DEPTH);
      } catch (Json.MalformedJsonException e) {
        throw new InvalidTokenException(Reason.MALFORMED);
      }
      typ = header.get("typ");
      algName = checkHeader(header, typ);
      key = selectKey(header.get("kid"), keys, p);
    }
    // RFC 8725 §3.1, §2.1: the key's one algorithm is the only one accepted; the header is only
    // compared with it.
    if (!key.algorithm().jwsName().equals(algName)) {
      throw new InvalidTokenException(Reason.UNSUPPORTED_ALGORITHM);
    }

    int sigChars = n - d2 - 1;
    int sigLen = Base64Url.decodedLength(sigChars);
    if (sigLen < 0) {
      throw new InvalidTokenException(Reason.MALFORMED);
    }
    if (sigLen != key.signatureLength()) {
      throw new InvalidTokenException(
          Reason.BAD_SIGNATURE); // also the stripped signature: an empty third part
    }
    byte[] sig = new byte[sigLen];
    if (Base64Url.decode(buf, d2 + 1, n, sig, 0) < 0) {
      throw new InvalidTokenException(Reason.MALFORMED);
    }
    // Payload encoding is checked before the signature so that every token refused for its bytes
    // says MALFORMED.
    int pOff = hOff + hLen;
    int pLen = Base64Url.decode(buf, d1 + 1, d2, buf, pOff);
    if (pLen < 0) {
      throw new InvalidTokenException(Reason.MALFORMED);
    }
    if (!key.verify(buf, d2, sig)) {
      throw new InvalidTokenException(Reason.BAD_SIGNATURE);
    }

    // From here on the header and payload are authentic.
    if (p.requiredType() != null && (typ == null || !sameType((String) typ, p.requiredType()))) {
      throw new InvalidTokenException(Reason.WRONG_TYPE);
    }
    byte[] payload = keepPayload ? java.util.Arrays.copyOfRange(buf, pOff, pOff + pLen) : null;
    if (p.payload() == Payload.ANY_BYTES) {
      return new Result(header, null, payload, key);
    }
    Map<String, Object> claims;
    try {
      claims =
          Json.parseObject(
              buf, pOff, pLen, MAX_JSON_DEPTH, p.issuer(), p.audience(), p.environment());
    } catch (Json.MalformedJsonException e) {
      throw new InvalidTokenException(Reason.MALFORMED);
    }
    checkClaims(claims, p);
    return new Result(header, claims, payload, key);
  }

  /** Chooses the keys and rules for a token from what its unverified header and claims say. */
  interface IssuerChoice<T> {
    /**
     * Returns the keys and profile for a token whose header names {@code alg} and {@code kid} and
     * whose claims name {@code iss}, or {@code null} when that issuer is not one to verify here.
     * Nothing of the token is trusted yet: only the key is chosen by it.
     */
    Chosen<T> choose(String alg, String kid, Object iss) throws InvalidTokenException;
  }

  /**
   * The last few header encodings that passed every header rule, with what they parsed to: an
   * issuer writes the same header for every token of a key, so its tokens skip the header parse,
   * the way this library's own header is recognised. A hostile stream of distinct headers only
   * evicts entries, costing the parse again. Thread-safe: entries are immutable and replaced whole.
   */
  static final class HeaderCache {
    private static final int SIZE = 16;
    private static final int MAX_ENCODED = 512;

    static final class Entry {
      private final byte[] encoded;
      private final Map<String, Object> header;
      private final String algorithm;

      Entry(byte[] encoded, Map<String, Object> header, String algorithm) {
        this.encoded = encoded;
        this.header = header;
        this.algorithm = algorithm;
      }

      byte[] encoded() {
        return encoded;
      }

      Map<String, Object> header() {
        return header;
      }

      String algorithm() {
        return algorithm;
      }
    }

    private final Entry[] entries = new Entry[SIZE];
    private final java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();

    Entry find(byte[] buf, int len) {
      for (Entry e : entries) {
        if (e != null
            && e.encoded().length == len
            && java.util.Arrays.equals(buf, 0, len, e.encoded(), 0, len)) {
          return e;
        }
      }
      return null;
    }

    void remember(byte[] buf, int len, Map<String, Object> header, String algorithm) {
      if (len <= MAX_ENCODED) {
        entries[next.getAndIncrement() & (SIZE - 1)] =
            new Entry(java.util.Arrays.copyOf(buf, len), header, algorithm);
      }
    }
  }

  /** The keys and profile for one token, and whom they belong to. */
  record Chosen<T>(Map<String, JwtKey> keys, Profile profile, T owner) {}

  /** The outcome of {@link #verifyChosen}: the verified header and claims, and the choice. */
  record ChosenResult<T>(Map<String, Object> header, Map<String, Object> claims, T owner) {}

  /**
   * Verifies another issuer's token in one pass: the same rules, in the same order, as {@link
   * #verify}, except that the claims are parsed (never trusted) before the signature, because the
   * issuer they name chooses the keys. Returns {@code null} when {@code choice} declines the
   * issuer.
   */
  static <T> ChosenResult<T> verifyChosen(
      CharSequence token, int maxLength, IssuerChoice<T> choice, HeaderCache headers)
      throws InvalidTokenException {
    if (token == null) {
      throw new InvalidTokenException(Reason.MALFORMED);
    }
    int n = token.length();
    if (n > maxLength) {
      throw new InvalidTokenException(Reason.TOO_LARGE);
    }
    int headerMax = Base64Url.decodedLength(n & ~3);
    int need = n + 2 * headerMax + 8;
    byte[] buf = SCRATCH.get();
    if (buf.length < need) {
      buf = new byte[need];
      if (need <= SCRATCH_KEEP) {
        SCRATCH.set(buf);
      }
    }
    int d1 = -1;
    int d2 = -1;
    for (int i = 0; i < n; i++) {
      char c = token.charAt(i);
      if (c == '.') {
        if (d1 < 0) {
          d1 = i;
        } else if (d2 < 0) {
          d2 = i;
        } else {
          throw new InvalidTokenException(Reason.MALFORMED);
        }
      } else if (!Base64Url.isAlphabet(c)) {
        throw new InvalidTokenException(Reason.MALFORMED);
      }
      buf[i] = (byte) c;
    }
    if (d2 < 0) {
      throw new InvalidTokenException(Reason.MALFORMED);
    }
    int hOff = n;
    int hLen = 0;
    Map<String, Object> header;
    String algName;
    HeaderCache.Entry seen = headers.find(buf, d1);
    if (seen != null) {
      // Byte for byte a header that passed every header rule before: same outcome, no parse.
      header = seen.header();
      algName = seen.algorithm();
    } else {
      hLen = Base64Url.decode(buf, 0, d1, buf, hOff);
      if (hLen < 0) {
        throw new InvalidTokenException(Reason.MALFORMED);
      }
      try {
        header = Json.parseObject(buf, hOff, hLen, MAX_JSON_DEPTH);
      } catch (Json.MalformedJsonException e) {
        throw new InvalidTokenException(Reason.MALFORMED);
      }
      algName = checkHeader(header, header.get("typ"));
      headers.remember(buf, d1, header, algName);
    }
    Object typ = header.get("typ");
    int pOff = hOff + hLen;
    int pLen = Base64Url.decode(buf, d1 + 1, d2, buf, pOff);
    if (pLen < 0) {
      throw new InvalidTokenException(Reason.MALFORMED);
    }
    Map<String, Object> claims;
    try {
      claims = Json.parseObject(buf, pOff, pLen, MAX_JSON_DEPTH);
    } catch (Json.MalformedJsonException e) {
      throw new InvalidTokenException(Reason.MALFORMED);
    }
    Object kidValue = header.get("kid");
    Chosen<T> chosen = choice.choose(algName, (String) kidValue, claims.get("iss"));
    if (chosen == null) {
      return null;
    }
    Profile p = chosen.profile();
    JwtKey key = selectKey(kidValue, chosen.keys(), p);
    // RFC 8725 §3.1, §2.1: the key's one algorithm is the only one accepted.
    if (!key.algorithm().jwsName().equals(algName)) {
      throw new InvalidTokenException(Reason.UNSUPPORTED_ALGORITHM);
    }
    int sigLen = Base64Url.decodedLength(n - d2 - 1);
    if (sigLen < 0) {
      throw new InvalidTokenException(Reason.MALFORMED);
    }
    if (sigLen != key.signatureLength()) {
      throw new InvalidTokenException(Reason.BAD_SIGNATURE);
    }
    byte[] sig = new byte[sigLen];
    if (Base64Url.decode(buf, d2 + 1, n, sig, 0) < 0) {
      throw new InvalidTokenException(Reason.MALFORMED);
    }
    if (!key.verify(buf, d2, sig)) {
      throw new InvalidTokenException(Reason.BAD_SIGNATURE);
    }
    // From here on the header and claims are authentic.
    if (p.requiredType() != null && (typ == null || !sameType((String) typ, p.requiredType()))) {
      throw new InvalidTokenException(Reason.WRONG_TYPE);
    }
    checkClaims(claims, p);
    return new ChosenResult<>(header, claims, chosen.owner());
  }

  /**
   * Returns the key whose own access-token header the token's first part is, byte for byte, or
   * {@code null}. Only keys whose encoded header has the same length are compared; the header is
   * public, so no constant time is needed.
   */
  private static JwtKey ownHeaderKey(byte[] buf, int d1, JwtKey[] candidates) {
    for (JwtKey k : candidates) {
      byte[] h = k.accessTokenHeader(); // ends with '.', as does buf[0, d1]
      if (h.length == d1 + 1 && java.util.Arrays.equals(buf, 0, d1 + 1, h, 0, h.length)) {
        return k;
      }
    }
    return null;
  }

  /** Applies the header rules that do not depend on the key; returns {@code alg}. */
  static String checkHeader(Map<String, Object> header, Object typ) throws InvalidTokenException {
    Object alg = header.get("alg");
    if (!(alg instanceof String algName)) {
      throw new InvalidTokenException(
          Reason.MALFORMED); // RFC 7515 §4.1.1: alg is required, a string
    }
    // RFC 8725 §3.1: unsecured JWTs are never accepted, whatever the capitalisation.
    if (algName.toLowerCase(Locale.ROOT).equals("none")) {
      throw new InvalidTokenException(Reason.UNSUPPORTED_ALGORITHM);
    }
    for (int i = 0; i < KEY_BEARING_HEADERS.size(); i++) {
      if (header.containsKey(KEY_BEARING_HEADERS.get(i))) {
        throw new InvalidTokenException(Reason.UNSUPPORTED_HEADER);
      }
    }
    // RFC 7515 §4.1.11: we understand no extension, so any crit is refused; b64 (RFC 7797) changes
    // what is signed and
    // zip/enc belong to JWE: a JWS that carries them is not one we produce or understand.
    if (header.containsKey("crit")
        || header.containsKey("b64")
        || header.containsKey("zip")
        || header.containsKey("enc")) {
      throw new InvalidTokenException(Reason.UNSUPPORTED_HEADER);
    }
    Object kidValue = header.get("kid");
    Object cty = header.get("cty");
    if ((kidValue != null && !(kidValue instanceof String))
        || (typ != null && !(typ instanceof String))
        || (cty != null && !(cty instanceof String))) {
      throw new InvalidTokenException(Reason.MALFORMED);
    }
    // RFC 7519 §5.2: cty "JWT" announces a nested JWT; we never unwrap one (RFC 8725 §2.8
    // substitution risks).
    if (cty != null && isMediaType((String) cty, "jwt")) {
      throw new InvalidTokenException(Reason.UNSUPPORTED_HEADER);
    }
    return algName;
  }

  private static JwtKey selectKey(Object kidValue, Map<String, JwtKey> keys, Profile p)
      throws InvalidTokenException {
    if (kidValue == null) {
      // Without kid, only a verifier holding exactly one key knows which to use; a key ring never
      // guesses.
      if (p.missingKid() != MissingKid.SINGLE_KEY || keys.size() != 1) {
        throw new InvalidTokenException(Reason.UNKNOWN_KEY);
      }
      return keys.values().iterator().next();
    }
    // A plain map lookup: the kid is never a path, URL or query (kid path traversal, RFC 8725
    // §3.10).
    JwtKey key = keys.get((String) kidValue);
    if (key == null) {
      throw new InvalidTokenException(Reason.UNKNOWN_KEY);
    }
    return key;
  }

  private static void checkClaims(Map<String, Object> c, Profile p) throws InvalidTokenException {
    // Types first (RFC 7519 §4.1), then values.
    long exp = numericDate(c.get("exp"), true);
    long iat = numericDate(c.get("iat"), p.accessToken());
    long nbf = numericDate(c.get("nbf"), false);
    Object sub = c.get("sub");
    Object jti = c.get("jti");
    if (p.accessToken()) {
      if (!nonEmptyString(sub) || !nonEmptyString(jti)) {
        throw new InvalidTokenException(Reason.MISSING_OR_INVALID_CLAIM);
      }
    } else if ((sub != null && !(sub instanceof String))
        || (jti != null && !(jti instanceof String))) {
      throw new InvalidTokenException(Reason.MISSING_OR_INVALID_CLAIM);
    }
    Object iss = c.get("iss");
    Object aud = c.get("aud");
    Object env = c.get("env");
    Object roles = c.get("roles");
    Object scope = c.get("scope");
    if ((iss != null && !(iss instanceof String))
        || (aud != null && !(aud instanceof String) && !isStringArray(aud))
        // RFC 9068 §2.2.3 writes scope as one string; some providers (Spring Authorization Server)
        // write an array of strings, which the general profile accepts.
        || (scope != null
            && !(scope instanceof String)
            && (p.accessToken() || !isStringArray(scope)))
        || (p.accessToken() && env != null && !(env instanceof String))
        || (p.accessToken() && roles != null && !isStringArray(roles))
        || (p.accessToken() && !sessionClaimsWellTyped(c))) {
      throw new InvalidTokenException(Reason.MISSING_OR_INVALID_CLAIM);
    }
    List<String> required = p.requiredClaims();
    for (int i = 0; i < required.size(); i++) {
      Object v = c.get(required.get(i));
      if (v == null || v == Json.NULL) {
        throw new InvalidTokenException(Reason.MISSING_OR_INVALID_CLAIM);
      }
    }

    long now = Math.floorDiv(p.clock().millis(), 1000L);
    long skew = p.skewSeconds();
    // RFC 7519 §4.1.4: the token must not be accepted on or after exp (plus the bounded skew).
    if (now - skew >= exp) {
      throw new InvalidTokenException(Reason.EXPIRED);
    }
    if (nbf >= 0 && nbf > now + skew) {
      throw new InvalidTokenException(Reason.NOT_YET_VALID);
    }
    if (iat >= 0 && iat > now + skew) {
      throw new InvalidTokenException(Reason.ISSUED_IN_FUTURE);
    }
    // A token that expires before it was issued (or becomes valid) is nonsense from any honest
    // issuer; jose4j refuses
    // it too, and the differential test holds us to never accepting what jose4j refuses.
    if ((iat >= 0 && exp < iat) || (nbf >= 0 && exp <= nbf)) {
      throw new InvalidTokenException(Reason.MISSING_OR_INVALID_CLAIM);
    }
    // A correctly signed token that lives longer than this issuer ever makes its tokens live was
    // not made by this issuer's code: a leaked signing key minting long-lived tokens, say.
    if (p.maxLifetimeSeconds() >= 0 && exp - iat > p.maxLifetimeSeconds() + skew) {
      throw new InvalidTokenException(Reason.LIFETIME_TOO_LONG);
    }
    if (p.issuer() != null && !p.issuer().equals(iss)) {
      throw new InvalidTokenException(Reason.WRONG_ISSUER);
    }
    if (p.audience() != null && !audienceContains(aud, p.audience())) {
      throw new InvalidTokenException(Reason.WRONG_AUDIENCE);
    }
    if (p.accessToken() && (p.environment() != null ? !p.environment().equals(env) : env != null)) {
      throw new InvalidTokenException(Reason.WRONG_ENVIRONMENT);
    }
  }

  /**
   * Returns the value of a NumericDate claim, or -1 when absent and optional. A NumericDate here is
   * a JSON integer from 0 to {@link #MAX_NUMERIC_DATE}: strings, fractions, exponents, negative and
   * huge values are refused (RFC 7519 §2 allows fractions; issuers of access tokens write whole
   * seconds, and refusing avoids rounding disagreements).
   */
  private static long numericDate(Object v, boolean required) throws InvalidTokenException {
    if (v == null) {
      if (required) {
        throw new InvalidTokenException(Reason.MISSING_OR_INVALID_CLAIM);
      }
      return -1;
    }
    if (v instanceof Long l && l >= 0 && l <= MAX_NUMERIC_DATE) {
      return l;
    }
    throw new InvalidTokenException(Reason.MISSING_OR_INVALID_CLAIM);
  }

  /**
   * The session claims of an access token, when present: {@code sid} a non-empty string of at most
   * {@value #MAX_SESSION_ID_LENGTH} characters, {@code cvs} a non-negative JSON integer.
   */
  private static boolean sessionClaimsWellTyped(Map<String, Object> c) {
    Object sid = c.get("sid");
    Object cvs = c.get("cvs");
    return (sid == null
            || (sid instanceof String s && !s.isEmpty() && s.length() <= MAX_SESSION_ID_LENGTH))
        && (cvs == null || (cvs instanceof Long l && l >= 0));
  }

  /** The longest {@code sid} accepted: the library writes 22 characters. */
  static final int MAX_SESSION_ID_LENGTH = 64;

  private static boolean nonEmptyString(Object v) {
    return v instanceof String s && !s.isEmpty();
  }

  static boolean isStringArray(Object v) {
    if (!(v instanceof List<?> l)) {
      return false;
    }
    for (int i = 0; i < l.size(); i++) {
      if (!(l.get(i) instanceof String)) {
        return false;
      }
    }
    return true;
  }

  private static boolean audienceContains(Object aud, String want) {
    if (aud instanceof String s) {
      return s.equals(want);
    }
    if (aud instanceof List<?> l) {
      return l.contains(want);
    }
    return false;
  }

  /** RFC 7515 §4.1.9: media types compare case-insensitively and "application/" may be omitted. */
  static boolean sameType(String typ, String want) {
    return stripApplication(typ).equalsIgnoreCase(stripApplication(want));
  }

  private static boolean isMediaType(String value, String subtype) {
    return stripApplication(value).equalsIgnoreCase(subtype);
  }

  private static String stripApplication(String t) {
    return t.regionMatches(true, 0, "application/", 0, 12) ? t.substring(12) : t;
  }
}
