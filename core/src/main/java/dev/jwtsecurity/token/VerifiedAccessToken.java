package dev.jwtsecurity.token;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An access token whose signature, type, lifetime and claims have all been checked. Only {@link
 * AccessTokenValidator} can create one, so holding a {@code VerifiedAccessToken} proves the checks
 * ran.
 *
 * <pre>{@code
 * VerifiedAccessToken token = validator.validate(bearer);
 * String userId = token.subject();
 * boolean admin = token.roles().contains("admin");
 * }</pre>
 *
 * <p>It exposes claims only, never the algorithm or key id, and never the encoded token.
 */
public final class VerifiedAccessToken {

  /** The stored not-before of a token without {@code nbf} (numeric dates are never negative). */
  static final long NO_NBF = -1;

  /** The stored {@code cvs} of a token without one. */
  static final long NO_CVS = -1;

  private final String subject;
  private final String tokenId;
  // Epoch seconds; the Instants are made when asked for (nothing allocated that nobody
  // reads).
  private final long issuedAt;
  private final long expiresAt;
  private final long notBefore; // NO_NBF when absent
  private final String issuer;
  private final List<String> audience;
  private final Set<String> roles;
  private final Set<String> scopes;
  private final Map<String, Object> claims;
  private final String sessionId; // null when absent
  private final long credentialsValidSince; // epoch nanoseconds; NO_CVS when absent

  VerifiedAccessToken(
      String subject,
      String tokenId,
      long issuedAt,
      long expiresAt,
      long notBefore,
      String issuer,
      List<String> audience,
      Set<String> roles,
      Set<String> scopes,
      Map<String, Object> claims,
      String sessionId,
      long credentialsValidSince) {
    this.subject = Objects.requireNonNull(subject);
    this.tokenId = Objects.requireNonNull(tokenId);
    this.issuedAt = issuedAt;
    this.expiresAt = expiresAt;
    this.notBefore = notBefore;
    this.issuer = issuer;
    this.audience = List.copyOf(audience);
    this.roles = Set.copyOf(roles);
    this.scopes = Set.copyOf(scopes);
    this.claims = Map.copyOf(claims);
    this.sessionId = sessionId;
    this.credentialsValidSince = credentialsValidSince;
  }

  /**
   * Returns the {@code sub} claim: the user id.
   *
   * @return the subject, never empty
   */
  public String subject() {
    return subject;
  }

  /**
   * Returns the {@code jti} claim, for revocation and correlation in logs. A provider's token
   * without {@code jti} gets {@code sig:} followed by the base64url SHA-256 of its signature: as
   * unique as the token, so that it too can be denied (logout) and followed in the log.
   *
   * @return the token id
   */
  public String tokenId() {
    return tokenId;
  }

  /**
   * Returns the {@code iat} claim.
   *
   * @return when the token was issued
   */
  public Instant issuedAt() {
    return Instant.ofEpochSecond(issuedAt);
  }

  /**
   * Returns the {@code exp} claim.
   *
   * @return when the token expires
   */
  public Instant expiresAt() {
    return Instant.ofEpochSecond(expiresAt);
  }

  /**
   * Returns the {@code nbf} claim when the token has one.
   *
   * @return the not-before instant, if present
   */
  public Optional<Instant> notBefore() {
    return notBefore == NO_NBF ? Optional.empty() : Optional.of(Instant.ofEpochSecond(notBefore));
  }

  /**
   * Returns the {@code iss} claim when the token has one.
   *
   * @return the issuer, if present
   */
  public Optional<String> issuer() {
    return Optional.ofNullable(issuer);
  }

  /**
   * Returns the {@code aud} claim as a list (a single string becomes a one-element list).
   *
   * @return the audiences, possibly empty
   */
  public List<String> audience() {
    return audience;
  }

  /**
   * Returns the {@code roles} claim.
   *
   * @return the roles, possibly empty
   */
  public Set<String> roles() {
    return roles;
  }

  /**
   * Returns the {@code scope} claim split on spaces (RFC 9068 §2.2.3).
   *
   * @return the scopes, possibly empty
   */
  public Set<String> scopes() {
    return scopes;
  }

  /**
   * Returns the {@code sid} claim: the session (refresh-token family) the token was issued in, when
   * {@link dev.jwtsecurity.JwtSecurity} issued it. Ending that session refuses the token at once.
   *
   * @return the session id, if present
   */
  public Optional<String> sessionId() {
    return Optional.ofNullable(sessionId);
  }

  /**
   * Returns the {@code cvs} claim: the user's credentials-valid-since instant as the issuer read it
   * from the user directory when it issued the token. The token is refused once the directory
   * answers a later instant (a password change, logout everywhere), whatever the clock said.
   *
   * @return the instant, if present
   */
  public Optional<Instant> credentialsValidSince() {
    return credentialsValidSince == NO_CVS
        ? Optional.empty()
        : Optional.of(SessionClaims.instantOfNanos(credentialsValidSince));
  }

  /**
   * Tells whether the token predates the user's credentials-valid-since instant {@code validSince},
   * so must be refused: by its {@code cvs} claim when it has one (exact, whatever the timing: a
   * token issued after a change carries the changed instant), otherwise by {@code iat}, whose whole
   * seconds refuse a token issued in the same second as the change too.
   *
   * @param validSince the instant the user directory answers now
   * @return {@code true} if the token was issued under older credentials
   */
  public boolean predates(Instant validSince) {
    if (credentialsValidSince != NO_CVS) {
      return credentialsValidSince < SessionClaims.nanosOf(validSince);
    }
    return issuedAt < validSince.getEpochSecond()
        || (issuedAt == validSince.getEpochSecond() && validSince.getNano() > 0);
  }

  /**
   * Returns an application claim set through {@link AccessTokenClaims.Builder#claim}. Values are
   * {@link String}, {@link Long}, {@link Boolean} or {@code List<String>}.
   *
   * @param name the claim name
   * @return the value, if present
   */
  public Optional<Object> claim(String name) {
    return Optional.ofNullable(claims.get(name));
  }

  /**
   * Returns every application claim (registered claims excluded).
   *
   * @return an immutable map
   */
  public Map<String, Object> claims() {
    return claims;
  }

  @Override
  public String toString() {
    return "VerifiedAccessToken[sub=" + subject + ", jti=" + tokenId + ", exp=" + expiresAt() + "]";
  }
}
