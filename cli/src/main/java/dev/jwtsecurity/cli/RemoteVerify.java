package dev.jwtsecurity.cli;

import dev.jwtsecurity.internal.LogSafe;
import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.InvalidTokenException;
import dev.jwtsecurity.token.ProviderTokenValidator;
import dev.jwtsecurity.token.TrustedIssuer;
import dev.jwtsecurity.token.VerifiedAccessToken;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code verify --issuer-uri URL} and {@code verify --jwks-uri URL --iss ISSUER}: checks an
 * identity provider's access token with the keys it publishes, through the library's {@link
 * ProviderTokenValidator}: every JWS rule, {@code iss} exactly the issuer, {@code sub}, {@code exp}
 * and {@code iat} required, {@code typ} absent, {@code JWT} or {@code at+jwt} (or {@code --typ}),
 * the audience when {@code --aud} is given, and {@code --require}d claims. Failures to fetch the
 * keys are printed to stderr.
 */
final class RemoteVerify {

  private RemoteVerify() {}

  static int run(Args a, Invocation inv) throws UsageException {
    String issuerUri = a.optional("--issuer-uri");
    String jwksUri = a.optional("--jwks-uri");
    if (issuerUri != null && jwksUri != null) {
      throw new UsageException("give --issuer-uri (keys by discovery) or --jwks-uri, not both");
    }
    for (String local : List.of("--jwk-file", "--kid")) {
      if (a.optional(local) != null) {
        throw new UsageException(
            local + " is for keys in a file; drop it with --issuer-uri/--jwks-uri");
      }
    }
    if (a.flag("--jws-only")) {
      throw new UsageException(
          "--jws-only is for keys in a file: a provider's token is checked whole");
    }
    String issuer = issuerUri;
    if (jwksUri != null) {
      issuer = a.optional("--iss");
      if (issuer == null) {
        throw new UsageException(
            "--jwks-uri needs --iss: the issuer (the 'iss') whose keys they are");
      }
    } else if (a.optional("--iss") != null && !a.optional("--iss").equals(issuerUri)) {
      throw new UsageException("--iss differs from --issuer-uri: the issuer URI is the 'iss'");
    }
    TrustedIssuer trusted;
    try {
      TrustedIssuer.Builder b = TrustedIssuer.builder(issuer);
      if (jwksUri != null) {
        b.jwksUri(jwksUri);
      } else {
        b.discoverKeys();
      }
      if (a.optional("--aud") != null) {
        b.audiences(a.optional("--aud"));
      } else {
        b.unsafeAcceptAnyAudience(); // an operator's look at a token; --aud checks it
      }
      List<String> algs = a.all("--alg");
      if (!algs.isEmpty()) {
        List<Algorithm> list = new ArrayList<>();
        for (String alg : algs) {
          list.add(IssueCommand.algorithm(alg));
        }
        b.algorithms(list.toArray(new Algorithm[0]));
      }
      if (a.optional("--typ") != null) {
        b.types(a.optional("--typ"));
      }
      if (!a.all("--require").isEmpty()) {
        b.requireClaims(a.all("--require").toArray(new String[0]));
      }
      Duration skew = VerifyCommand.skew(a);
      if (skew != null) {
        b.clockSkew(skew);
      }
      if (a.flag("--unsafe-allow-plain-http-on-loopback")) {
        b.unsafeAllowPlainHttpOnLoopback();
      }
      trusted = b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new UsageException(LogSafe.clean(e.getMessage(), 300));
    }
    ProviderTokenValidator validator =
        ProviderTokenValidator.builder()
            .trust(trusted)
            .clock(inv.clock())
            .events(
                e ->
                    inv.err()
                        .println(
                            "keys: "
                                + e.type().code()
                                + " "
                                + e.reason()
                                + " "
                                + LogSafe.clean(e.details().toString(), 300)))
            .build();
    String token = TokenInput.read(a.positionals().get(0), inv);
    VerifiedAccessToken t;
    try {
      t = validator.validate(token);
    } catch (InvalidTokenException e) {
      inv.out().println("invalid: " + e.reasonName() + " (" + e.reason().description() + ")");
      return Main.REFUSED;
    }
    Map<String, Object> out = new TreeMap<>(t.claims());
    out.put("iss", t.issuer().orElse(""));
    out.put("sub", t.subject());
    out.put("aud", t.audience());
    out.put("exp", t.expiresAt().getEpochSecond());
    out.put("iat", t.issuedAt().getEpochSecond());
    t.notBefore().ifPresent(nbf -> out.put("nbf", nbf.getEpochSecond()));
    out.put("jti", t.tokenId());
    out.put("roles (mapped)", List.copyOf(t.roles()));
    out.put("scopes (mapped)", List.copyOf(t.scopes()));
    if (trusted.audiences().isEmpty()) {
      inv.err().println("note: the audience was not checked; pass --aud to check it");
    }
    inv.out().println(Terminal.pretty(out));
    return Main.OK;
  }
}
