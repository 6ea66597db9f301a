package dev.jwtsecurity.token;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * A JWT (or JWS) that {@link JwtVerifier} has verified. Only the verifier creates one.
 *
 * <pre>{@code
 * VerifiedJwt jwt = verifier.verify(token);
 * String header = jwt.headerJson();                  // {"alg":"RS256","kid":"k1","typ":"JWT"}
 * Optional<String> claims = jwt.claimsJson();        // the payload text, unless the verifier is jwsOnly()
 * Object sub = jwt.claims().get("sub");
 * }</pre>
 *
 * <p>Values in {@link #claims()} and {@link #header()} are {@link String}, {@link Long}, {@link
 * Double}, {@link Boolean}, {@code List<Object>}, {@code Map<String, Object>}, or a JSON-null
 * marker whose {@code toString()} is {@code "null"}. {@link #toString()} shows the key id only.
 */
public final class VerifiedJwt {

  private final Map<String, Object> header;
  private final byte[] payload;
  private final boolean hasClaims;
  private final Map<String, Object> claims;
  private final String keyId;

  VerifiedJwt(
      Map<String, Object> header, byte[] payload, Map<String, Object> claims, String keyId) {
    this.header = Collections.unmodifiableMap(header);
    this.payload = payload;
    this.hasClaims = claims != null;
    this.claims = claims == null ? Map.of() : Collections.unmodifiableMap(claims);
    this.keyId = keyId;
  }

  /**
   * Returns the protected header members (top level unmodifiable).
   *
   * @return the header
   */
  public Map<String, Object> header() {
    return header;
  }

  /**
   * Returns the header as JSON text, members sorted by name.
   *
   * @return the header JSON
   */
  public String headerJson() {
    JsonWriter w = new JsonWriter(128);
    w.value(header);
    return w.toUtf8String();
  }

  /**
   * Returns the payload bytes exactly as signed.
   *
   * @return a copy of the payload
   */
  public byte[] payload() {
    return Arrays.copyOf(payload, payload.length);
  }

  /**
   * Returns the claims as the JSON text that was signed, unless the verifier checked only the JWS.
   *
   * @return the claims JSON, or empty for {@link JwtVerifier.Builder#jwsOnly()}
   */
  public Optional<String> claimsJson() {
    return hasClaims ? Optional.of(new String(payload, StandardCharsets.UTF_8)) : Optional.empty();
  }

  /**
   * Returns the claims (top level unmodifiable); empty for {@link JwtVerifier.Builder#jwsOnly()}.
   *
   * @return the claims
   */
  public Map<String, Object> claims() {
    return claims;
  }

  /**
   * Returns the id of the key that verified the signature.
   *
   * @return the key id
   */
  public String keyId() {
    return keyId;
  }

  @Override
  public String toString() {
    return "VerifiedJwt[kid=" + keyId + "]";
  }
}
