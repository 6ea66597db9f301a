package dev.jwtsecurity.token;

import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.internal.SetOnce;
import dev.jwtsecurity.internal.SettingRules;
import dev.jwtsecurity.token.InvalidTokenException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Validates access tokens issued by identity providers: the token's {@code iss} chooses one of the
 * {@link TrustedIssuer}s, whose rules and keys then decide. Immutable and thread-safe; the key
 * caches inside are shared by every thread.
 *
 * <pre>{@code
 * ProviderTokenValidator validator = ProviderTokenValidator.builder()
 *     .trust(TrustedIssuer.builder("https://login.example.com/realms/acme")
 *         .discoverKeys()
 *         .audiences("orders-api")
 *         .rolesClaim("realm_access.roles")
 *         .build())
 *     .build();
 * VerifiedAccessToken token = validator.validate(bearer);   // throws InvalidTokenException
 * token.subject(); token.roles(); token.scopes();
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <p>Before any key is looked up, let alone fetched, the token must pass the size limit, the
 * compact JWS shape, strict header and claims JSON and the header rules ({@code jku}, {@code x5u},
 * {@code jwk}, {@code x5c}, {@code crit} refused), and its {@code iss} must be one of the trusted
 * issuers ({@code WRONG_ISSUER} otherwise): a token naming any other issuer never causes a
 * connection. Its {@code alg} must be one the chosen issuer's keys can have, so an {@code HS256}
 * token signed with a provider's public key is refused without a fetch. The unverified {@code iss}
 * only chooses which keys to try; the signature, then every claim, is checked against that issuer's
 * rules. When the provider's keys cannot be fetched and none are cached, tokens are refused with
 * {@code KEYS_UNAVAILABLE}.
 */
public final class ProviderTokenValidator {

  private final Map<String, IssuerVerifier> byIssuer;
  private final int maxTokenLength;
  private final JwsVerification.IssuerChoice<IssuerVerifier> chooser = this::choose;
  private final JwsVerification.HeaderCache headers = new JwsVerification.HeaderCache();

  private ProviderTokenValidator(Builder b) {
    Map<String, IssuerVerifier> m = new HashMap<>();
    for (TrustedIssuer t : b.issuers.values()) {
      m.put(t.issuer(), new IssuerVerifier(t, b.clock, b.events, b.maxTokenLength));
    }
    this.byIssuer = Map.copyOf(m);
    this.maxTokenLength = b.maxTokenLength;
  }

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Validates {@code token}.
   *
   * @param token the compact JWS from the {@code Authorization} header
   * @return the verified token; {@link VerifiedAccessToken#roles()} and {@link
   *     VerifiedAccessToken#scopes()} hold what the issuer's claims map to
   * @throws InvalidTokenException with the reason, when the token is refused for any reason
   */
  public VerifiedAccessToken validate(CharSequence token) throws InvalidTokenException {
    JwsVerification.ChosenResult<IssuerVerifier> r =
        JwsVerification.verifyChosen(token, maxTokenLength, chooser, headers);
    if (r == null) {
      throw new InvalidTokenException(Reason.WRONG_ISSUER);
    }
    return r.owner().accept(token, r.header(), r.claims());
  }

  /** The trusted issuer a token names, or {@code null}; a non-string {@code iss} is refused. */
  private JwsVerification.Chosen<IssuerVerifier> choose(String alg, String kid, Object iss)
      throws InvalidTokenException {
    if (iss != null && !(iss instanceof String)) {
      throw new InvalidTokenException(Reason.MISSING_OR_INVALID_CLAIM);
    }
    IssuerVerifier v = iss == null ? null : byIssuer.get(iss);
    return v == null ? null : v.choose(alg, kid);
  }

  /**
   * Validates a token that is either this application's own or a trusted issuer's, as one
   * authenticator accepting both does: a token whose header is byte for byte the one {@code own}
   * writes, or whose {@code iss} is no trusted issuer, goes to {@code own}; any other to its
   * issuer. Own tokens pay nothing for the providers.
   *
   * @param token the compact JWS
   * @param own the validator of this application's own tokens
   * @return the verified token; {@link VerifiedAccessToken#issuer()} tells whose
   * @throws InvalidTokenException with the reason, when the token is refused
   */
  public VerifiedAccessToken validate(CharSequence token, AccessTokenValidator own)
      throws InvalidTokenException {
    if (token == null || own.hasOwnHeader(token)) {
      return own.validate(token);
    }
    JwsVerification.ChosenResult<IssuerVerifier> r =
        JwsVerification.verifyChosen(token, maxTokenLength, chooser, headers);
    return r == null ? own.validate(token) : r.owner().accept(token, r.header(), r.claims());
  }

  /**
   * Returns the trusted issuer with this identifier.
   *
   * @param issuer an {@code iss} value, or {@code null}
   * @return the trusted issuer, or empty
   */
  public Optional<TrustedIssuer> trustedIssuer(String issuer) {
    IssuerVerifier v = issuer == null ? null : byIssuer.get(issuer);
    return v == null ? Optional.empty() : Optional.of(v.trusted);
  }

  /**
   * Returns whether {@code issuer} is one of the trusted issuers.
   *
   * @param issuer an {@code iss} value
   * @return {@code true} if tokens with this issuer are validated here
   */
  public boolean trusts(String issuer) {
    return byIssuer.containsKey(issuer);
  }

  /** Builds a {@link ProviderTokenValidator}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, TrustedIssuer> issuers = new LinkedHashMap<>();
    private Clock clock;
    private SecurityEventListener events;
    private int maxTokenLength = AccessTokenValidator.DEFAULT_MAX_TOKEN_LENGTH;
    private final SetOnce once = new SetOnce();

    private Builder() {}

    /**
     * Adds issuers whose tokens are accepted; may be called several times.
     *
     * @param issuers one or more trusted issuers with distinct issuer identifiers
     * @return this builder
     * @throws IllegalArgumentException if an issuer is already trusted
     */
    public Builder trust(TrustedIssuer... issuers) {
      for (TrustedIssuer t : issuers) {
        Objects.requireNonNull(t, "issuer");
        if (this.issuers.putIfAbsent(t.issuer(), t) != null) {
          throw new IllegalArgumentException(t.issuer() + " is already trusted");
        }
      }
      return this;
    }

    /**
     * Sets the clock for token times and key-cache times; default the system UTC clock.
     *
     * @param clock the clock
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder clock(Clock clock) {
      Objects.requireNonNull(clock, "clock");
      once.mark("clock");
      this.clock = clock;
      return this;
    }

    /**
     * Sets where key-retrieval failures and refused keys are reported ({@code sys_key_source_fail},
     * {@code sys_key_refused}); default the SLF4J security log ({@link
     * SecurityEventListener#securityLog()}).
     *
     * @param events the listener
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder events(SecurityEventListener events) {
      Objects.requireNonNull(events, "events");
      once.mark("events");
      this.events = events;
      return this;
    }

    /**
     * Sets the largest token accepted, in characters; default 8192.
     *
     * @param maxTokenLength 1024 to 65536 characters
     * @return this builder
     * @throws IllegalArgumentException if outside 1024..65536
     * @throws IllegalStateException if already set
     */
    public Builder maxTokenLength(int maxTokenLength) {
      SettingRules.maxTokenLength(maxTokenLength);
      once.mark("maxTokenLength");
      this.maxTokenLength = maxTokenLength;
      return this;
    }

    /**
     * Returns the validator. Nothing is fetched yet: keys are fetched at the first token of each
     * issuer.
     *
     * @return an immutable, thread-safe validator
     * @throws IllegalStateException if no issuer is trusted
     */
    public ProviderTokenValidator build() {
      if (issuers.isEmpty()) {
        throw new IllegalStateException("trust(...) at least one issuer");
      }
      if (clock == null) {
        clock = Clock.systemUTC();
      }
      if (events == null) {
        events = SecurityEventListener.securityLog();
      }
      return new ProviderTokenValidator(this);
    }
  }

  /**
   * RFC 7519 §4.1: the claims {@link VerifiedAccessToken} exposes through its own accessors; every
   * other claim of a provider's token ({@code azp}, {@code client_id}, {@code tid}, ...) is an
   * application claim.
   */
  static final Set<String> REGISTERED = Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti");

  /** One trusted issuer made live: its keys (pinned, or a remote cache) and its rules. */
  static final class IssuerVerifier {
    private final TrustedIssuer trusted;
    private final RemoteKeys remote;
    private final Set<String> algorithms;
    private final JwsVerification.Profile profile;
    private final JwsVerification.Chosen<IssuerVerifier> pinnedChoice;
    // Benign race: a stale or missing value only costs one allocation; records are immutable.
    private volatile JwsVerification.Chosen<IssuerVerifier> remoteChoice;

    IssuerVerifier(
        TrustedIssuer trusted, Clock clock, SecurityEventListener events, int maxTokenLength) {
      this.trusted = trusted;
      Set<String> algs = new LinkedHashSet<>();
      if (trusted.pinned() != null) {
        this.remote = null;
        for (JwtKey k : trusted.pinned().values()) {
          algs.add(k.algorithm().jwsName());
        }
      } else {
        this.remote = new RemoteKeys(trusted.remote(), clock, events);
        for (Algorithm a : trusted.remote().algorithms()) {
          algs.add(a.jwsName());
        }
      }
      this.algorithms = Set.copyOf(algs);
      List<String> required = new ArrayList<>(List.of("sub", "iat"));
      required.addAll(trusted.requiredClaims());
      this.profile =
          JwsVerification.Profile.general(
              maxTokenLength,
              JwsVerification.Payload.CLAIMS,
              null,
              new JwsVerification.Expected(trusted.issuer(), null, null, required),
              trusted.clockSkew().toSeconds(),
              clock);
      this.pinnedChoice =
          trusted.pinned() == null
              ? null
              : new JwsVerification.Chosen<>(trusted.pinned(), profile, this);
    }

    /** The keys and rules for a token of this issuer signed with {@code alg} under {@code kid}. */
    JwsVerification.Chosen<IssuerVerifier> choose(String alg, String kid)
        throws InvalidTokenException {
      // RFC 8725 §3.1: only algorithms this issuer's keys can have; checked before any fetch.
      if (!algorithms.contains(alg)) {
        throw new InvalidTokenException(Reason.UNSUPPORTED_ALGORITHM);
      }
      if (remote == null) {
        return pinnedChoice;
      }
      RemoteKeys.KeySet s = remote.keysFor(kid);
      if (s == null) {
        throw new InvalidTokenException(Reason.KEYS_UNAVAILABLE);
      }
      // One choice per key set, made again only when the set changes: nothing allocated per token.
      JwsVerification.Chosen<IssuerVerifier> c = remoteChoice;
      if (c == null || c.keys() != s.byKid) {
        c = new JwsVerification.Chosen<>(s.byKid, profile, this);
        remoteChoice = c;
      }
      return c;
    }

    VerifiedAccessToken accept(
        CharSequence token, Map<String, Object> header, Map<String, Object> c)
        throws InvalidTokenException {
      checkType(header.get("typ"));
      Object sub = c.get("sub");
      if (!(sub instanceof String subject) || subject.isEmpty()) {
        throw new InvalidTokenException(Reason.MISSING_OR_INVALID_CLAIM);
      }
      Object aud = c.get("aud");
      if (!trusted.audiences().isEmpty() && !audienceMatches(aud, trusted.audiences())) {
        throw new InvalidTokenException(Reason.WRONG_AUDIENCE);
      }
      Set<String> roles = ClaimPath.collectAll(trusted.rolePaths(), c);
      Object scope = c.get("scope");
      Object scp = c.get("scp");
      Set<String> scopes;
      if (scope == null && scp == null) {
        scopes = Set.of();
      } else {
        Set<String> names = new LinkedHashSet<>();
        ClaimPath.collectNames(scope, names);
        ClaimPath.collectNames(scp, names);
        scopes = Set.copyOf(names);
      }
      List<String> audience =
          aud == null
              ? List.of()
              : aud instanceof String s ? List.of(s) : stringList((List<?>) aud);
      Map<String, Object> app = null; // made when the first application claim is found
      for (Map.Entry<String, Object> e : c.entrySet()) {
        Object v = e.getValue();
        if (REGISTERED.contains(e.getKey())) {
          continue;
        }
        Object kept =
            v instanceof String || v instanceof Long || v instanceof Boolean
                ? v
                : JwsVerification.isStringArray(v) ? stringList((List<?>) v) : null;
        if (kept != null) {
          if (app == null) {
            app = new HashMap<>();
          }
          app.put(e.getKey(), kept);
        }
      }
      if (!trusted.rules().isEmpty()) {
        // Last, on a read-only view: a rule sees only tokens that passed every other check.
        ClaimRule.checkAll(trusted.rules(), Collections.unmodifiableMap(c));
      }
      Object nbf = c.get("nbf");
      return new VerifiedAccessToken(
          subject,
          c.get("jti") instanceof String jti ? jti : derivedTokenId(token),
          (Long) c.get("iat"),
          (Long) c.get("exp"),
          nbf == null ? VerifiedAccessToken.NO_NBF : (Long) nbf,
          trusted.issuer(),
          audience,
          roles,
          scopes,
          app == null ? Map.of() : app,
          // A provider's sid/cvs describe its own sessions and users, never ours: not read.
          null,
          VerifiedAccessToken.NO_CVS);
    }

    /**
     * The id of a token without {@code jti}: {@code sig:} and the base64url SHA-256 of its encoded
     * signature, which only the issuer's key could have made for exactly this token.
     */
    static String derivedTokenId(CharSequence token) {
      int dot = token.toString().lastIndexOf('.');
      byte[] sig =
          token.subSequence(dot + 1, token.length()).toString().getBytes(StandardCharsets.US_ASCII);
      byte[] h;
      try {
        h = MessageDigest.getInstance("SHA-256").digest(sig);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is missing from this JDK", e);
      }
      byte[] out = new byte[Base64Url.encodedLength(h.length)];
      Base64Url.encode(h, 0, h.length, out, 0);
      return "sig:" + new String(out, StandardCharsets.US_ASCII);
    }

    private void checkType(Object typ) throws InvalidTokenException {
      if (typ == null) {
        if (!trusted.typeOptional()) {
          throw new InvalidTokenException(Reason.WRONG_TYPE);
        }
        return;
      }
      List<String> types = trusted.types();
      for (int i = 0; i < types.size(); i++) {
        if (JwsVerification.sameType((String) typ, types.get(i))) {
          return;
        }
      }
      throw new InvalidTokenException(Reason.WRONG_TYPE);
    }

    private static boolean audienceMatches(Object aud, Set<String> accepted) {
      if (aud instanceof String s) {
        return accepted.contains(s);
      }
      if (aud instanceof List<?> l) {
        for (Object o : l) {
          if (accepted.contains(o)) {
            return true;
          }
        }
      }
      return false;
    }

    @SuppressWarnings("unchecked") // checked to hold strings only
    private static List<String> stringList(List<?> l) {
      return List.copyOf((List<String>) l);
    }
  }
}
