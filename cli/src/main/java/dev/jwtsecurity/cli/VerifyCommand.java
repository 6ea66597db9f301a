package dev.jwtsecurity.cli;

import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.InvalidTokenException.Reason;
import java.security.Key;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetSequenceJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * {@code verify}: checks any JWT against one key file and one algorithm. Every rule any JWT must meet always applies:
 * size (8 KiB), compact JWS shape with strict base64url, UTF-8 JSON without duplicate members or deep nesting, the
 * pinned algorithm, no {@code crit}, {@code b64}, {@code jwk}, {@code jku}, {@code x5u}, {@code x5c} headers, the
 * key found by {@code kid} in the file only, the signature, {@code exp} required and numeric, {@code nbf}/{@code iat}
 * checked when present, and registered claim types. The access-token profile applies only as far as the flags ask
 * ({@code --typ}, {@code --iss}, {@code --aud}, {@code --require}). {@code --jws-only} checks the JWS alone.
 */
final class VerifyCommand implements Command {
  static final int MAX_TOKEN = 8192;
  private static final Pattern COMPACT = Pattern.compile("([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]*)\\.([A-Za-z0-9_-]+)");
  private static final Set<String> FORBIDDEN_HEADERS = Set.of("crit", "b64", "jwk", "jku", "x5u", "x5c", "enc", "zip");
  private static final long MAX_DATE = 253402300799L; // 9999-12-31T23:59:59Z

  /** A refusal with its reason; carries no token content. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    final Reason reason;

    Refused(Reason reason) {
      super(reason.description(), null, false, false);
      this.reason = reason;
    }
  }

  @Override
  public int run(Invocation inv) throws UsageException {
    Args a = Args.parse(inv.args(),
        Set.of("--jwk-file", "--alg", "--iss", "--aud", "--typ", "--require", "--kid", "--skew-seconds"),
        Set.of("--jws-only"));
    if (a.positionals().size() != 1) {
      throw new UsageException("verify takes exactly one TOKEN (or - to read it from stdin)");
    }
    Algorithm alg = IssueCommand.algorithm(a.required("--alg"));
    List<JsonWebKey> keys = JwkFile.usable(JwkFile.read(a.required("--jwk-file")), alg, false);
    if (keys.isEmpty()) {
      throw new UsageException("the JWK file holds no key for " + alg.jwsName());
    }
    String kidOption = a.optional("--kid");
    long skew = 30;
    String skewText = a.optional("--skew-seconds");
    if (skewText != null) {
      if (!skewText.matches("[0-9]{1,3}") || Long.parseLong(skewText) > 300) {
        throw new UsageException("--skew-seconds must be 0 to 300");
      }
      skew = Long.parseLong(skewText);
    }
    String token = TokenInput.read(a.positionals().get(0), inv);
    boolean jwsOnly = a.flag("--jws-only");
    if (jwsOnly && (a.optional("--iss") != null || a.optional("--aud") != null || !a.all("--require").isEmpty())) {
      throw new UsageException("--jws-only checks no claims; drop --iss, --aud and --require");
    }
    try {
      Verified v = verify(token, alg, keys, kidOption, a.optional("--typ"), jwsOnly);
      if (jwsOnly) {
        inv.out().println("valid JWS; header:");
        inv.out().println(Json.pretty(v.header));
        inv.out().println("payload (" + v.payload.length + " bytes, not checked as claims):");
        inv.out().println(payloadText(v.payload));
        return Main.OK;
      }
      Map<String, Object> claims = checkClaims(v.payload, inv.clock().instant().getEpochSecond(), skew,
          a.optional("--iss"), a.optional("--aud"), a.all("--require"));
      inv.out().println(Json.pretty(claims));
      return Main.OK;
    } catch (Refused e) {
      inv.out().println("invalid: " + e.reason.name() + " (" + e.reason.description() + ")");
      return Main.REFUSED;
    }
  }

  /** A JWS whose signature verified. */
  static final class Verified {
    final Map<String, Object> header;
    final byte[] payload;

    Verified(Map<String, Object> header, byte[] payload) {
      this.header = header;
      this.payload = payload;
    }
  }

