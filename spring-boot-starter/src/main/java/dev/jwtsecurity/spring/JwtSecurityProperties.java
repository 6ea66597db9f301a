package dev.jwtsecurity.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code jwt-security.*} properties: one property per {@code JWT_*} environment variable of the
 * library, plus the web and endpoint options of the Spring integration.
 *
 * <pre>{@code
 * # application.yml
 * jwt-security:
 *   issuer: https://api.example.com
 *   audience: todo-api
 *   environment: production
 *   web:
 *     trusted-proxies: 10.0.0.0/8
 *     cookie-mode: true
 *   endpoints:
 *     enabled: true
 * }</pre>
 *
 * <p>Each library setting is named after its variable: {@code JWT_SECRET_KEY} is {@code
 * jwt-security.secret-key}, {@code JWT_ACCESS_TOKEN_EXPIRE_MINUTES} is {@code
 * jwt-security.access-token-expire-minutes}, and so on. The {@code JWT_*} variables themselves are
 * still read and rank as environment variables: they override {@code application.properties} and
 * YAML files, and are overridden by command-line arguments, Java system properties and {@code
 * JWT_SECURITY_*} variables. Every value goes through the same rules as the variable (same bounds,
 * same messages); a weak or missing secret stops start-up.
 *
 * <h2>Security considerations</h2>
 *
 * <p>Keep {@code secret-key} out of files under version control: set {@code JWT_SECRET_KEY} in the
 * environment or use a secret store that Spring reads (config tree, Vault).
 */
@ConfigurationProperties("jwt-security")
public class JwtSecurityProperties {

  /**
   * HMAC secret (JWT_SECRET_KEY), required for HS256/384/512: at least 32/48/64 bytes of UTF-8 and
   * about 256 bits of entropy. Make one with `jwt-security keygen`. Prefer the environment.
   */
  private String secretKey;

  /** Signing algorithm (JWT_ALGORITHM): HS256 (default) ... EdDSA; never none. */
  private String algorithm;

  /** Access-token lifetime in whole minutes (JWT_ACCESS_TOKEN_EXPIRE_MINUTES), 1..60; 30. */
  private Integer accessTokenExpireMinutes;

  /** Allowed clock skew in whole seconds (JWT_CLOCK_SKEW_SECONDS), 0..300; default 30. */
  private Integer clockSkewSeconds;

  /** Issuer written into and required of every own token (JWT_ISSUER). */
  private String issuer;

  /** Audience written into and required of every own token (JWT_AUDIENCE). */
  private String audience;

  /** Deployment environment bound into every token (JWT_ENVIRONMENT), such as production. */
  private String environment;

  /** Key id of the HMAC signing key (JWT_KEY_ID); default its fingerprint. */
  private String keyId;

  /** Previous HMAC secrets that still verify (JWT_PREVIOUS_SECRET_KEYS): kid:secret,kid:secret. */
  private String previousSecretKeys;

  /** File with the private JWK for RS/PS/ES/EdDSA (JWT_PRIVATE_JWK_FILE). */
  private String privateJwkFile;

  /** File with a JWK Set of further public verification keys (JWT_PUBLIC_JWKS_FILE). */
  private String publicJwksFile;

  /**
   * An identity provider whose access tokens are accepted besides the own ones (JWT_ISSUER_URI):
   * its exact iss, an https URL; keys found by discovery unless jwks-uri is set. Needs audience.
   */
  private String issuerUri;

  /** With issuer-uri: the provider's JWK Set URL (JWT_JWKS_URI), instead of discovery. */
  private String jwksUri;

  /**
   * With issuer-uri: where the provider's tokens keep roles (JWT_ROLES_CLAIM), comma-separated
   * claim paths such as realm_access.roles; default roles. Scopes come from scope and scp.
   */
  private String rolesClaim;

  /**
   * With issuer-uri: fetch the provider's keys over plain HTTP from a loopback address
   * (JWT_UNSAFE_ALLOW_PLAIN_HTTP_ON_LOOPBACK); development only. Not the web option of the same
   * name, which is about this application's own requests.
   */
  private Boolean unsafeAllowPlainHttpOnLoopback;

