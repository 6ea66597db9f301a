package dev.jwtsecurity.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A TOKEN argument: the token itself, or {@code -} to read it from stdin (keeps it out of {@code
 * ps} and history).
 */
final class TokenInput {
  static final int MAX_INPUT = 64 * 1024;

  private TokenInput() {}

  static String read(String arg, Invocation inv) throws UsageException {
    if (!arg.equals("-")) {
      if (arg.length() > MAX_INPUT) {
        throw new UsageException("the token is larger than 64 KiB");
      }
      return arg;
    }
    try {
      byte[] b = inv.in().readNBytes(MAX_INPUT + 1);
      if (b.length > MAX_INPUT) {
        throw new UsageException("the token on stdin is larger than 64 KiB");
      }
      return new String(b, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UsageException("cannot read stdin");
    }
  }
}
