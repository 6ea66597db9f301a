package dev.jwtsecurity.token;

import dev.jwtsecurity.internal.SettingRules;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an access token says about its holder: the subject, roles, scopes and application claims.
 * The registered claims ({@code iss}, {@code sub}, {@code aud}, {@code exp}, {@code nbf}, {@code
 * iat}, {@code jti}) and the library's own ({@code roles}, {@code scope}, {@code env}) are set by
 * the issuer and cannot be overwritten through {@link Builder#claim}.
 *
 * <pre>{@code
 * AccessTokenClaims claims = AccessTokenClaims.forSubject(user.id())
 *     .roles("user")
 *     .scopes("todo:read", "todo:write")
 *     .claim("tenant", "acme")
 *     .build();
 * }</pre>
 */
public final class AccessTokenClaims {

  /** Claim names the issuer owns. */
  static final Set<String> RESERVED =
      Set.of(
          "iss",
          "sub",
          "aud",
          "exp",
          "nbf",
          "iat",
          "jti",
          "typ",
          "alg",
          "kid",
          "roles",
          "scope",
          "env",
          "cnf",
          "client_id",
          "auth_time",
          "acr",
          "amr",
          "azp",
          "nonce",
          "sid",
          "cvs",
          "at_hash",
          "c_hash");

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.:-]{0,63}");
  private static final Pattern WORD = Pattern.compile("[\\x21-\\x7e&&[^\"\\\\]]{1,128}");
  static final int MAX_SUBJECT_LENGTH = 255;
  private static final int MAX_CLAIMS = 32;
  private static final int MAX_STRING = 1024;

  private final String subject;
  private final Set<String> roles;
  private final Set<String> scopes;
  private final Map<String, Object> claims;

  private AccessTokenClaims(Builder b) {
    this.subject = b.subject;
    this.roles = Collections.unmodifiableSet(new LinkedHashSet<>(b.roles));
    this.scopes = Collections.unmodifiableSet(new LinkedHashSet<>(b.scopes));
    this.claims = Collections.unmodifiableMap(new LinkedHashMap<>(b.claims));
  }

  /**
   * Starts claims for {@code subject}, the user id the token authenticates.
   *
   * @param subject a non-blank user id of at most 255 characters with no control characters
   * @return a builder
   * @throws IllegalArgumentException if the subject is blank, too long or contains control
   *     characters
   */
  public static Builder forSubject(String subject) {
    return new Builder(subject);
  }

  /**
   * Returns the subject.
   *
   * @return the user id
   */
  public String subject() {
    return subject;
  }

  /**
   * Returns the roles, in insertion order.
   *
   * @return the roles
   */
  public Set<String> roles() {
    return roles;
  }

  /**
   * Returns the scopes, in insertion order.
   *
   * @return the scopes
   */
  public Set<String> scopes() {
    return scopes;
  }

  /**
   * Returns the application claims, in insertion order.
   *
   * @return values are {@link String}, {@link Long}, {@link Boolean} or {@code List<String>}
   */
  public Map<String, Object> claims() {
    return claims;
  }

  /** Builds {@link AccessTokenClaims}. Not thread-safe. */
  public static final class Builder {
    private final String subject;
    private final Set<String> roles = new LinkedHashSet<>();
    private final Set<String> scopes = new LinkedHashSet<>();
    private final Map<String, Object> claims = new LinkedHashMap<>();

    private Builder(String subject) {
      Objects.requireNonNull(subject, "subject");
      if (subject.isBlank()
          || subject.length() > MAX_SUBJECT_LENGTH
          || hasControl(subject)
          || !SettingRules.isWellFormed(subject)) {
        throw new IllegalArgumentException(
            "subject must be non-blank, at most "
                + MAX_SUBJECT_LENGTH
                + " characters, without control characters or lone surrogates");
      }
      this.subject = subject;
    }

    /**
     * Adds roles (printable ASCII words without quotes or backslashes, as used by {@code
     * isUserInRole}).
     *
     * @param roles role names
     * @return this builder
     * @throws IllegalArgumentException if a role is not a printable ASCII word
     */
    public Builder roles(String... roles) {
      return roles(List.of(roles));
    }

    /**
     * Adds roles.
     *
     * @param roles role names
     * @return this builder
     * @throws IllegalArgumentException if a role is not a printable ASCII word
     */
    public Builder roles(Iterable<String> roles) {
      for (String r : roles) {
        this.roles.add(word(r, "role"));
      }
      return this;
    }

    /**
     * Adds OAuth scopes, written as one space-separated {@code "scope"} claim (RFC 9068 §2.2.3).
     *
     * @param scopes scope names
     * @return this builder
     * @throws IllegalArgumentException if a scope is not a printable ASCII word
     */
    public Builder scopes(String... scopes) {
      for (String s : scopes) {
        this.scopes.add(word(s, "scope"));
      }
      return this;
    }

    /**
     * Sets a string application claim.
     *
     * @param name the claim name; not a registered or reserved one
     * @param value the value, at most 1024 characters
     * @return this builder
     * @throws IllegalArgumentException if the name is reserved or malformed, or the value too long
     *     or holding a lone surrogate
     */
    public Builder claim(String name, String value) {
      Objects.requireNonNull(value, "value");
      checkValue(value);
      return put(name, value);
    }

    /**
     * Sets an integer application claim.
     *
     * @param name the claim name; not a registered or reserved one
     * @param value the value
     * @return this builder
     * @throws IllegalArgumentException if the name is reserved or malformed
     */
    public Builder claim(String name, long value) {
      return put(name, value);
    }

    /**
     * Sets a boolean application claim.
     *
     * @param name the claim name; not a registered or reserved one
     * @param value the value
     * @return this builder
     * @throws IllegalArgumentException if the name is reserved or malformed
     */
    public Builder claim(String name, boolean value) {
      return put(name, value);
    }

    /**
     * Sets a string-list application claim.
     *
     * @param name the claim name; not a registered or reserved one
     * @param values the values, each at most 1024 characters
     * @return this builder
     * @throws IllegalArgumentException if the name is reserved or malformed, or a value too long
     */
    public Builder claim(String name, List<String> values) {
      List<String> copy = List.copyOf(values);
      for (String v : copy) {
        checkValue(v);
      }
      return put(name, copy);
    }

    private static void checkValue(String v) {
      if (v.length() > MAX_STRING) {
        throw new IllegalArgumentException("claim value longer than " + MAX_STRING + " characters");
      }
      if (!SettingRules.isWellFormed(v)) {
        throw new IllegalArgumentException(
            "claim values must not hold lone surrogates (not valid Unicode text)");
      }
    }

    private Builder put(String name, Object value) {
      Objects.requireNonNull(name, "name");
      if (RESERVED.contains(name)) {
        throw new IllegalArgumentException(
            "claim '"
                + name
                + "' is set by the issuer and cannot be overwritten; use roles()/scopes() or another name");
      }
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "claim names are 1-64 characters: a letter, then letters, digits, '_', '.', ':' or '-'");
      }
      if (claims.containsKey(name)) {
        throw new IllegalStateException("claim '" + name + "' was already set");
      }
      if (claims.size() == MAX_CLAIMS) {
        throw new IllegalArgumentException("at most " + MAX_CLAIMS + " application claims");
      }
      claims.put(name, value);
      return this;
    }

    /**
     * Returns the claims.
     *
     * @return immutable claims
     */
    public AccessTokenClaims build() {
      return new AccessTokenClaims(this);
    }

    private static String word(String s, String what) {
      Objects.requireNonNull(s, what);
      if (!WORD.matcher(s).matches()) {
        throw new IllegalArgumentException(
            what
                + " names are 1-128 printable ASCII characters without spaces, quotes or backslashes");
      }
      return s;
    }

    private static boolean hasControl(String s) {
      for (int i = 0; i < s.length(); i++) {
        if (Character.isISOControl(s.charAt(i))) {
          return true;
        }
      }
      return false;
    }
  }
}
