package dev.jwtsecurity.token;

import dev.jwtsecurity.internal.SetOnce;
import dev.jwtsecurity.internal.SettingRules;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An identity provider (Keycloak, Auth0, Okta, Entra ID, Cognito, Spring Authorization Server, ...)
 * whose access tokens your application accepts: its exact {@code iss}, where its keys come from,
 * the audiences it must have issued the token for, and how its claims become roles and scopes. An
 * immutable configuration value; {@link ProviderTokenValidator} and the facade turn it into a
 * verifier.
 *
 * <pre>{@code
 * // Keys found through discovery: OpenID Connect, then RFC 8414.
 * TrustedIssuer keycloak = TrustedIssuer.builder("https://login.example.com/realms/acme")
 *     .discoverKeys()
 *     .audiences("orders-api")
 *     .rolesClaim("realm_access.roles", "resource_access.orders-api.roles")
 *     .build();
 *
 * // Keys from a JWK Set URI; Auth0 namespaces custom claims with a URL (a dot in a name is "\.").
 * TrustedIssuer auth0 = TrustedIssuer.builder("https://acme.eu.auth0.com/")
 *     .jwksUri("https://acme.eu.auth0.com/.well-known/jwks.json")
 *     .audiences("https://orders.example.com")
 *     .rolesClaim("https://example\\.com/roles")
 *     .build();
 *
 * // Keys pinned in configuration (PEM or JWK).
 * TrustedIssuer partner = TrustedIssuer.builder("https://partner.example")
 *     .keys(List.of(JwtKey.fromPem("p-2026", Algorithm.ES256, pem)))
 *     .audiences("orders-api")
 *     .build();
 * }</pre>
 *
 * <p>A token from this issuer is accepted when, besides the JWS rules every token meets (size,
 * shape, strict JSON, no {@code none}, no {@code jku}/{@code x5u}/{@code jwk}/{@code x5c}, {@code
 * crit} or nested JWT, the key's one algorithm, the signature): {@code iss} is exactly {@link
 * #issuer()}; {@code aud} is, or contains, one of the audiences; the header {@code typ} is absent,
 * {@code JWT} or {@code at+jwt} (or one of {@link Builder#types}); {@code sub} is a non-empty
 * string; {@code exp} and {@code iat} are present and, with {@code nbf}, hold within the clock
 * skew; the {@link Builder#requireClaims required claims} are present; and every {@link ClaimRule}
 * accepts. Roles come from the {@link Builder#rolesClaim roles claim} ({@code roles} by default),
 * scopes from {@code scope} and {@code scp}.
 *
 * <h2>Security considerations</h2>
 *
 * <p><b>Audience.</b> A provider issues tokens for many APIs; without an audience check, a token
 * meant for another API is accepted by yours. {@link Builder#audiences} is therefore required;
 * {@link Builder#unsafeAcceptAnyAudience()} exists for the rare provider that cannot set one.
 *
 * <p><b>Keys.</b> The token never says where its key lives: {@code jku}, {@code x5u} and {@code
 * jwk} headers are refused and nothing is fetched because of them. Remote keys come only from the
 * configured JWK Set URI or from the {@code jwks_uri} of the discovery document whose {@code
 * issuer} equals this issuer exactly, over HTTPS (plain HTTP only to a loopback address with {@link
 * Builder#unsafeAllowPlainHttpOnLoopback()}), without cookies, without redirects to another host,
 * within a time limit and a size cap. Each key is bound to one algorithm, from its own {@code alg}
 * or from its type within {@link Builder#algorithms}; HMAC keys are never fetched, so an {@code
 * HS256} token cannot be verified with a provider's public key. Keys with private material, RSA
 * under 2048 bits, {@code alg: none}, an unknown {@code kty} or a duplicate {@code kid} are refused
 * and reported ({@code sys_key_refused}).
 *
 * <p><b>Availability.</b> Keys are cached for the answer's {@code Cache-Control: max-age} within
 * {@link Builder#cacheTtl bounds} (5 minutes to 1 hour by default), refreshed in the background
 * before they expire, and fetched again for an unknown {@code kid} at most once per {@link
 * Builder#unknownKeyFetchInterval interval} (30 seconds). While the provider is down or answers
 * garbage, the last good keys serve for the {@link Builder#outageTolerance outage tolerance} (1
 * hour) past their expiry; every failed fetch is a {@code sys_key_source_fail} event.
 *
 * <p><b>Users.</b> The provider owns its users: by default nothing checks them against your user
 * directory ({@link Builder#checkUserStatus()} turns it on). The application's denylist applies, so
 * that logging out ends a provider's access token here too ({@link Builder#skipDenylist()} turns it
 * off). {@code sub} is the user id your authorization sees.
 */
public final class TrustedIssuer {

  /** The algorithms remote keys may have unless {@link Builder#algorithms} says otherwise. */
  public static final Set<Algorithm> DEFAULT_ALGORITHMS = Set.of(Algorithm.RS256, Algorithm.ES256);

  /** The default lower bound of the key cache's time to live. */
  public static final Duration DEFAULT_MIN_TTL = Duration.ofMinutes(5);

  /** The default upper bound of the key cache's time to live. */
  public static final Duration DEFAULT_MAX_TTL = Duration.ofHours(1);

  /** The default least time between two fetches for unknown key ids. */
  public static final Duration DEFAULT_UNKNOWN_KEY_FETCH_INTERVAL = Duration.ofSeconds(30);

  /** The default time expired keys keep serving while the provider cannot be reached. */
  public static final Duration DEFAULT_OUTAGE_TOLERANCE = Duration.ofHours(1);

  /** The default connect timeout of key retrieval. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

  /** The default time limit of one key-retrieval exchange, headers and body. */
  public static final Duration DEFAULT_FETCH_TIMEOUT = Duration.ofSeconds(5);

  /** The default size cap of a discovery document or JWK Set, in bytes. */
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;

  /** The header types accepted unless {@link Builder#types} says otherwise (and no header). */
  static final List<String> DEFAULT_TYPES = List.of("JWT", "at+jwt");

  private final String issuer;
  private final Map<String, JwtKey> pinned;
  private final RemoteKeys.Policy remote;
  private final Set<String> audiences;
  private final List<String> types;
  private final boolean typeOptional;
  private final List<String> requiredClaims;
  private final List<ClaimRule> rules;
  private final List<ClaimPath> rolePaths;
  private final Duration clockSkew;
  private final boolean checksUserStatus;
  private final boolean checksDenylist;

  private TrustedIssuer(Builder b, RemoteKeys.Policy remote) {
    this.checksUserStatus = b.checkUserStatus;
    this.checksDenylist = !b.skipDenylist;
    this.issuer = b.issuer;
    this.pinned = b.pinned;
    this.remote = remote;
    this.audiences = b.audiences == null ? Set.of() : b.audiences;
    this.types = b.types == null ? DEFAULT_TYPES : b.types;
    this.typeOptional = b.types == null;
    this.requiredClaims = b.requiredClaims == null ? List.of() : b.requiredClaims;
    this.rules = b.rules == null ? List.of() : b.rules;
    this.rolePaths = b.rolePaths == null ? List.of(ClaimPath.parse("roles")) : b.rolePaths;
    this.clockSkew = b.clockSkew == null ? SettingRules.DEFAULT_CLOCK_SKEW : b.clockSkew;
  }

  /**
   * Starts the configuration of the issuer whose tokens carry exactly {@code issuer} as {@code
   * iss}.
   *
   * @param issuer the provider's issuer identifier, character for character as in its tokens
   *     (trailing slash included where the provider writes one)
   * @return a builder
   * @throws IllegalArgumentException if blank, longer than 512 characters, or with control
   *     characters (the issuer rule of every builder)
   */
  public static Builder builder(String issuer) {
    return new Builder(SettingRules.issuer(issuer));
  }

  /**
   * Returns the issuer identifier, compared exactly with {@code iss}.
   *
   * @return the issuer
   */
  public String issuer() {
    return issuer;
  }

  /**
   * Returns the accepted audiences; empty only after {@link Builder#unsafeAcceptAnyAudience()}.
   *
   * @return the audiences
   */
  public Set<String> audiences() {
    return audiences;
  }

  /**
   * Returns whether the authenticator checks this issuer's users against the application's user
   * directory ({@link Builder#checkUserStatus()}).
   *
   * @return {@code true} when {@code sub} is looked up like an own user id
   */
  public boolean checksUserStatus() {
    return checksUserStatus;
  }

  /**
   * Returns whether the authenticator refuses this issuer's tokens that are on the application's
   * denylist (default {@code true}; see {@link Builder#skipDenylist()}).
   *
   * @return {@code true} when logging out ends the token here too
   */
  public boolean checksDenylist() {
    return checksDenylist;
  }

  /** The pinned keys by kid, or {@code null} for remote keys. */
  Map<String, JwtKey> pinned() {
    return pinned;
  }

  /** What to fetch and how, or {@code null} for pinned keys. */
  RemoteKeys.Policy remote() {
    return remote;
  }

  List<String> types() {
    return types;
  }

  boolean typeOptional() {
    return typeOptional;
  }

  List<String> requiredClaims() {
    return requiredClaims;
  }

  List<ClaimRule> rules() {
    return rules;
  }

  List<ClaimPath> rolePaths() {
    return rolePaths;
  }

  Duration clockSkew() {
    return clockSkew;
  }

  @Override
  public String toString() {
    return "TrustedIssuer[" + issuer + "]";
  }

  /** Builds a {@link TrustedIssuer}. Not thread-safe; every option may be set once. */
  public static final class Builder {
    private final SetOnce once = new SetOnce();
    private final String issuer;
    private String keySource;
    private Map<String, JwtKey> pinned;
    private URI jwksUri;
    private Set<Algorithm> algorithms;
    private Duration minTtl;
    private Duration maxTtl;
    private Duration unknownKeyInterval;
    private Duration outageTolerance;
    private Duration connectTimeout;
    private Duration fetchTimeout;
    private Integer maxResponseBytes;
    private HttpClient httpClient;
    private boolean plainHttpOnLoopback;
    private Set<String> audiences;
    private boolean anyAudience;
    private List<String> types;
    private List<String> requiredClaims;
    private List<ClaimRule> rules;
    private List<ClaimPath> rolePaths;
    private Duration clockSkew;
    private boolean checkUserStatus;
    private boolean skipDenylist;

    private Builder(String issuer) {
      this.issuer = issuer;
    }

    /**
     * Takes the keys from the {@code jwks_uri} of the provider's discovery document: {@code
     * <issuer>/.well-known/openid-configuration} (OpenID Connect Discovery), then {@code
     * <origin>/.well-known/oauth-authorization-server<path>} (RFC 8414). The document's {@code
     * issuer} must equal this issuer exactly. Discovery runs at the first token, not at build time,
     * so the application starts while the provider is down.
     *
     * @return this builder
     * @throws IllegalStateException if a key source is already set
     */
    public Builder discoverKeys() {
      setKeySource("discoverKeys()");
      return this;
    }

    /**
     * Takes the keys from a JWK Set URI.
     *
     * @param uri an absolute {@code https} URI (plain {@code http} to a loopback address only with
     *     {@link #unsafeAllowPlainHttpOnLoopback()})
     * @return this builder
     * @throws IllegalArgumentException if not an absolute URI with a host, or it carries user info
     *     or a fragment
     * @throws IllegalStateException if a key source is already set
     */
    public Builder jwksUri(String uri) {
      Objects.requireNonNull(uri, "uri");
      URI u = parseUri(uri, "jwksUri");
      setKeySource("jwksUri(...)");
      this.jwksUri = u;
      return this;
    }

    /**
     * Pins the keys instead of fetching them: from PEM ({@link JwtKey#fromPem}), JWK ({@link
     * JwtKey#fromJwkSet}) or secrets ({@link JwtKey#hmac}, for a provider that shares one). Each
     * accepts only its own algorithm; signing halves are dropped.
     *
     * @param keys one or more keys with distinct key ids
     * @return this builder
     * @throws IllegalArgumentException if the list is empty or two keys share a key id
     * @throws IllegalStateException if a key source is already set
     */
    public Builder keys(List<JwtKey> keys) {
      Objects.requireNonNull(keys, "keys");
      if (keys.isEmpty()) {
        throw new IllegalArgumentException("at least one key is needed");
      }
      Map<String, JwtKey> m = new LinkedHashMap<>();
      for (JwtKey k : keys) {
        Objects.requireNonNull(k, "key");
        if (m.put(k.keyId(), k.canSign() ? k.withoutSigning() : k) != null) {
          throw new IllegalArgumentException("two keys share the kid '" + k.keyId() + "'");
        }
      }
      setKeySource("keys(...)");
      this.pinned = Map.copyOf(m);
      return this;
    }

    /**
     * Sets the algorithms remote keys may be used with; default RS256 and ES256. A key with its own
     * {@code alg} is used with that algorithm if it is listed; a key without one is used with the
     * one listed algorithm its type fits ({@code RSA}: the RS/PS algorithms listed, {@code EC}: by
     * curve, {@code OKP} Ed25519: EdDSA) and refused when several fit.
     *
     * @param algorithms one or more asymmetric algorithms
     * @return this builder
     * @throws IllegalArgumentException if empty or an HMAC algorithm is listed (secrets are never
     *     fetched)
     * @throws IllegalStateException if already set
     */
    public Builder algorithms(Algorithm... algorithms) {
      if (algorithms.length == 0) {
        throw new IllegalArgumentException("name at least one algorithm");
      }
      Set<Algorithm> set = EnumSet.noneOf(Algorithm.class);
      for (Algorithm a : algorithms) {
        if (Objects.requireNonNull(a, "algorithm").isHmac()) {
          throw new IllegalArgumentException(
              a.jwsName()
                  + " keys are shared secrets and are never fetched; pin them with keys(...)");
        }
        set.add(a);
      }
      once.mark("algorithms");
      this.algorithms = Set.copyOf(set);
      return this;
    }

    /**
     * Bounds the key cache's time to live, which is the answer's {@code Cache-Control: max-age}
     * (the lower bound when there is none, or {@code no-cache}); default 5 minutes to 1 hour.
     *
     * @param min the shortest, at least 10 seconds
     * @param max the longest, at most 24 hours, at least {@code min}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder cacheTtl(Duration min, Duration max) {
      range(min, Duration.ofSeconds(10), Duration.ofHours(24), "the lower cache TTL");
      range(max, min, Duration.ofHours(24), "the upper cache TTL");
      once.mark("cacheTtl");
      this.minTtl = min;
      this.maxTtl = max;
      return this;
    }

    /**
     * Sets the least time between two fetches caused by tokens with an unknown {@code kid}, and
     * between retries after a failed fetch; default 30 seconds. However many such tokens arrive,
     * the provider sees at most one request per interval for them.
     *
     * @param interval 1 second to 10 minutes
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder unknownKeyFetchInterval(Duration interval) {
      range(interval, Duration.ofSeconds(1), Duration.ofMinutes(10), "the unknown-key interval");
      once.mark("unknownKeyFetchInterval");
      this.unknownKeyInterval = interval;
      return this;
    }

    /**
     * Sets how long expired keys keep serving while the provider is down or answers garbage;
     * default 1 hour. Longer keeps the service up through longer outages, but also keeps a key the
     * provider has withdrawn in use for longer when the provider cannot be reached.
     *
     * @param tolerance 0 to 24 hours
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder outageTolerance(Duration tolerance) {
      range(tolerance, Duration.ZERO, Duration.ofHours(24), "the outage tolerance");
      once.mark("outageTolerance");
      this.outageTolerance = tolerance;
      return this;
    }

    /**
     * Sets the connect timeout of key retrieval; default 2 seconds.
     *
     * @param timeout 100 milliseconds to 30 seconds
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder connectTimeout(Duration timeout) {
      range(timeout, Duration.ofMillis(100), Duration.ofSeconds(30), "the connect timeout");
      once.mark("connectTimeout");
      this.connectTimeout = timeout;
      return this;
    }

    /**
     * Sets the time limit of one key-retrieval exchange, from request to the last byte of the
     * answer; default 5 seconds. A slow answer is cut off and counts as a failure.
     *
     * @param timeout 100 milliseconds to 60 seconds
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder fetchTimeout(Duration timeout) {
      range(timeout, Duration.ofMillis(100), Duration.ofSeconds(60), "the fetch timeout");
      once.mark("fetchTimeout");
      this.fetchTimeout = timeout;
      return this;
    }

    /**
     * Sets the size cap of a discovery document or JWK Set; default 64 KiB.
     *
     * @param bytes 1 KiB to 4 MiB
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder maxResponseBytes(int bytes) {
      if (bytes < 1024 || bytes > 4 * 1024 * 1024) {
        throw new IllegalArgumentException(
            "maxResponseBytes must be 1024 to 4194304, was " + bytes);
      }
      once.mark("maxResponseBytes");
      this.maxResponseBytes = bytes;
      return this;
    }

    /**
     * Sets the HTTP client for key retrieval, for a proxy or a private certificate authority;
     * default a client of its own. Its connect timeout applies instead of {@link #connectTimeout}.
     *
     * @param client a client that follows no redirects ({@code HttpClient.Redirect.NEVER}) and has
     *     no cookie handler
     * @return this builder
     * @throws IllegalArgumentException if the client follows redirects or keeps cookies
     * @throws IllegalStateException if already set
     */
    public Builder httpClient(HttpClient client) {
      HttpClient checked = JwksHttp.checkClient(Objects.requireNonNull(client, "client"));
      once.mark("httpClient");
      this.httpClient = checked;
      return this;
    }

    /**
     * Allows plain HTTP for key retrieval when the host is a loopback address ({@code 127.0.0.0/8},
     * {@code [::1]}, {@code localhost}). <strong>For development only</strong>, with an
     * authorization server on the same machine: keys fetched over plain HTTP from anywhere else
     * could be replaced on the way.
     *
     * @return this builder
     */
    public Builder unsafeAllowPlainHttpOnLoopback() {
      once.mark("unsafeAllowPlainHttpOnLoopback");
      this.plainHttpOnLoopback = true;
      return this;
    }

    /**
     * Sets the audiences this API has at the provider: a token is accepted when its {@code aud} is,
     * or contains, one of them. Required, unless {@link #unsafeAcceptAnyAudience()}.
     *
     * @param audiences one or more audience values
     * @return this builder
     * @throws IllegalArgumentException if none is given or one is blank
     * @throws IllegalStateException if already set
     */
    public Builder audiences(String... audiences) {
      if (audiences.length == 0) {
        throw new IllegalArgumentException("name at least one audience");
      }
      Set<String> set = new LinkedHashSet<>();
      for (String a : audiences) {
        set.add(SettingRules.audience(a));
      }
      once.mark("audiences");
      this.audiences = Set.copyOf(set);
      return this;
    }

    /**
     * Accepts tokens whatever their {@code aud}. <strong>Unsafe</strong>: a token the provider
     * issued for any other API then works on yours. Only for a provider that cannot set an
     * audience, combined with a {@link ClaimRule} that pins what can be pinned (such as {@code azp}
     * or {@code client_id}).
     *
     * @return this builder
     */
    public Builder unsafeAcceptAnyAudience() {
      once.mark("unsafeAcceptAnyAudience");
      this.anyAudience = true;
      return this;
    }

    /**
     * Restricts the header {@code typ} to these media types (compared ignoring case, with or
     * without {@code application/}); a token without {@code typ} is then refused. Default: {@code
     * JWT}, {@code at+jwt}, or no {@code typ}.
     *
     * @param types one or more media types, such as {@code at+jwt} (RFC 9068)
     * @return this builder
     * @throws IllegalArgumentException if none is given or one is not a media type
     * @throws IllegalStateException if already set
     */
    public Builder types(String... types) {
      if (types.length == 0) {
        throw new IllegalArgumentException("name at least one type");
      }
      List<String> list = new ArrayList<>();
      for (String t : types) {
        list.add(SettingRules.tokenType(t));
      }
      once.mark("types");
      this.types = List.copyOf(list);
      return this;
    }

    /**
     * Requires claims to be present and not {@code null}, besides {@code sub}, {@code exp} and
     * {@code iat}.
     *
     * @param names one or more claim names
     * @return this builder
     * @throws IllegalArgumentException if none is given or one is blank
     * @throws IllegalStateException if already set
     */
    public Builder requireClaims(String... names) {
      if (names.length == 0) {
        throw new IllegalArgumentException("name at least one claim");
      }
      List<String> list = new ArrayList<>();
      for (String n : names) {
        list.add(SettingRules.claimName(n));
      }
      once.mark("requireClaims");
      this.requiredClaims = List.copyOf(list);
      return this;
    }

    /**
     * Adds checks of your own, run in order after every built-in check; the first that fails
     * refuses the token with its name as the reason.
     *
     * @param rules one or more rules
     * @return this builder
     * @throws IllegalArgumentException if none is given or two share a name
     * @throws IllegalStateException if already set
     */
    public Builder claimRules(ClaimRule... rules) {
      List<ClaimRule> checked = ruleList(rules);
      once.mark("claimRules");
      this.rules = checked;
      return this;
    }

    /**
     * Sets where roles are read: one or more claim paths, their names merged. Default {@code
     * roles}. Segments are separated by {@code .}; write a dot inside a claim name as {@code \.}.
     * Keycloak: {@code realm_access.roles}, {@code resource_access.<client>.roles}; Cognito: {@code
     * cognito:groups}; Okta and Entra ID: {@code groups} or {@code roles}. A claim may be an array
     * of strings or a space-separated string.
     *
     * @param paths one or more claim paths
     * @return this builder
     * @throws IllegalArgumentException if none is given or a path is malformed
     * @throws IllegalStateException if already set
     */
    public Builder rolesClaim(String... paths) {
      if (paths.length == 0) {
        throw new IllegalArgumentException("name at least one claim path");
      }
      List<ClaimPath> list = new ArrayList<>();
      for (String p : paths) {
        list.add(ClaimPath.parse(p));
      }
      once.mark("rolesClaim");
      this.rolePaths = List.copyOf(list);
      return this;
    }

    /**
     * Sets the tolerated clock skew for {@code exp}, {@code nbf} and {@code iat}; default 30
     * seconds.
     *
     * @param clockSkew 0 to 300 seconds
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder clockSkew(Duration clockSkew) {
      SettingRules.clockSkew(clockSkew);
      once.mark("clockSkew");
      this.clockSkew = clockSkew;
      return this;
    }

    /**
     * Checks this issuer's users against the application's user directory, as for own tokens: a
     * {@code sub} that is unknown or inactive is refused ({@code USER_INACTIVE}), and so is a token
     * issued before the user's credentials last changed ({@code CREDENTIALS_CHANGED}). Only for a
     * provider whose {@code sub} is your user id (for example one that federates your own user
     * table); by default the provider owns its users and nothing is checked.
     *
     * @return this builder
     */
    public Builder checkUserStatus() {
      once.mark("checkUserStatus");
      this.checkUserStatus = true;
      return this;
    }

    /**
     * Skips the application's denylist for this issuer's tokens, saving its look-up per request
     * (one database or Redis round trip with a shared denylist). Logging out then no longer ends
     * this issuer's access tokens here before they expire; the provider's own session ends them at
     * the source.
     *
     * @return this builder
     */
    public Builder skipDenylist() {
      once.mark("skipDenylist");
      this.skipDenylist = true;
      return this;
    }

    /**
     * Returns the configuration.
     *
     * @return an immutable trusted issuer
     * @throws IllegalStateException if no key source or no audience was set, an option does not fit
     *     the key source, or the issuer is not an HTTPS URL where discovery needs one
     */
    public TrustedIssuer build() {
      if (keySource == null) {
        throw new IllegalStateException(
            "say where the keys of "
                + issuer
                + " come from: discoverKeys(), jwksUri(...) or keys(...)");
      }
      if (audiences == null && !anyAudience) {
        throw new IllegalStateException(
            "set audiences(...) to the identifier this API has at "
                + issuer
                + " (the 'aud' its tokens carry); without it, tokens issued for other APIs would"
                + " be accepted");
      }
      if (audiences != null && anyAudience) {
        throw new IllegalStateException("audiences(...) and unsafeAcceptAnyAudience() contradict");
      }
      if (pinned != null) {
        if (algorithms != null
            || minTtl != null
            || unknownKeyInterval != null
            || outageTolerance != null
            || connectTimeout != null
            || fetchTimeout != null
            || maxResponseBytes != null
            || httpClient != null
            || plainHttpOnLoopback) {
          throw new IllegalStateException(
              "key retrieval options have no effect on pinned keys(...); drop them");
        }
        return new TrustedIssuer(this, null);
      }
      if (jwksUri == null) {
        URI u = parseUri(issuer, "the issuer (for discoverKeys())");
        if (u.getRawQuery() != null) {
          throw new IllegalStateException(
              "an issuer used for discovery has no query (RFC 8414 §2): " + issuer);
        }
        if (!JwksHttp.allowed(u, plainHttpOnLoopback)) {
          throw new IllegalStateException(insecure("the issuer", issuer));
        }
      } else if (!JwksHttp.allowed(jwksUri, plainHttpOnLoopback)) {
        throw new IllegalStateException(insecure("the jwksUri", jwksUri.toString()));
      }
      Duration connect = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
      RemoteKeys.Policy policy =
          new RemoteKeys.Policy(
              issuer,
              jwksUri,
              algorithms == null ? DEFAULT_ALGORITHMS : algorithms,
              minTtl == null ? DEFAULT_MIN_TTL : minTtl,
              maxTtl == null ? DEFAULT_MAX_TTL : maxTtl,
              unknownKeyInterval == null ? DEFAULT_UNKNOWN_KEY_FETCH_INTERVAL : unknownKeyInterval,
              outageTolerance == null ? DEFAULT_OUTAGE_TOLERANCE : outageTolerance,
              connect,
              fetchTimeout == null ? DEFAULT_FETCH_TIMEOUT : fetchTimeout,
              maxResponseBytes == null ? DEFAULT_MAX_RESPONSE_BYTES : maxResponseBytes,
              plainHttpOnLoopback,
              httpClient);
      return new TrustedIssuer(this, policy);
    }

    private static String insecure(String what, String uri) {
      return what
          + " must be an https URL: "
          + uri
          + " (plain http only to a loopback address, with unsafeAllowPlainHttpOnLoopback(), for"
          + " development)";
    }

    private void setKeySource(String which) {
      if (keySource != null) {
        throw new IllegalStateException(
            "the keys already come from " + keySource + "; choose one key source");
      }
      keySource = which;
    }

    private static URI parseUri(String uri, String what) {
      URI u;
      try {
        u = new URI(uri);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(what + " is not a URI");
      }
      if (!u.isAbsolute() || u.isOpaque() || u.getHost() == null) {
        throw new IllegalArgumentException(what + " must be an absolute URL with a host");
      }
      if (u.getRawUserInfo() != null || u.getRawFragment() != null) {
        throw new IllegalArgumentException(what + " must carry neither user info nor a fragment");
      }
      return u;
    }

    private static void range(Duration d, Duration min, Duration max, String what) {
      Objects.requireNonNull(d, what);
      if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
        throw new IllegalArgumentException(
            what + " must be between " + min + " and " + max + ", was " + d);
      }
    }
  }

  /** Checks a list of rules for distinct names. */
  static List<ClaimRule> ruleList(ClaimRule... rules) {
    if (rules.length == 0) {
      throw new IllegalArgumentException("name at least one rule");
    }
    Set<String> names = new LinkedHashSet<>();
    for (ClaimRule r : rules) {
      if (!names.add(Objects.requireNonNull(r, "rule").name())) {
        throw new IllegalArgumentException("two claim rules are named " + r.name());
      }
    }
    return List.of(rules);
  }
}
