package dev.jwtsecurity.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Everything a command runs with; injected so tests run in-process. */
record Invocation(
    List<String> args,
    InputStream in,
    PrintStream out,
    PrintStream err,
    Map<String, String> env,
    Clock clock,
    SecureRandom random) {}
