package dev.jwtsecurity.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code jwt-security} operator command: {@code keygen}, {@code check-secret}, {@code issue},
 * {@code verify} and {@code inspect} (and the password commands).
 *
 * <pre>{@code
 * java -jar jwt-security-cli.jar keygen                      # a secret for JWT_SECRET_KEY
 * java -jar jwt-security-cli.jar check-secret < secret.txt   # would start-up accept it? (exit 0 / 1)
 * }</pre>
 *
 * <p>Exit status: 0 success, 1 refused (weak secret, invalid token), 2 usage error.
 *
 * <h2>Security considerations</h2>
 *
 * <p>No command prints a secret it was not asked to print: {@code check-secret} never echoes its
 * input, {@code verify} prints claims only. Pass tokens as {@code -} to read them from stdin, out
 * of the process list and shell history.
 */
public final class Main {

  /** Success. */
  static final int OK = 0;

  /** Refused: a weak secret, an invalid token. */
  static final int REFUSED = 1;

  /** Usage error: unknown command, missing or malformed argument, unreadable file. */
  static final int USAGE = 2;

  /** The dispatch table: one line per command. */
  private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("keygen", new KeygenCommand());
    COMMANDS.put("check-secret", new CheckSecretCommand());
    COMMANDS.put("issue", new IssueCommand());
    COMMANDS.put("verify", new VerifyCommand());
    COMMANDS.put("inspect", new InspectCommand());
    COMMANDS.put(
        "hash-password",
        inv -> PasswordCommands.run(argv("hash-password", inv), inv.in(), inv.out(), inv.err()));
    COMMANDS.put(
        "verify-password",
        inv -> PasswordCommands.run(argv("verify-password", inv), inv.in(), inv.out(), inv.err()));
  }

  private static final List<String> BASE_USAGE =
      List.of(
          "usage: jwt-security <command> [options]",
          "  keygen [--algorithm HS256|HS384|HS512|RS256|...|ES256|...|EdDSA] [--public-out FILE]",
          "  check-secret [--algorithm HS256|HS384|HS512] [--from-env]   (reads stdin unless --from-env)",
          "  issue --jwk-file FILE --alg ALG --sub SUBJECT --ttl-seconds N [--iss I] [--aud A] [--kid K]",
          "        [--claim k=v]...",
          "  verify --jwk-file FILE --alg ALG [--iss I] [--aud A] [--typ T] [--require CLAIM]... [--jws-only]",
          "        [--kid K] [--skew-seconds N] TOKEN|-",
          "  verify --issuer-uri URL | --jwks-uri URL --iss I  [--aud A] [--alg ALG]... [--typ T]",
          "        [--require CLAIM]... [--skew-seconds N] [--unsafe-allow-plain-http-on-loopback] TOKEN|-",
          "  inspect TOKEN|-");

  /** The usage text, listing commands added to the dispatch table beyond the five above. */
  static String usageText() {
    StringBuilder sb = new StringBuilder(String.join("\n", BASE_USAGE));
    for (String name : COMMANDS.keySet()) {
      if (!List.of("keygen", "check-secret", "issue", "verify", "inspect").contains(name)) {
        sb.append("\n  ").append(name);
      }
    }
    return sb.append("\nexit status: 0 ok, 1 refused or invalid, 2 usage error").toString();
  }

  private Main() {}

  private static String[] argv(String name, Invocation inv) {
    String[] a = new String[inv.args().size() + 1];
    a[0] = name;
    for (int i = 0; i < inv.args().size(); i++) {
      a[i + 1] = inv.args().get(i);
    }
    return a;
  }

  /**
   * Runs the command and exits with its status.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    int status =
        run(
            args,
            System.in,
            new PrintStream(System.out, true, StandardCharsets.UTF_8),
            new PrintStream(System.err, true, StandardCharsets.UTF_8),
            System.getenv());
    System.exit(status);
  }

  /**
   * Runs a command in-process.
   *
   * @param args the arguments, command first
   * @param in standard input
   * @param out standard output
   * @param err standard error
   * @param env the environment (for {@code JWT_SECRET_KEY} and {@code JWT_ALGORITHM})
   * @return the exit status: 0 success, 1 refused, 2 usage error
   */
  public static int run(
      String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
    return run(args, in, out, err, env, Clock.systemUTC(), new SecureRandom());
  }

  static int run(
      String[] args,
      InputStream in,
      PrintStream out,
      PrintStream err,
      Map<String, String> env,
      Clock clock,
      SecureRandom random) {
    if (args.length == 0) {
      err.println(usageText());
      return USAGE;
    }
    if (args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
      out.println(usageText());
      return OK;
    }
    Command command = COMMANDS.get(args[0]);
    if (command == null) {
      err.println("jwt-security: unknown command");
      err.println(usageText());
      return USAGE;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    Invocation inv = new Invocation(rest, in, out, err, env, clock, random);
    try {
      return command.run(inv);
    } catch (UsageException e) {
      err.println("jwt-security " + args[0] + ": " + e.getMessage());
      err.println(usageText());
      return USAGE;
    }
  }
}
