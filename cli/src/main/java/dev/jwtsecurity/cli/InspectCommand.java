package dev.jwtsecurity.cli;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code inspect}: prints a token's header and claims, labelled UNVERIFIED, without checking
 * anything. Output is escaped so a hostile token cannot drive the terminal; inputs over 64 KiB are
 * refused.
 */
final class InspectCommand implements Command {

  @Override
  public int run(Invocation inv) throws UsageException {
    Args a = Args.parse(inv.args(), Set.of(), Set.of());
    if (a.positionals().size() != 1) {
      throw new UsageException("inspect takes exactly one TOKEN (or - to read it from stdin)");
    }
    String token = TokenInput.read(a.positionals().get(0), inv);
    String[] parts = split(token);
    if (parts.length != 3 && parts.length != 5) {
      inv.out().println("not a compact JWS or JWE: " + parts.length + " parts (expected 3 or 5)");
      return Main.REFUSED;
    }
    inv.out()
        .println(
            "UNVERIFIED - nothing below has been checked: not the signature, the expiry or the issuer");
    Map<String, Object> header = decode(parts[0]);
    inv.out().println("UNVERIFIED header:");
    inv.out().println(header == null ? "(not base64url-encoded JSON)" : Terminal.pretty(header));
    if (parts.length == 5) {
      inv.out().println("a JWE: the payload is encrypted and cannot be shown");
      return Main.OK;
    }
    Map<String, Object> claims = decode(parts[1]);
    inv.out().println("UNVERIFIED claims:");
    inv.out().println(claims == null ? "(not base64url-encoded JSON)" : Terminal.pretty(claims));
    if (claims != null) {
      for (String name : List.of("iat", "nbf", "exp")) {
        if (claims.get(name) instanceof Number n
            && n.longValue() >= 0
            && n.longValue() <= 253402300799L) {
          inv.out().println("UNVERIFIED " + name + ": " + Instant.ofEpochSecond(n.longValue()));
        }
      }
    }
    return Main.OK;
  }

  private static String[] split(String token) {
    int count = 1;
    for (int i = 0; i < token.length(); i++) {
      if (token.charAt(i) == '.') {
        count++;
      }
    }
    String[] parts = new String[count];
    int start = 0;
    for (int p = 0; p < count; p++) {
      int dot = token.indexOf('.', start);
      int end = dot < 0 ? token.length() : dot;
      parts[p] = token.substring(start, end);
      start = end + 1;
    }
    return parts;
  }

  private static Map<String, Object> decode(String part) {
    try {
      return Terminal.object(Base64.getUrlDecoder().decode(part));
    } catch (IllegalArgumentException | Terminal.BadJson e) {
      return null;
    }
  }
}