  static Verified verify(String token, Algorithm alg, List<JsonWebKey> keys, String kidOption, String typ,
      boolean emptyPayloadAllowed) throws Refused {
    if (token.length() > MAX_TOKEN) {
      throw new Refused(Reason.TOO_LARGE);
    }
    var m = COMPACT.matcher(token);
    if (!m.matches() || (!emptyPayloadAllowed && m.group(2).isEmpty())) {
      throw new Refused(Reason.MALFORMED); // also every JWE (five parts) and JSON serialization
    }
    Map<String, Object> header;
    byte[] payload = strictBase64url(m.group(2));
    strictBase64url(m.group(3));
    try {
      header = Json.object(strictBase64url(m.group(1)));
    } catch (Json.BadJson e) {
      throw new Refused(Reason.MALFORMED);
    }
    // RFC 8725 §3.1: the algorithm is pinned by the caller, never taken from the token.
    if (!(header.get("alg") instanceof String a) || !a.equals(alg.jwsName())) {
      throw new Refused(Reason.UNSUPPORTED_ALGORITHM);
    }
    for (String h : header.keySet()) {
      // RFC 7515 §4.1.11: crit we do not understand fails; keys are never taken from the token (RFC 8725 §3.10).
      if (FORBIDDEN_HEADERS.contains(h)) {
        throw new Refused(Reason.UNSUPPORTED_HEADER);
      }
    }
    Object kidValue = header.get("kid");
    if (kidValue != null && !(kidValue instanceof String)) {
      throw new Refused(Reason.MALFORMED);
    }
    if (typ != null && !sameType(header.get("typ"), typ)) {
      throw new Refused(Reason.WRONG_TYPE);
    }
    Key key = selectKey(keys, (String) kidValue, kidOption);
    try {
      JsonWebSignature jws = new JsonWebSignature();
      jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, alg.jwsName()));
      jws.setCompactSerialization(token);
      jws.setKey(key);
      if (!jws.verifySignature()) {
        throw new Refused(Reason.BAD_SIGNATURE);
      }
    } catch (JoseException | RuntimeException e) {
      throw new Refused(Reason.BAD_SIGNATURE);
    }
    return new Verified(header, payload);
  }

  private static Key selectKey(List<JsonWebKey> keys, String tokenKid, String kidOption) throws Refused {
    List<JsonWebKey> candidates = new ArrayList<>();
    for (JsonWebKey k : keys) {
      if (kidOption != null && !kidOption.equals(k.getKeyId())) {
        continue;
      }
      if (tokenKid == null || k.getKeyId() == null || tokenKid.equals(k.getKeyId())) {
        candidates.add(k);
      }
    }
    // With several candidates, only an exact kid match decides: never try keys one after another.
    if (candidates.size() > 1 && tokenKid != null) {
      candidates.removeIf(k -> !tokenKid.equals(k.getKeyId()));
    }
    if (candidates.size() != 1) {
      throw new Refused(Reason.UNKNOWN_KEY);
    }
    JsonWebKey k = candidates.get(0);
    if (k instanceof OctetSequenceJsonWebKey oct) {
      return oct.getKey();
    }
    return ((PublicJsonWebKey) k).getPublicKey();
  }

  /** RFC 7515 §4.1.9: "application/" may be omitted and media types compare case-insensitively. */
  static boolean sameType(Object headerTyp, String wanted) {
    if (!(headerTyp instanceof String t)) {
      return false;
    }
    return shortType(t).equals(shortType(wanted));
  }

  private static String shortType(String t) {
    String lower = t.toLowerCase(Locale.ROOT);
    return lower.startsWith("application/") ? lower.substring("application/".length()) : lower;
  }

  static byte[] strictBase64url(String part) throws Refused {
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(part);
      // Canonical encoding only: unused final bits must be zero (RFC 4648 §3.5).
      if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(part)) {
        throw new Refused(Reason.MALFORMED);
      }
      return bytes;
    } catch (IllegalArgumentException e) {
      throw new Refused(Reason.MALFORMED);
    }
  }

  static Map<String, Object> checkClaims(byte[] payload, long now, long skew, String iss, String aud,
      List<String> required) throws Refused {
    Map<String, Object> c;
    try {
      c = Json.object(payload);
    } catch (Json.BadJson e) {
      throw new Refused(Reason.MALFORMED);
    }
    for (String name : List.of("iss", "sub", "jti")) {
      if (c.containsKey(name) && !(c.get(name) instanceof String)) {
        throw new Refused(Reason.MISSING_OR_INVALID_CLAIM);
      }
    }
    Object audValue = c.get("aud");
    List<String> audiences = new ArrayList<>();
    if (audValue instanceof String s) {
      audiences.add(s);
    } else if (audValue instanceof List<?> l) {
      for (Object o : l) {
        if (!(o instanceof String s)) {
          throw new Refused(Reason.MISSING_OR_INVALID_CLAIM);
        }
        audiences.add(s);
      }
    } else if (c.containsKey("aud")) {
      throw new Refused(Reason.MISSING_OR_INVALID_CLAIM);
    }
    // RFC 7519 §4.1.4: exp is a NumericDate; we require it (RFC 8725 §3.10 guidance on lifetimes).
    if (!c.containsKey("exp")) {
      throw new Refused(Reason.MISSING_OR_INVALID_CLAIM);
    }
    double exp = date(c.get("exp"));
    Double nbf = c.containsKey("nbf") ? date(c.get("nbf")) : null;
    Double iat = c.containsKey("iat") ? date(c.get("iat")) : null;
    if (now - skew >= exp) {
      throw new Refused(Reason.EXPIRED);
    }
    if (nbf != null && nbf > now + skew) {
      throw new Refused(Reason.NOT_YET_VALID);
    }
    if (iat != null && iat > now + skew) {
      throw new Refused(Reason.ISSUED_IN_FUTURE);
    }
    if (iss != null && !iss.equals(c.get("iss"))) {
      throw new Refused(Reason.WRONG_ISSUER);
    }
    if (aud != null && !audiences.contains(aud)) {
      throw new Refused(Reason.WRONG_AUDIENCE);
    }
    for (String r : required) {
      if (c.get(r) == null) {
        throw new Refused(Reason.MISSING_OR_INVALID_CLAIM);
      }
    }
    return new LinkedHashMap<>(c);
  }

  private static double date(Object v) throws Refused {
    // A NumericDate is a JSON number; a numeric string, a boolean or an absurd value is refused.
    if (!(v instanceof Number n)) {
      throw new Refused(Reason.MISSING_OR_INVALID_CLAIM);
    }
    double d = n.doubleValue();
    if (Double.isNaN(d) || d < 0 || d > MAX_DATE) {
      throw new Refused(Reason.MISSING_OR_INVALID_CLAIM);
    }
    return d;
  }

  private static String payloadText(byte[] payload) {
    try {
      return Json.pretty(Json.object(payload));
    } catch (Json.BadJson e) {
      try {
        StringBuilder sb = new StringBuilder();
        Json.string(sb, Json.utf8(payload));
        return sb.toString();
      } catch (Json.BadJson notText) {
        return "base64url: " + Base64.getUrlEncoder().withoutPadding().encodeToString(payload);
      }
    }
  }}
