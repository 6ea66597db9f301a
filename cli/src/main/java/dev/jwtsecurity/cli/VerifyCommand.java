package dev.jwtsecurity.cli;

import dev.jwtsecurity.internal.LogSafe;
import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.InvalidTokenException;
import dev.jwtsecurity.token.JwtKey;
import dev.jwtsecurity.token.JwtVerifier;
import dev.jwtsecurity.token.JwtVerifier.VerifiedJwt;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code verify}: checks any JWT against one key file and one algorithm through the library's
 * {@link JwtVerifier}. Every rule any JWT must meet always applies (size, compact JWS shape, strict
 * base64url and JSON, the pinned algorithm, header rules, key chosen by {@code kid} from the file
 * only, signature, {@code exp} required, {@code nbf}/{@code iat} when present, claim types); the
 * access-token profile only as far as the flags ask ({@code --typ}, {@code --iss}, {@code --aud},
 * {@code --require}). {@code --jws-only} checks the JWS alone. With {@code --issuer-uri} or {@code
 * --jwks-uri} the keys come from an identity provider instead ({@link RemoteVerify}).
 */
final class VerifyCommand implements Command {
  private static final Pattern SKEW = Pattern.compile("[0-9]{1,3}");

  @Override
  public int run(Invocation inv) throws UsageException {
    Args a =
        Args.parse(
            inv.args(),
            Set.of(
                "--jwk-file",
                "--alg",
                "--iss",
                "--aud",
                "--typ",
                "--require",
                "--kid",
                "--skew-seconds",
                "--issuer-uri",
                "--jwks-uri"),
            Set.of("--jws-only", "--unsafe-allow-plain-http-on-loopback"));
    if (a.positionals().size() != 1) {
      throw new UsageException("verify takes exactly one TOKEN (or - to read it from stdin)");
    }
    if (a.optional("--issuer-uri") != null || a.optional("--jwks-uri") != null) {
      return RemoteVerify.run(a, inv);
    }
    if (a.flag("--unsafe-allow-plain-http-on-loopback")) {
      throw new UsageException(
          "--unsafe-allow-plain-http-on-loopback goes with --issuer-uri or --jwks-uri");
    }
    Algorithm alg = IssueCommand.algorithm(a.required("--alg"));
    List<JwtKey> keys = IssueCommand.keys(a.required("--jwk-file"), alg, a.optional("--kid"));
    JwtVerifier.Builder b = JwtVerifier.builder().keys(keys).clock(inv.clock());
    Duration skew = skew(a);
    if (skew != null) {
      b.clockSkew(skew);
    }
    boolean jwsOnly = a.flag("--jws-only");
    try {
      if (a.optional("--typ") != null) {
        b.requireType(a.optional("--typ"));
      }
      if (a.optional("--iss") != null) {
        b.requireIssuer(a.optional("--iss"));
      }
      if (a.optional("--aud") != null) {
        b.requireAudience(a.optional("--aud"));
      }
      for (String claim : a.all("--require")) {
        b.requireClaim(claim);
      }
      if (jwsOnly) {
        b.jwsOnly();
      }
    } catch (IllegalArgumentException e) {
      throw new UsageException(LogSafe.clean(e.getMessage(), 200));
    }
    JwtVerifier verifier;
    try {
      verifier = b.build();
    } catch (IllegalStateException e) {
      throw new UsageException(LogSafe.clean(e.getMessage(), 200));
    }
    String token = TokenInput.read(a.positionals().get(0), inv);
    VerifiedJwt jwt;
    try {
      jwt = verifier.verify(token);
    } catch (InvalidTokenException e) {
      inv.out().println("invalid: " + e.reason().name() + " (" + e.reason().description() + ")");
      return Main.REFUSED;
    }
    if (jwsOnly) {
      byte[] payload = jwt.payload();
      inv.out().println("valid JWS (key " + jwt.keyId() + "); header:");
      inv.out().println(Terminal.pretty(jwt.header()));
      inv.out().println("payload (" + payload.length + " bytes, not checked as claims):");
      inv.out().println(payloadText(payload));
    } else {
      inv.out().println(Terminal.pretty(jwt.claims()));
    }
    return Main.OK;
  }

  static Duration skew(Args a) throws UsageException {
    String skew = a.optional("--skew-seconds");
    if (skew == null) {
      return null;
    }
    if (!SKEW.matcher(skew).matches() || Long.parseLong(skew) > 300) {
      throw new UsageException("--skew-seconds must be 0 to 300");
    }
    return Duration.ofSeconds(Long.parseLong(skew));
  }

  private static String payloadText(byte[] payload) {
    try {
      return Terminal.pretty(Terminal.object(payload));
    } catch (Terminal.BadJson e) {
      try {
        StringBuilder sb = new StringBuilder();
        Terminal.string(sb, Terminal.utf8(payload));
        return sb.toString();
      } catch (Terminal.BadJson notText) {
        return "base64url: " + Base64.getUrlEncoder().withoutPadding().encodeToString(payload);
      }
    }
  }
}
