package dev.jwtsecurity.cli;

import dev.jwtsecurity.config.Secret;
import dev.jwtsecurity.config.SecretPolicy;
import dev.jwtsecurity.internal.LogSafe;
import dev.jwtsecurity.token.AccessTokenClaims;
import dev.jwtsecurity.token.AccessTokenIssuer;
import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.JwtKey;
import dev.jwtsecurity.token.KeyRing;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;

/**
 * {@code issue}: prints one access token ({@code typ: at+jwt}, {@code jti}, {@code iat}, {@code exp}) signed with a
 * key from a JWK file, through the library's own {@link AccessTokenIssuer}.
 */
final class IssueCommand implements Command {
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");

  @Override
  public int run(Invocation inv) throws UsageException {
    Args a = Args.parse(inv.args(),
        Set.of("--jwk-file", "--alg", "--sub", "--ttl-seconds", "--iss", "--aud", "--claim", "--kid"), Set.of());
    if (!a.positionals().isEmpty()) {
      throw new UsageException("issue takes no positional arguments");
    }
    Algorithm alg = algorithm(a.required("--alg"));
    String sub = a.required("--sub");
    long ttl = seconds(a.required("--ttl-seconds"));
    JwtKey key = signingKey(JwkFile.read(a.required("--jwk-file")), alg, a.optional("--kid"), inv);

    AccessTokenIssuer.Builder b = AccessTokenIssuer.builder().keyRing(KeyRing.of(key)).clock(inv.clock())
        .random(inv.random());
    Duration lifetime = Duration.ofSeconds(ttl);
    if (ttl >= 60 && ttl <= 3600) {
      b.lifetime(lifetime);
    } else if (ttl > 0 && ttl <= Duration.ofDays(30).toSeconds()) {
      inv.err().println("# warning: a lifetime outside 1-60 minutes is unsafe for access tokens");
      b.unsafeLifetime(lifetime);
    } else {
      throw new UsageException("--ttl-seconds must be 1 to 2592000 (30 days)");
    }
    if (a.optional("--iss") != null) {
      b.issuer(a.optional("--iss"));
    }
    if (a.optional("--aud") != null) {
      b.audience(a.optional("--aud"));
    }
    AccessTokenClaims claims;
    try {
      AccessTokenClaims.Builder c = AccessTokenClaims.forSubject(sub);
      for (String kv : a.all("--claim")) {
        int eq = kv.indexOf('=');
        if (eq <= 0) {
          throw new UsageException("--claim takes name=value");
        }
        String name = kv.substring(0, eq);
        String value = kv.substring(eq + 1);
        if (INTEGER.matcher(value).matches()) {
          c.claim(name, Long.parseLong(value));
        } else if (value.equals("true") || value.equals("false")) {
          c.claim(name, Boolean.parseBoolean(value));
        } else {
          c.claim(name, value);
        }
      }
      claims = c.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(LogSafe.clean(e.getMessage(), 200));
    }
    inv.out().println(b.build().issue(claims).value());
    return Main.OK;
  }

  static Algorithm algorithm(String name) throws UsageException {
    try {
      return Algorithm.fromName(name);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static long seconds(String s) throws UsageException {
    if (!INTEGER.matcher(s).matches()) {
      throw new UsageException("--ttl-seconds must be a whole number");
    }
    return Long.parseLong(s);
  }

  private static JwtKey signingKey(List<JsonWebKey> keys, Algorithm alg, String kid, Invocation inv)
      throws UsageException {
    List<JsonWebKey> usable = JwkFile.usable(keys, alg, true);
    if (kid != null) {
      usable = usable.stream().filter(k -> kid.equals(k.getKeyId())).toList();
    }
    if (usable.isEmpty()) {
      throw new UsageException("the JWK file holds no " + (alg.isHmac() ? "oct" : "private") + " key for "
          + alg.jwsName() + (kid == null ? "" : " with that kid"));
    }
    if (usable.size() > 1) {
      throw new UsageException("the JWK file holds several keys for " + alg.jwsName() + "; choose one with --kid");
    }
    JsonWebKey k = usable.get(0);
    try {
      String keyId = k.getKeyId() != null ? k.getKeyId() : k.calculateBase64urlEncodedThumbprint("SHA-256");
      if (alg.isHmac()) {
        byte[] secret = JwkFile.octets(k);
        try {
          if (!SecretPolicy.assess(Secret.of(secret), alg).accepted()) {
            inv.err().println("# warning: this secret would be refused at start-up (see `jwt-security check-secret`)");
          }
          return JwtKey.hmac(keyId, alg, secret);
        } finally {
          Arrays.fill(secret, (byte) 0);
        }
      }
      PublicJsonWebKey pk = (PublicJsonWebKey) k;
      return JwtKey.ofKeyPair(keyId, alg, new KeyPair(pk.getPublicKey(), pk.getPrivateKey()));
    } catch (IllegalArgumentException e) {
      throw new UsageException("the key is refused: " + LogSafe.clean(e.getMessage(), 200));
    }
  }
}
