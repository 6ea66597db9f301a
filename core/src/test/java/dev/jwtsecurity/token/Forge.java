package dev.jwtsecurity.token;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

/** Crafts tokens byte by byte for attack tests: any header, any payload, signed with any key. */
final class Forge {

  static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
  static final long T = NOW.getEpochSecond();
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private Forge() {}

  static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static String b64(String s) {
    return b64(s.getBytes(StandardCharsets.UTF_8));
  }

  static String header(JwtKey key) {
    return "{\"alg\":\""
        + key.algorithm().jwsName()
        + "\",\"typ\":\"at+jwt\",\"kid\":\""
        + key.keyId()
        + "\"}";
  }

  /**
   * Valid access-token claims at {@link #NOW}; {@code extra} is spliced in as more members (may be
   * empty).
   */
  static String claims(String extra) {
    return "{\"sub\":\"alice\",\"iat\":"
        + T
        + ",\"exp\":"
        + (T + 600)
        + ",\"jti\":\"id-1\""
        + extra
        + "}";
  }

  /** Claims with {@code exp} replaced by the raw JSON {@code expJson}. */
  static String claimsWithExp(String expJson) {
    // Issued ten minutes ago, so an exp a little in the past is still after iat.
    return "{\"sub\":\"alice\",\"iat\":" + (T - 600) + ",\"exp\":" + expJson + ",\"jti\":\"id-1\"}";
  }

  static String sign(String headerJson, String payloadJson, JwtKey key) {
    return sign(
        headerJson.getBytes(StandardCharsets.UTF_8),
        payloadJson.getBytes(StandardCharsets.UTF_8),
        key);
  }

  static String sign(byte[] header, byte[] payload, JwtKey key) {
    String input = b64(header) + "." + b64(payload);
    byte[] in = input.getBytes(StandardCharsets.US_ASCII);
    return input + "." + b64(key.sign(in, in.length));
  }

  /** Splits a compact token at its dots (any number of parts). */
  static String[] parts(String token) {
    java.util.List<String> out = new java.util.ArrayList<>();
    int start = 0;
    for (int i = 0; i <= token.length(); i++) {
      if (i == token.length() || token.charAt(i) == '.') {
        out.add(token.substring(start, i));
        start = i + 1;
      }
    }
    return out.toArray(new String[0]);
  }

  /** A well-formed, correctly signed access token for {@code key}. */
  static String valid(JwtKey key) {
    return sign(header(key), claims(""), key);
  }
}