  /** How long audit records are kept before purgeExpired() deletes them. */
  private Duration auditRetention = Duration.ofDays(90);

  private final Web web = new Web();
  private final Authorities authorities = new Authorities();
  private final Endpoints endpoints = new Endpoints();
  private final Jdbc jdbc = new Jdbc();

  public String getSecretKey() {
    return secretKey;
  }

  public void setSecretKey(String secretKey) {
    this.secretKey = secretKey;
  }

  public String getAlgorithm() {
    return algorithm;
  }

  public void setAlgorithm(String algorithm) {
    this.algorithm = algorithm;
  }

  public Integer getAccessTokenExpireMinutes() {
    return accessTokenExpireMinutes;
  }

  public void setAccessTokenExpireMinutes(Integer accessTokenExpireMinutes) {
    this.accessTokenExpireMinutes = accessTokenExpireMinutes;
  }

  public Integer getClockSkewSeconds() {
    return clockSkewSeconds;
  }

  public void setClockSkewSeconds(Integer clockSkewSeconds) {
    this.clockSkewSeconds = clockSkewSeconds;
  }

  public String getIssuer() {
    return issuer;
  }

  public void setIssuer(String issuer) {
    this.issuer = issuer;
  }

  public String getAudience() {
    return audience;
  }

  public void setAudience(String audience) {
    this.audience = audience;
  }

  public String getEnvironment() {
    return environment;
  }

  public void setEnvironment(String environment) {
    this.environment = environment;
  }

  public String getKeyId() {
    return keyId;
  }

  public void setKeyId(String keyId) {
    this.keyId = keyId;
  }

  public String getPreviousSecretKeys() {
    return previousSecretKeys;
  }

  public void setPreviousSecretKeys(String previousSecretKeys) {
    this.previousSecretKeys = previousSecretKeys;
  }

  public String getPrivateJwkFile() {
    return privateJwkFile;
  }

  public void setPrivateJwkFile(String privateJwkFile) {
    this.privateJwkFile = privateJwkFile;
  }

  public String getPublicJwksFile() {
    return publicJwksFile;
  }

  public void setPublicJwksFile(String publicJwksFile) {
    this.publicJwksFile = publicJwksFile;
  }

  public String getIssuerUri() {
    return issuerUri;
  }

  public void setIssuerUri(String issuerUri) {
    this.issuerUri = issuerUri;
  }

  public String getJwksUri() {
    return jwksUri;
  }

  public void setJwksUri(String jwksUri) {
    this.jwksUri = jwksUri;
  }

  public String getRolesClaim() {
    return rolesClaim;
  }

  public void setRolesClaim(String rolesClaim) {
    this.rolesClaim = rolesClaim;
  }

  public Boolean getUnsafeAllowPlainHttpOnLoopback() {
    return unsafeAllowPlainHttpOnLoopback;
  }

  public void setUnsafeAllowPlainHttpOnLoopback(Boolean unsafeAllowPlainHttpOnLoopback) {
    this.unsafeAllowPlainHttpOnLoopback = unsafeAllowPlainHttpOnLoopback;
  }

  public Duration getAuditRetention() {
    return auditRetention;
  }

  public void setAuditRetention(Duration auditRetention) {
    this.auditRetention = auditRetention;
  }

  public Web getWeb() {
    return web;
  }

  public Authorities getAuthorities() {
    return authorities;
  }

  public Endpoints getEndpoints() {
    return endpoints;
  }

  public Jdbc getJdbc() {
    return jdbc;
  }

  @Override
  public String toString() {
    // Never the secret: this object may be printed by actuator endpoints or debuggers.
    return "JwtSecurityProperties[algorithm="
        + algorithm
        + ", issuer="
        + issuer
        + ", audience="
        + audience
        + ", environment="
        + environment
        + ", secretKey="
        + (secretKey == null ? "(not set)" : "(redacted)")
        + "]";
  }

