package dev.jwtsecurity.redis;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Every key the stores write, under one validated prefix. Parts taken from ids are {@link
 * Text#escape escaped}, so they contain no colons or braces: keys are unambiguous, and the only
 * hash tag in a key is the one put there on purpose.
 *
 * <pre>
 * P:rt:{u}:f:f        hash    a refresh-token family and all its tokens (fields below)
 * P:rt:{u}:families   zset    the user's families (member f, score = absolute expiry in epoch ms)
 * P:rt:lookup:l       string  "u:f:absolute-expiry-ms": which family holds token l
 * P:rt:family:f       string  "u": whose family f is (and the claim that makes family ids unique)
 * P:th:id             string  a throttle state
 * P:dl:issuer:jti     string  a denylist entry: the instant after which it no longer matters
 * </pre>
 *
 * A user's families and their index share the hash tag {@code {u}}, so the scripts that create a
 * family or revoke all of a user's families touch one Redis Cluster slot. The two pointer keys are
 * looked up by an id alone and live wherever their own name hashes to; they are written before the
 * family and never changed, so a reader that finds a pointer but no family treats the id as
 * unknown.
 */
final class Keys {

  /** Letters, digits, {@code . _ -}, and {@code :} between them: no glob or hash-tag characters. */
  static final Pattern PREFIX =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._:-]{0,46}[A-Za-z0-9._-])?");

  static final String DEFAULT_PREFIX = "jwt";

  final String prefix;
  private final String refresh;

  Keys(String prefix) {
    Objects.requireNonNull(prefix, "keyPrefix");
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "keyPrefix must be 1 to 48 letters, digits, '.', '_', '-' or inner ':' (no glob or"
              + " hash-tag characters)");
    }
    this.prefix = prefix;
    this.refresh = prefix + ":rt:";
  }

  /** The key of family {@code f} of user {@code u} (both escaped). */
  String family(String u, String f) {
    return refresh + "{" + u + "}:f:" + f;
  }

  /** The key of user {@code u}'s family index (escaped). */
  String families(String u) {
    return refresh + "{" + u + "}:families";
  }

  /** The pointer from lookup id {@code l} (escaped) to its family. */
  String lookup(String l) {
    return refresh + "lookup:" + l;
  }

  /** The pointer from family id {@code f} (escaped) to its user. */
  String familyOwner(String f) {
    return refresh + "family:" + f;
  }

  /** A {@code SCAN MATCH} pattern for every family hash. */
  String familyPattern() {
    return refresh + "{*}:f:*";
  }

  /**
   * Splits a family key found by {@link #familyPattern()} into its escaped user and family ids.
   *
   * @return {@code {u, f}}, or {@code null} if the key is not a family key of this prefix
   */
  String[] parseFamily(String key) {
    if (!key.startsWith(refresh + "{")) {
      return null;
    }
    int close = key.indexOf('}', refresh.length() + 1);
    if (close < 0 || !key.startsWith("}:f:", close)) {
      return null;
    }
    String u = key.substring(refresh.length() + 1, close);
    String f = key.substring(close + 4);
    if (u.indexOf(':') >= 0 || f.indexOf(':') >= 0 || f.isEmpty()) {
      return null;
    }
    return new String[] {u, f};
  }

  /** The key of a throttle state. */
  String throttle(String id) {
    return prefix + ":th:" + Text.escape(id);
  }

  /** A {@code SCAN MATCH} pattern for every throttle state. */
  String throttlePattern() {
    return prefix + ":th:*";
  }

  /** The key of a denylist entry. */
  String denied(String issuer, String tokenId) {
    return prefix + ":dl:" + Text.escape(issuer) + ":" + Text.escape(tokenId);
  }

  /** A {@code SCAN MATCH} pattern for every denylist entry. */
  String deniedPattern() {
    return prefix + ":dl:*";
  }

  /** A {@code SCAN MATCH} pattern for every key of this prefix. */
  String everything() {
    return prefix + ":*";
  }
}
