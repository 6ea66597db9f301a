package dev.jwtsecurity.token;

import java.time.Instant;
import java.util.Objects;

/**
 * A freshly signed access token and its metadata. {@link #toString()} never shows the token.
 *
 * <pre>{@code
 * IssuedAccessToken token = issuer.issue(AccessTokenClaims.forSubject(userId).build());
 * response.setHeader("Cache-Control", "no-store");
 * json.put("access_token", token.value());
 * json.put("expires_in", token.expiresInSeconds());
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <p>{@link #value()} is a bearer credential: send it to its owner over HTTPS only, never log it.
 *
 * @param value the compact JWS, a bearer credential
 * @param tokenId the {@code jti} claim
 * @param issuedAt the {@code iat} claim
 * @param expiresAt the {@code exp} claim
 */
public record IssuedAccessToken(String value, String tokenId, Instant issuedAt, Instant expiresAt) {

  /**
   * Checks that no component is {@code null}.
   *
   * @throws NullPointerException if any component is {@code null}
   */
  public IssuedAccessToken {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /**
   * Returns the lifetime in whole seconds, for the OAuth {@code expires_in} field and cookie {@code
   * Max-Age}.
   *
   * @return seconds from issue to expiry
   */
  public long expiresInSeconds() {
    return expiresAt.getEpochSecond() - issuedAt.getEpochSecond();
  }

  @Override
  public String toString() {
    return "IssuedAccessToken[value=redacted, jti=" + tokenId + ", exp=" + expiresAt + "]";
  }
}
