package dev.jwtsecurity.servlet;

import dev.jwtsecurity.internal.JsonWriter;
import dev.jwtsecurity.internal.SetOnce;
import dev.jwtsecurity.token.KeyRing;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Publishes the public keys of the application's key ring as a JWK Set (RFC 7517), and a minimal
 * discovery document naming the issuer and where the keys are, so that other services (an API
 * gateway, another microservice, jwt-security's own {@code TrustedIssuer.discoverKeys()}) can
 * verify the access tokens this application issues.
 *
 * <pre>{@code
 * // JWT_ALGORITHM=ES256, JWT_PRIVATE_JWK_FILE=/run/secrets/jwt.jwk, JWT_ISSUER=https://app.example.com
 * JwtSecurityFilters.builder(security)
 *     .publishKeys()       // GET /.well-known/jwks.json and /.well-known/openid-configuration
 *     .build()
 *     .register(servletContext);
 * }</pre>
 *
 * <p>{@code GET /.well-known/jwks.json} answers {@code application/jwk-set+json}: the signing key
 * and every key that still verifies (previous keys until retired, next keys published ahead of a
 * rotation), each with {@code kid}, {@code alg} and {@code use: sig}; it follows rotations at once.
 * {@code GET /.well-known/openid-configuration} answers {@code {"issuer":...,"jwks_uri":...}}
 * ({@code application/json}): enough for OpenID Connect Discovery and RFC 8414 clients that only
 * verify tokens, and deliberately nothing more (this application is not an OpenID provider). Both
 * carry {@code Cache-Control: public, max-age=300} (configurable) and an {@code ETag}; {@code HEAD}
 * and {@code If-None-Match} work; other methods get 405.
 *
 * <h2>Security considerations</h2>
 *
 * <ul>
 *   <li>Only public key material is ever written; HMAC keys are never published, and a ring that
 *       signs with an HMAC key is refused when the filter is built (the secret would be the only
 *       thing to publish, and publishing it lets anyone mint tokens).
 *   <li>The issuer in the discovery document is the {@code iss} of the tokens, so a client that
 *       checks both (as jwt-security's does) binds keys to this issuer. It must be an {@code https}
 *       URL; {@code http} is accepted for a loopback host only, for development.
 *   <li>Publish the next key ahead of a rotation ({@code KeyRing.addVerificationKey}) and retire
 *       the old one only after the access-token lifetime plus {@code max-age}: clients that cached
 *       the set must never meet a {@code kid} they cannot find.
 * </ul>
 */
public final class JwkSetFilter implements Filter {

  /** Where the JWK Set is served by default, relative to the context path. */
  public static final String DEFAULT_JWKS_PATH = "/.well-known/jwks.json";

  /**
   * Where the discovery document is served by default, relative to the context path: OpenID Connect
   * Discovery's location for an issuer whose path is the context path.
   */
  public static final String DEFAULT_DISCOVERY_PATH = "/.well-known/openid-configuration";

  /** The default {@code max-age}: as long as jwt-security's own key cache keeps a set at least. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

  static final String JWKS_TYPE = "application/jwk-set+json";
  static final String DISCOVERY_TYPE = "application/json";
  private static final Duration MAX_MAX_AGE = Duration.ofDays(1);

  private final KeyRing keyRing;
  private final PathPatterns jwksPath;
  private final PathPatterns discoveryPath;
  private final String cacheControl;
  private final Document discovery;
  private final List<String> paths;
  private volatile Document jwks = new Document("", new byte[0], "");

  /** A body, its ETag, and the text it was made from. Immutable: the body is never handed out. */
  private static final class Document {
    private final String source;
    private final byte[] body;
    private final String etag;

    private Document(String source, byte[] body, String etag) {
      this.source = source;
      this.body = body;
      this.etag = etag;
    }

    static Document of(String source) {
      byte[] body = source.getBytes(StandardCharsets.UTF_8);
      return new Document(source, body, entityTag(body));
    }

    String source() {
      return source;
    }

    String etag() {
      return etag;
    }

    int length() {
      return body.length;
    }

    void writeTo(OutputStream out) throws IOException {
      out.write(body);
    }
  }

  private JwkSetFilter(Builder b) {
    this.keyRing = b.keyRing;
    this.jwksPath = PathPatterns.of(List.of(b.jwksPath));
    this.cacheControl = "public, max-age=" + b.maxAge.toSeconds();
    if (b.discoveryPath == null) {
      this.discoveryPath = null;
      this.discovery = null;
      this.paths = List.of(b.jwksPath);
    } else {
      this.discoveryPath = PathPatterns.of(List.of(b.discoveryPath));
      String jwksUri = b.jwksUri != null ? b.jwksUri : withoutTrailingSlash(b.issuer) + b.jwksPath;
      checkUrl("the JWK Set URI", jwksUri);
      JsonWriter w = new JsonWriter(256);
      w.beginObject().member("issuer", b.issuer).member("jwks_uri", jwksUri).endObject();
      this.discovery = Document.of(w.toUtf8String());
      this.paths = List.of(b.jwksPath, b.discoveryPath);
    }
  }

  /**
   * Returns a builder; {@link JwtSecurityFilters.Builder#publishKeys(Builder)} gives it the front
   * door's key ring and issuer.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The paths this filter answers, relative to the context path: what {@code register} maps. */
  List<String> paths() {
    return paths;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (!(req instanceof HttpServletRequest request)
        || !(res instanceof HttpServletResponse response)) {
      chain.doFilter(req, res);
      return;
    }
    String uri = request.getRequestURI();
    String contextPath = request.getContextPath();
    Document doc;
    String type;
    if (jwksPath.matches(uri, contextPath)) {
      doc = currentJwks();
      type = JWKS_TYPE;
    } else if (discoveryPath != null && discoveryPath.matches(uri, contextPath)) {
      doc = discovery;
      type = DISCOVERY_TYPE;
    } else {
      chain.doFilter(request, response);
      return;
    }
    String method = request.getMethod();
    boolean head = "HEAD".equals(method);
    if (!head && !"GET".equals(method)) {
      response.setHeader("Allow", "GET, HEAD");
      ProblemResponses.send(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      return;
    }
    response.setHeader("Cache-Control", cacheControl);
    response.setHeader("ETag", doc.etag());
    if (matchesEtag(request, doc.etag())) {
      response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      return;
    }
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(type);
    response.setContentLength(doc.length());
    if (!head) {
      try (OutputStream out = response.getOutputStream()) {
        doc.writeTo(out);
      }
    }
  }

  /** The ring's set, with its ETag made once per change of the ring. */
  private Document currentJwks() {
    String text = keyRing.publicJwkSet();
    Document d = jwks;
    // The ring returns the same text instance until it changes, which equals() sees at once.
    if (!text.equals(d.source())) {
      d = Document.of(text);
      jwks = d;
    }
    return d;
  }

  /** Whether an {@code If-None-Match} header names {@code etag} (or is {@code *}). */
  private static boolean matchesEtag(HttpServletRequest request, String etag) {
    for (String header : HeaderLists.values(request.getHeaders("If-None-Match"))) {
      for (String candidate : header.split(",", 32)) {
        String c = candidate.trim();
        if (c.startsWith("W/")) {
          c = c.substring(2); // RFC 9110 §13.1.2: If-None-Match compares weakly
        }
        if (c.equals("*") || c.equals(etag)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String entityTag(byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      return "\""
          + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22)
          + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  private static String withoutTrailingSlash(String s) {
    String out = s;
    while (out.endsWith("/")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }

  /**
   * Checks that {@code url} is an absolute {@code https} URL without query or fragment, or {@code
   * http} on a loopback host (development): what a client following discovery will accept.
   */
  static void checkUrl(String what, String url) {
    URI u;
    try {
      u = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(what + " must be an https URL; it is not a URL");
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    boolean https = scheme.equals("https");
    boolean loopbackHttp = scheme.equals("http") && isLoopback(u.getHost());
    if (!u.isAbsolute()
        || u.getHost() == null
        || u.getRawQuery() != null
        || u.getRawFragment() != null
        || u.getRawUserInfo() != null
        || !(https || loopbackHttp)) {
      throw new IllegalStateException(
          what
              + " must be an https URL without query, fragment or user info (http only on a"
              + " loopback host, for development); was '"
              + url
              + "'");
    }
  }

  private static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    // Address literals only: a name would need a DNS look-up at start-up.
    if (!literal.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
      return false;
    }
    try {
      return InetAddress.getByName(literal).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "JwkSetFilter" + paths;
  }

  /**
   * Builds a {@link JwkSetFilter}. From the front door, pass it to {@link
   * JwtSecurityFilters.Builder#publishKeys(Builder)}, which sets the key ring and issuer; alone,
   * set both here. Each option may be set once. Not thread-safe.
   */
  public static final class Builder {
    private final SetOnce once = new SetOnce();
    private KeyRing keyRing;
    private String issuer;
    private String jwksPath = DEFAULT_JWKS_PATH;
    private String discoveryPath = DEFAULT_DISCOVERY_PATH;
    private String jwksUri;
    private Duration maxAge = DEFAULT_MAX_AGE;
    private boolean built;

    private Builder() {}

    /**
     * Sets the key ring whose public keys are published; {@link JwtSecurityFilters} sets the front
     * door's.
     *
     * @param keyRing the key ring
     * @return this builder
     * @throws NullPointerException if {@code keyRing} is {@code null}
     * @throws IllegalStateException if already set
     */
    public Builder keyRing(KeyRing keyRing) {
      Objects.requireNonNull(keyRing, "keyRing");
      once.mark("keyRing");
      this.keyRing = keyRing;
      return this;
    }

    /**
     * Sets the issuer the discovery document names: the {@code iss} of the tokens, this
     * application's https URL; {@link JwtSecurityFilters} sets the front door's ({@code
     * JWT_ISSUER}).
     *
     * @param issuer the issuer
     * @return this builder
     * @throws NullPointerException if {@code issuer} is {@code null}
     * @throws IllegalStateException if already set
     */
    public Builder issuer(String issuer) {
      Objects.requireNonNull(issuer, "issuer");
      once.mark("issuer");
      this.issuer = issuer;
      return this;
    }

    boolean hasIssuer() {
      return issuer != null;
    }

    /**
     * Sets where the JWK Set is served; default {@value #DEFAULT_JWKS_PATH}.
     *
     * @param path an exact, canonical path relative to the context path
     * @return this builder
     * @throws IllegalArgumentException if the path is not an exact canonical path
     * @throws IllegalStateException if already set
     */
    public Builder jwksPath(String path) {
      String p = exactPath(path);
      once.mark("jwksPath");
      this.jwksPath = p;
      return this;
    }

    /**
     * Sets where the discovery document is served; default {@value #DEFAULT_DISCOVERY_PATH}.
     *
     * @param path an exact, canonical path relative to the context path
     * @return this builder
     * @throws IllegalArgumentException if the path is not an exact canonical path
     * @throws IllegalStateException if already set, or after {@link #withoutDiscovery()}
     */
    public Builder discoveryPath(String path) {
      String p = exactPath(path);
      once.mark("discovery");
      this.discoveryPath = p;
      return this;
    }

    /**
     * Publishes the JWK Set only, without a discovery document (when the issuer is not this
     * application's URL).
     *
     * @return this builder
     * @throws IllegalStateException if called before, or after {@link #discoveryPath}
     */
    public Builder withoutDiscovery() {
      once.mark("discovery");
      this.discoveryPath = null;
      return this;
    }

    /**
     * Sets the absolute {@code jwks_uri} the discovery document names; default the issuer followed
     * by the JWK Set path (right when the issuer is this application's base URL).
     *
     * @param uri an https URL (http on a loopback host only)
     * @return this builder
     * @throws IllegalStateException if the URI is not acceptable, or already set
     */
    public Builder jwksUri(String uri) {
      Objects.requireNonNull(uri, "uri");
      checkUrl("the JWK Set URI", uri);
      once.mark("jwksUri");
      this.jwksUri = uri;
      return this;
    }

    /**
     * Sets how long clients may cache both documents ({@code Cache-Control: public, max-age});
     * default 5 minutes.
     *
     * @param maxAge 0 to 1 day, whole seconds
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder maxAge(Duration maxAge) {
      Objects.requireNonNull(maxAge, "maxAge");
      if (maxAge.isNegative() || maxAge.compareTo(MAX_MAX_AGE) > 0) {
        throw new IllegalArgumentException("maxAge must be 0 to 1 day, was " + maxAge);
      }
      once.mark("maxAge");
      this.maxAge = maxAge;
      return this;
    }

    private static String exactPath(String path) {
      Objects.requireNonNull(path, "path");
      if (path.endsWith("/*") || path.equals("/")) {
        throw new IllegalArgumentException(
            "the path must be one exact path such as /.well-known/jwks.json, was '" + path + "'");
      }
      PathPatterns.of(List.of(path)); // the same canonical-path rule as every other path
      return path;
    }

    /**
     * Builds the filter.
     *
     * @return the filter
     * @throws IllegalStateException if no key ring is set, the ring signs with an HMAC key, the two
     *     paths are equal, or the discovery document has no usable issuer
     */
    public JwkSetFilter build() {
      if (built) {
        throw new IllegalStateException("build() was already called on this builder");
      }
      if (keyRing == null) {
        throw new IllegalStateException(
            "set the key ring to publish (JwtSecurityFilters.publishKeys() uses the front door's)");
      }
      if (keyRing.signingKey().algorithm().isHmac()) {
        throw new IllegalStateException(
            "the tokens are signed with "
                + keyRing.signingKey().algorithm().jwsName()
                + ", a shared secret: there is no public key to publish, and the secret must never"
                + " be published. Sign with an asymmetric key (JWT_ALGORITHM=ES256 or RS256 and"
                + " JWT_PRIVATE_JWK_FILE) to let other services verify the tokens");
      }
      if (discoveryPath != null) {
        if (discoveryPath.equals(jwksPath)) {
          throw new IllegalStateException("the JWK Set and discovery paths must differ");
        }
        if (issuer == null) {
          throw new IllegalStateException(
              "the discovery document names the tokens' issuer: set JWT_ISSUER to this"
                  + " application's https URL, or publish the JWK Set only (withoutDiscovery())");
        }
        checkUrl("the issuer (JWT_ISSUER) of a discovery document", issuer);
      } else if (jwksUri != null) {
        throw new IllegalStateException("jwksUri(...) is written in the discovery document only");
      }
      built = true;
      return new JwkSetFilter(this);
    }
  }
}
