package dev.jwtsecurity.cli;

import dev.jwtsecurity.config.Secret;
import dev.jwtsecurity.token.Algorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * {@code keygen}: a fresh HMAC secret (base64url of 32/48/64 SecureRandom bytes, checked against
 * {@link Secret#problemsFor}) or a private JWK (RSA 3072, P-256/384/521, Ed25519) whose public JWK
 * Set goes to stderr or to {@code --public-out FILE}.
 */
final class KeygenCommand implements Command {

  @Override
  public int run(Invocation inv) throws UsageException {
    Args a = Args.parse(inv.args(), Set.of("--algorithm", "--public-out"), Set.of());
    if (!a.positionals().isEmpty()) {
      throw new UsageException("keygen takes no positional arguments");
    }
    String name = a.optional("--algorithm");
    Algorithm alg;
    try {
      alg = name == null ? Algorithm.HS256 : Algorithm.fromName(name);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    if (alg.isHmac()) {
      if (a.optional("--public-out") != null) {
        throw new UsageException("--public-out is for asymmetric algorithms");
      }
      inv.out().println(secret(alg, inv));
      inv.err()
          .println(
              "# set this as JWT_SECRET_KEY (with JWT_ALGORITHM="
                  + alg.jwsName()
                  + "); a different one for each environment");
      return Main.OK;
    }
    return keyPair(alg, a.optional("--public-out"), inv);
  }

  static String secret(Algorithm alg, Invocation inv) {
    for (int attempt = 0; ; attempt++) {
      byte[] bytes = new byte[alg.minSecretBytes()];
      inv.random().nextBytes(bytes);
      String s = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      Arrays.fill(bytes, (byte) 0);
      // Our own output must pass our own check; a random key fails it with negligible probability,
      // so retry.
      if (Secret.ofUtf8(s).problemsFor(alg).isEmpty()) {
        return s;
      }
      if (attempt > 100) {
        throw new IllegalStateException(
            "the random source produces rejected secrets; is it broken?");
      }
    }
  }

  private static int keyPair(Algorithm alg, String publicOut, Invocation inv)
      throws UsageException {
    Path pubPath = publicOut == null ? null : Path.of(publicOut);
    if (pubPath != null && Files.exists(pubPath)) {
      throw new UsageException("--public-out file exists; refusing to overwrite it");
    }
    try {
      KeyPair kp = generate(alg, inv);
      PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(kp.getPublic());
      jwk.setPrivateKey(kp.getPrivate());
      jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint("SHA-256")); // RFC 7638
      jwk.setUse("sig");
      jwk.setAlgorithm(alg.jwsName());
      PublicJsonWebKey pub = PublicJsonWebKey.Factory.newPublicJwk(kp.getPublic());
      pub.setKeyId(jwk.getKeyId());
      pub.setUse("sig");
      pub.setAlgorithm(alg.jwsName());
      String set = new JsonWebKeySet(pub).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
      inv.out().println(jwk.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
      if (pubPath != null) {
        Files.writeString(pubPath, set + "\n", StandardCharsets.UTF_8);
        inv.err()
            .println(
                "# private JWK on stdout: keep it secret (JWT_PRIVATE_JWK_FILE); public JWK Set written to "
                    + dev.jwtsecurity.internal.LogSafe.clean(publicOut, 200));
      } else {
        inv.err()
            .println(
                "# private JWK on stdout: keep it secret (JWT_PRIVATE_JWK_FILE). Public JWK Set to publish:");
        inv.err().println(set);
      }
      return Main.OK;
    } catch (IOException e) {
      throw new UsageException("cannot write the --public-out file");
    } catch (GeneralSecurityException | JoseException e) {
      throw new IllegalStateException("key generation failed for " + alg.jwsName(), e);
    }
  }

  private static KeyPair generate(Algorithm alg, Invocation inv) throws GeneralSecurityException {
    return switch (alg) {
      case RS256, RS384, RS512, PS256, PS384, PS512 -> {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4), inv.random());
        yield g.generateKeyPair();
      }
      case ES256, ES384, ES512 -> {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        String curve =
            alg == Algorithm.ES256
                ? "secp256r1"
                : alg == Algorithm.ES384 ? "secp384r1" : "secp521r1";
        g.initialize(new ECGenParameterSpec(curve), inv.random());
        yield g.generateKeyPair();
      }
      case EDDSA -> {
        KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
        g.initialize(255, inv.random());
        yield g.generateKeyPair();
      }
      default -> throw new IllegalArgumentException(alg.jwsName());
    };
  }
}
