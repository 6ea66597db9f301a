package dev.jwtsecurity.refresh;

import java.time.Instant;
import java.util.Objects;

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