  /** HTTP behaviour in the Spring Security filter chain. */
  public static class Web {

    /** Realm of the WWW-Authenticate challenge. */
    private String realm = "api";

    /** Proxies (addresses or CIDR blocks) whose Forwarded/X-Forwarded-* headers are believed. */
    private List<String> trustedProxies = new ArrayList<>();

    /** Paths refused with 429 while the client address is locked out by the login throttle. */
    private List<String> loginPaths = new ArrayList<>();

    /** Accept the access token from the __Host-access_token cookie too, with CSRF checks. */
    private boolean cookieMode;

    /** SameSite attribute of the token cookies: strict or lax. */
    private String cookieSameSite = "strict";

    /** Path of the __Secure-refresh_token cookie: where refresh and logout are. */
    private String refreshCookiePath = "/api/auth";

    /**
     * Base64 of at least 32 random bytes keying the CSRF cookie (JWT_CSRF_KEY); random per instance
     * when unset. Set the same value on every instance behind a load balancer.
     */
    private String csrfKey;

    /** Origins besides the request's own allowed for cookie-authenticated writes. */
    private List<String> allowedOrigins = new ArrayList<>();

    /** Longest token accepted before validation, 256..65536. */
    private int maxTokenLength = 8192;

    /** Answer plain-HTTP GET and HEAD with a 308 redirect to HTTPS instead of 403. */
    private boolean redirectPlainHttp;

    /** Development only: let plain HTTP through from loopback clients. */
    private boolean unsafeAllowPlainHttpOnLoopback;

    /** Strict-Transport-Security value sent on HTTPS responses. */
    private String strictTransportSecurity = "max-age=31536000; includeSubDomains";

    /** Content-Security-Policy sent when the application set none; empty to send none. */
    private String contentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    /** Referrer-Policy sent when the application set none; empty to send none. */
    private String referrerPolicy = "no-referrer";

    public String getRealm() {
      return realm;
    }

    public void setRealm(String realm) {
      this.realm = realm;
    }

    public List<String> getTrustedProxies() {
      return trustedProxies;
    }

    public void setTrustedProxies(List<String> trustedProxies) {
      this.trustedProxies = trustedProxies;
    }

    public List<String> getLoginPaths() {
      return loginPaths;
    }

    public void setLoginPaths(List<String> loginPaths) {
      this.loginPaths = loginPaths;
    }

    public boolean isCookieMode() {
      return cookieMode;
    }

    public void setCookieMode(boolean cookieMode) {
      this.cookieMode = cookieMode;
    }

    public String getCookieSameSite() {
      return cookieSameSite;
    }

    public void setCookieSameSite(String cookieSameSite) {
      this.cookieSameSite = cookieSameSite;
    }

    public String getRefreshCookiePath() {
      return refreshCookiePath;
    }

    public void setRefreshCookiePath(String refreshCookiePath) {
      this.refreshCookiePath = refreshCookiePath;
    }

    public String getCsrfKey() {
      return csrfKey;
    }

    public void setCsrfKey(String csrfKey) {
      this.csrfKey = csrfKey;
    }

    public List<String> getAllowedOrigins() {
      return allowedOrigins;
    }

    public void setAllowedOrigins(List<String> allowedOrigins) {
      this.allowedOrigins = allowedOrigins;
    }

    public int getMaxTokenLength() {
      return maxTokenLength;
    }

    public void setMaxTokenLength(int maxTokenLength) {
      this.maxTokenLength = maxTokenLength;
    }

    public boolean isRedirectPlainHttp() {
      return redirectPlainHttp;
    }

    public void setRedirectPlainHttp(boolean redirectPlainHttp) {
      this.redirectPlainHttp = redirectPlainHttp;
    }

    public boolean isUnsafeAllowPlainHttpOnLoopback() {
      return unsafeAllowPlainHttpOnLoopback;
    }

    public void setUnsafeAllowPlainHttpOnLoopback(boolean unsafeAllowPlainHttpOnLoopback) {
      this.unsafeAllowPlainHttpOnLoopback = unsafeAllowPlainHttpOnLoopback;
    }

