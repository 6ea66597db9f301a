package dev.jwtsecurity;

import dev.jwtsecurity.internal.ConstantTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The wire shape of a refresh token, {@code rt1.<lookup id>.<secret>}: a fixed prefix, 16 random
 * bytes of lookup id and 32 random bytes of secret, both unpadded base64url, 70 characters in all.
 * The prefix {@code rt1} is not the base64url of a JSON object, so the token can never parse as a
 * JWS, and no JWS starts with {@code rt1.}.
 */
final class RefreshTokenCodec {

  static final String PREFIX = "rt1.";
  static final int LOOKUP_BYTES = 16;
  static final int SECRET_BYTES = 32;
  private static final int LOOKUP_CHARS = 22;
  private static final int SECRET_CHARS = 43;
  static final int LENGTH = PREFIX.length() + LOOKUP_CHARS + 1 + SECRET_CHARS;

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private RefreshTokenCodec() {}

  /** A parsed token: its lookup id and the raw secret bytes. */
  static final class Parsed {
    final String lookupId;
    final byte[] secret;

    Parsed(String lookupId, byte[] secret) {
      this.lookupId = lookupId;
      this.secret = secret;
    }
  }

  static String randomId(SecureRandom random, int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return ENCODER.encodeToString(b);
  }

  static byte[] randomSecret(SecureRandom random) {
    byte[] b = new byte[SECRET_BYTES];
    random.nextBytes(b);
    return b;
  }

  static String encode(String lookupId, byte[] secret) {
    return PREFIX + lookupId + "." + ENCODER.encodeToString(secret);
  }

  /**
   * Parses a presented token strictly; returns {@code null} for anything not of the exact shape,
   * including non-canonical base64url.
   */
  static Parsed parse(CharSequence token) {
    if (token == null || token.length() != LENGTH) {
      return null;
    }
    for (int i = 0; i < PREFIX.length(); i++) {
      if (token.charAt(i) != PREFIX.charAt(i)) {
        return null;
      }
    }
    int dot = PREFIX.length() + LOOKUP_CHARS;
    if (token.charAt(dot) != '.') {
      return null;
    }
    for (int i = PREFIX.length(); i < LENGTH; i++) {
      if (i != dot && !isBase64Url(token.charAt(i))) {
        return null;
      }
    }
    String lookupId = token.subSequence(PREFIX.length(), dot).toString();
    String secretText = token.subSequence(dot + 1, LENGTH).toString();
    byte[] lookup = DECODER.decode(lookupId);
    byte[] secret = DECODER.decode(secretText);
    // Canonical only: unused trailing bits must be zero, so one token has exactly one spelling.
    if (lookup.length != LOOKUP_BYTES
        || secret.length != SECRET_BYTES
        || !ENCODER.encodeToString(lookup).equals(lookupId)
        || !ENCODER.encodeToString(secret).equals(secretText)) {
      return null;
    }
    return new Parsed(lookupId, secret);
  }

  /** SHA-256 of the secret, unpadded base64url: what the store keeps. */
  static String hash(byte[] secret) {
    try {
      return ENCODER.encodeToString(MessageDigest.getInstance("SHA-256").digest(secret));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required on every Java platform", e);
    }
  }

  /** Compares two stored-hash strings in constant time. */
  static boolean hashEquals(String a, String b) {
    return ConstantTime.equals(a, b);
  }

  private static boolean isBase64Url(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_';
  }
}
