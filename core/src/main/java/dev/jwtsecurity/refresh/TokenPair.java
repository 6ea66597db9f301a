package dev.jwtsecurity.refresh;

import dev.jwtsecurity.token.IssuedAccessToken;
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
}