    public String getStrictTransportSecurity() {
      return strictTransportSecurity;
    }

    public void setStrictTransportSecurity(String strictTransportSecurity) {
      this.strictTransportSecurity = strictTransportSecurity;
    }

    public String getContentSecurityPolicy() {
      return contentSecurityPolicy;
    }

    public void setContentSecurityPolicy(String contentSecurityPolicy) {
      this.contentSecurityPolicy = contentSecurityPolicy;
    }

    public String getReferrerPolicy() {
      return referrerPolicy;
    }

    public void setReferrerPolicy(String referrerPolicy) {
      this.referrerPolicy = referrerPolicy;
    }
  }

  /** How roles and scopes become Spring Security authorities. */
  public static class Authorities {

    /** Prefix of the authority made from each role (hasRole("admin") checks ROLE_admin). */
    private String rolePrefix = "ROLE_";

    /** Prefix of the authority made from each scope (hasAuthority('SCOPE_todo:read')). */
    private String scopePrefix = "SCOPE_";

    public String getRolePrefix() {
      return rolePrefix;
    }

    public void setRolePrefix(String rolePrefix) {
      this.rolePrefix = rolePrefix;
    }

    public String getScopePrefix() {
      return scopePrefix;
    }

    public void setScopePrefix(String scopePrefix) {
      this.scopePrefix = scopePrefix;
    }
  }

  /** The opt-in token endpoints, answered inside the Spring Security filter chain. */
  public static class Endpoints {

    /** Answer login, refresh, logout and logout-all (needs a UserCredentialsLookup bean). */
    private boolean enabled;

    /** POST {"username","password"}: a token pair, 401, 429 with Retry-After. */
    private String login = "/api/auth/login";

    /** POST {"refresh_token"} or the refresh cookie: a rotated token pair, or 401. */
    private String refresh = "/api/auth/refresh";

    /** POST, authenticated: ends this session and access token; 204. */
    private String logout = "/api/auth/logout";

    /** POST, authenticated: ends every session of the caller; 204. */
    private String logoutAll = "/api/auth/logout-all";

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getLogin() {
      return login;
    }

    public void setLogin(String login) {
      this.login = login;
    }

    public String getRefresh() {
      return refresh;
    }

    public void setRefresh(String refresh) {
      this.refresh = refresh;
    }

    public String getLogout() {
      return logout;
    }

    public void setLogout(String logout) {
      this.logout = logout;
    }

    public String getLogoutAll() {
      return logoutAll;
    }

    public void setLogoutAll(String logoutAll) {
      this.logoutAll = logoutAll;
    }
  }

  /** The JDBC stores, used when a DataSource and jwt-security-jdbc are present. */
  public static class Jdbc {

    /** When the starter creates the tables. */
    public enum SchemaInitialization {
      /** Only for an embedded, in-memory database (H2, HSQLDB, Derby). */
      EMBEDDED,
      /** At every start-up ({@code CREATE ... IF NOT EXISTS}). */
      ALWAYS,
      /** Never: the application applies the schema with its migration tool. */
      NEVER
    }

    /** Use the JDBC stores when a DataSource and jwt-security-jdbc are present. */
    private boolean enabled = true;

    /** Prefix of the tables, [a-z][a-z0-9_]{0,20}. */
    private String tablePrefix = "jwt_";

    /**
     * When to create the tables at start-up if they are missing: embedded (H2 and other in-memory
     * databases only, the default), always, or never (apply the schema with your migration tool).
     */
    private SchemaInitialization initializeSchema = SchemaInitialization.EMBEDDED;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getTablePrefix() {
      return tablePrefix;
    }

    public void setTablePrefix(String tablePrefix) {
      this.tablePrefix = tablePrefix;
    }

    public SchemaInitialization getInitializeSchema() {
      return initializeSchema;
    }

    public void setInitializeSchema(SchemaInitialization initializeSchema) {
      this.initializeSchema = initializeSchema;
    }
  }
}
