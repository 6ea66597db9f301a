package dev.jwtsecurity.refresh;

import dev.jwtsecurity.token.IssuedAccessToken;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link dev.jwtsecurity.JwtSecurity} hands out at login and refresh: an access token and,
 * except for a replay inside the grace window, a new refresh token that replaces the one presented.
 *
 * <pre>{@code
 * TokenPair pair = security.refresh(presented, ctx);
 * json.put("access_token", pair.accessToken().value());
 * pair.refreshToken().ifPresent(rt -> setRefreshCookie(rt));   // absent: keep the refresh token you have
 * }</pre>
 *
 * @param accessToken the new access token
 * @param refreshToken the new refresh token; empty only when a refresh was answered under the grace
 *     rule (see {@link dev.jwtsecurity.JwtSecurity#refresh}), in which case the client keeps the
 *     successor another request already received
 */
public record TokenPair(IssuedAccessToken accessToken, Optional<IssuedRefreshToken> refreshToken) {

  /**
   * Checks that no component is {@code null}.
   *
   * @throws NullPointerException if a component is {@code null}
   */
  public TokenPair {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(refreshToken, "refreshToken");
  }

  @Override
  public String toString() {
    return "TokenPair["
        + accessToken
        + ", "
        + refreshToken.map(IssuedRefreshToken::toString).orElse("no refresh")
        + "]";
  }

  /**
   * A freshly issued refresh token. {@link #toString()} never shows it.
   *
   * <pre>{@code
   * IssuedRefreshToken rt = pair.refreshToken().orElseThrow();
   * response.addHeader("Set-Cookie", "__Host-rt=" + rt.value() + "; Max-Age=" + rt.expiresInSeconds()
   *     + "; Path=/; Secure; HttpOnly; SameSite=Strict");
   * }</pre>
   *
   * <h2>Security considerations</h2>
   *
   * <p>{@link #value()} is a long-lived bearer credential: keep it in an {@code HttpOnly} cookie or
   * the platform's secure storage, send it only to the refresh endpoint, never log it.
   *
   * @param value the opaque token, {@code rt1.<lookup id>.<secret>}
   * @param familyId the session (family) it belongs to; not secret
   * @param issuedAt when it was issued
   * @param expiresAt when it stops being accepted unless used before (idle timeout, capped by the
   *     absolute lifetime)
   */
  public record IssuedRefreshToken(
      String value, String familyId, Instant issuedAt, Instant expiresAt) {

    /**
     * Checks that no component is {@code null}.
     *
     * @throws NullPointerException if a component is {@code null}
     */
    public IssuedRefreshToken {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(familyId, "familyId");
      Objects.requireNonNull(issuedAt, "issuedAt");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * Returns the lifetime in whole seconds, for a cookie {@code Max-Age} or the OAuth {@code
     * refresh_token_expires_in}.
     *
     * @return seconds from issue to expiry
     */
    public long expiresInSeconds() {
      return expiresAt.getEpochSecond() - issuedAt.getEpochSecond();
    }

    @Override
    public String toString() {
      return "IssuedRefreshToken[value=redacted, familyId="
          + familyId
          + ", expiresAt="
          + expiresAt
          + "]";
    }
  }
}
