package dev.jwtsecurity.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The {@code jwt-security} command. */
public final class Main {
  private Main() {}

  /**
   * Runs the command and exits with its status.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(run(args, new PrintStream(System.out, true, StandardCharsets.UTF_8)));
  }

  static int run(String[] args, PrintStream out) {
    if (args.length > 0 && ("hash-password".equals(args[0]) || "verify-password".equals(args[0]))) {
      return PasswordCommands.run(args, System.in, out, System.err);
    }
    out.println("usage: jwt-security <keygen|check-secret|issue|verify|inspect|hash-password|verify-password>");
    return 2;
  }
}
