package dev.jwtsecurity.cli;

/**
 * A usage error: exit status 2 with the usage text. The message never contains a secret or a token.
 */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
