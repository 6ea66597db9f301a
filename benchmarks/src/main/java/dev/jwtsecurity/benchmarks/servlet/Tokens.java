package dev.jwtsecurity.benchmarks.servlet;

/** Token helpers for the filter benchmark. */
final class Tokens {
  private Tokens() {}

  static String tamper(String token) {
    int i = token.length() - 3;
    char c = token.charAt(i) == 'A' ? 'B' : 'A';
    return token.substring(0, i) + c + token.substring(i + 1);
  }
}
