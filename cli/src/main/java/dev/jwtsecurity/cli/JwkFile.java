package dev.jwtsecurity.cli;

import dev.jwtsecurity.token.Algorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.OctetSequenceJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/** Reads a JWK or JWK Set file for the CLI and picks the keys usable with one algorithm. */
final class JwkFile {
  private static final long MAX_BYTES = 1 << 20;

  private JwkFile() {}

  static List<JsonWebKey> read(String file) throws UsageException {
    Path p = Path.of(file);
    String text;
    try {
      if (Files.size(p) > MAX_BYTES) {
        throw new UsageException("the JWK file is larger than 1 MiB");
      }
      text = Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new UsageException("cannot read the JWK file");
    }
    try {
      String t = text.strip();
      if (t.contains("\"keys\"")) {
        return new JsonWebKeySet(t).getJsonWebKeys();
      }
      return List.of(JsonWebKey.Factory.newJwk(t));
    } catch (JoseException | RuntimeException e) {
      throw new UsageException("the JWK file is not a JWK or JWK Set (RFC 7517)");
    }
  }

  /**
   * Returns the keys of {@code keys} that fit {@code alg}: {@code oct} for HS*, the right key type (and, to sign, a
   * private half) otherwise; a JWK's own {@code alg} and {@code use} must agree.
   */
  static List<JsonWebKey> usable(List<JsonWebKey> keys, Algorithm alg, boolean sign) {
    List<JsonWebKey> out = new ArrayList<>();
    for (JsonWebKey k : keys) {
      if (k.getAlgorithm() != null && !k.getAlgorithm().equals(alg.jwsName())) {
        continue;
      }
      if (k.getUse() != null && !"sig".equals(k.getUse())) {
        continue;
      }
      if (alg.isHmac()) {
        if (k instanceof OctetSequenceJsonWebKey) {
          out.add(k);
        }
        continue;
      }
      if (!(k instanceof PublicJsonWebKey pk) || (sign && pk.getPrivateKey() == null)) {
        continue;
      }
      Key pub = pk.getPublicKey();
      boolean fits = switch (alg) {
        case RS256, RS384, RS512, PS256, PS384, PS512 -> pub instanceof RSAPublicKey;
        case ES256, ES384, ES512 -> pub instanceof ECPublicKey;
        case EDDSA -> pub instanceof EdECPublicKey;
        default -> false;
      };
      if (fits) {
        out.add(k);
      }
    }
    return out;
  }

  static byte[] octets(JsonWebKey k) {
    return ((OctetSequenceJsonWebKey) k).getOctetSequence();
  }
}
