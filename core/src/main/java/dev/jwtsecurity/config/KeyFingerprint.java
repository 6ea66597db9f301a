package dev.jwtsecurity.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short, non-reversible key fingerprints for start-up logs: the first 8 bytes of HMAC-SHA256 keyed
 * by a fixed label over the key (the secret's bytes, or the public key's X.509 encoding), as 16 hex
 * digits. Equal fingerprints in two environments mean they share a key. 64 bits reveal nothing
 * usable about a secret that passed {@link Secret#problemsFor}: guessing it still needs about 2^216
 * tries.
 */
final class KeyFingerprint {
  private static final byte[] LABEL =
      "jwt-security key fingerprint v1".getBytes(StandardCharsets.US_ASCII);

  private KeyFingerprint() {}

  static String of(byte[] keyMaterial) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(LABEL, "HmacSHA256"));
      byte[] full = mac.doFinal(keyMaterial);
      return HexFormat.of().formatHex(full, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
    }
  }
}
