package dev.jwtsecurity.cli;

/** One sub-command. */
interface Command {
  /**
   * Runs the command.
   *
   * @param inv arguments, streams, environment, clock and random source
   * @return the exit status
   * @throws UsageException on a usage error (exit 2)
   */
  int run(Invocation inv) throws UsageException;
}
