package dev.jwtsecurity.cli;

import dev.jwtsecurity.config.Secret;
import dev.jwtsecurity.token.Algorithm;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code check-secret}: would start-up accept this secret? Reads stdin (exact bytes, except that
 * one trailing {@code \n} or {@code \r\n} is removed, as {@code echo} and editors add one) or, with
 * {@code --from-env}, {@code JWT_SECRET_KEY} exactly. Never echoes the secret.
 */
final class CheckSecretCommand implements Command {
  static final int MAX_BYTES = 64 * 1024;

  @Override
  public int run(Invocation inv) throws UsageException {
    Args a = Args.parse(inv.args(), Set.of("--algorithm"), Set.of("--from-env"));
    if (!a.positionals().isEmpty()) {
      throw new UsageException(
          "check-secret reads the secret from stdin or JWT_SECRET_KEY, never from arguments");
    }
    String name = a.optional("--algorithm");
    if (name == null) {
      String fromEnv = inv.env().get("JWT_ALGORITHM");
      name = fromEnv == null || fromEnv.isBlank() ? "HS256" : fromEnv;
    }
    Algorithm alg;
    try {
      alg = Algorithm.fromName(name);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    if (!alg.isHmac()) {
      throw new UsageException(
          alg.jwsName() + " uses a private key, not a secret; check-secret is for HS256/384/512");
    }
    byte[] bytes;
    if (a.flag("--from-env")) {
      String s = inv.env().get("JWT_SECRET_KEY");
      if (s == null) {
        inv.out()
            .println("refused: JWT_SECRET_KEY is not set; generate one with `jwt-security keygen`");
        return Main.REFUSED;
      }
      bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    } else {
      bytes = readStdin(inv);
    }
    try {
      Secret secret = Secret.of(bytes);
      List<String> problems = secret.problemsFor(alg);
      if (problems.isEmpty()) {
        inv.out()
            .println(
                "accepted for "
                    + alg.jwsName()
                    + ": "
                    + bytes.length
                    + " bytes, estimated entropy about "
                    + secret.estimatedEntropyBits()
                    + " bits (at least "
                    + Secret.MIN_ENTROPY_BITS
                    + " required)");
        return Main.OK;
      }
      inv.out().println("refused for " + alg.jwsName() + ":");
      for (String p : problems) {
        inv.out().println("  - " + p);
      }
      return Main.REFUSED;
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private static byte[] readStdin(Invocation inv) throws UsageException {
    byte[] all;
    try {
      all = inv.in().readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw new UsageException("cannot read stdin");
    }
    if (all.length > MAX_BYTES) {
      Arrays.fill(all, (byte) 0);
      throw new UsageException("the secret on stdin is larger than 64 KiB");
    }
    int len = all.length;
    if (len > 0 && all[len - 1] == '\n') {
      len--;
      if (len > 0 && all[len - 1] == '\r') {
        len--;
      }
    }
    byte[] out = Arrays.copyOf(all, len);
    Arrays.fill(all, (byte) 0);
    return out;
  }
}
