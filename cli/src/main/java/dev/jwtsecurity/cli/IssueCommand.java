package dev.jwtsecurity.cli;

import dev.jwtsecurity.internal.LogSafe;
import dev.jwtsecurity.token.AccessTokenClaims;
import dev.jwtsecurity.token.AccessTokenIssuer;
import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.JwtKey;
import dev.jwtsecurity.token.KeyRing;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code issue}: prints one access token ({@code typ: at+jwt}, {@code jti}, {@code iat}, {@code
 * exp}) signed with a key from a JWK file, through the library's own {@link AccessTokenIssuer}.
 */
final class IssueCommand implements Command {
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");

  @Override
  public int run(Invocation inv) throws UsageException {
    Args a =
        Args.parse(
            inv.args(),
            Set.of(
                "--jwk-file",
                "--alg",
                "--sub",
                "--ttl-seconds",
                "--iss",
                "--aud",
                "--claim",
                "--kid"),
            Set.of());
    if (!a.positionals().isEmpty()) {
      throw new UsageException("issue takes no positional arguments");
    }
    Algorithm alg = algorithm(a.required("--alg"));
    String sub = a.required("--sub");
    long ttl = seconds(a.required("--ttl-seconds"));
    JwtKey key = signingKey(a.required("--jwk-file"), alg, a.optional("--kid"));

    AccessTokenIssuer.Builder b =
        AccessTokenIssuer.builder()
            .keyRing(KeyRing.of(key))
            .clock(inv.clock())
            .random(inv.random());
    Duration lifetime = Duration.ofSeconds(ttl);
    if (ttl >= 60 && ttl <= 3600) {
      b.accessTokenLifetime(lifetime);
    } else if (ttl > 0 && ttl <= Duration.ofDays(30).toSeconds()) {
      inv.err().println("# warning: a lifetime outside 1-60 minutes is unsafe for access tokens");
      b.unsafeAccessTokenLifetime(lifetime);
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

  /**
   * Loads every key of the file for {@code alg} (through {@link JwtKey#fromJwkSet}), optionally
   * only one kid.
   */
  static List<JwtKey> keys(String file, Algorithm alg, String kid) throws UsageException {
    List<JwtKey> keys;
    try {
      keys = JwtKey.fromJwkSet(JwkFile.read(file), alg);
    } catch (IllegalArgumentException e) {
      throw new UsageException("the JWK file is refused: " + LogSafe.clean(e.getMessage(), 200));
    }
    if (kid != null) {
      keys = keys.stream().filter(k -> k.keyId().equals(kid)).toList();
      if (keys.isEmpty()) {
        throw new UsageException("the JWK file holds no key with that kid");
      }
    }
    return keys;
  }

  private static JwtKey signingKey(String file, Algorithm alg, String kid) throws UsageException {
    List<JwtKey> usable = keys(file, alg, kid).stream().filter(JwtKey::canSign).toList();
    if (usable.isEmpty()) {
      throw new UsageException(
          "the JWK file holds no "
              + (alg.isHmac() ? "oct" : "private")
              + " key for "
              + alg.jwsName());
    }
    if (usable.size() > 1) {
      throw new UsageException(
          "the JWK file holds several keys for " + alg.jwsName() + "; choose one with --kid");
    }
    return usable.get(0);
  }
}
