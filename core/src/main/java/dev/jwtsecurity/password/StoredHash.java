package dev.jwtsecurity.password;

import java.util.Base64;

/**
 * A parsed stored hash: an Argon2 PHC string or a bcrypt hash, or the reason it is neither. Parsing
 * is strict and never throws on attacker-controlled text.
 *
 * <p>Argon2 follows the PHC string format as the reference implementation writes it ({@code
 * argon2/src/encoding.c}): {@code $argon2<d|i|id>[$v=<16|19>]$m=<m>,t=<t>,p=<p>$<salt>$<hash>},
 * decimal numbers without sign or leading zeros, salt and hash in standard base64 without padding,
 * canonical (unused trailing bits zero). A missing {@code v=} means version 16, as in the reference
 * decoder. Optional {@code keyid}/{@code data} parameters are refused: this library never uses a
 * secret key or associated data.
 */
final class StoredHash {

  /** The longest stored hash text parsed at all. */
  static final int MAX_TEXT_LENGTH = 512;

  enum Kind {
    ARGON2,
    BCRYPT,
    INVALID
  }

  final Kind kind;
  final PasswordVerification.Status problem;
  final Argon2Parameters parameters;
  final byte[] salt;
  final byte[] hash;
  final int bcryptCost;

  private StoredHash(
      Kind kind,
      PasswordVerification.Status problem,
      Argon2Parameters parameters,
      byte[] salt,
      byte[] hash,
      int bcryptCost) {
    this.kind = kind;
    this.problem = problem;
    this.parameters = parameters;
    this.salt = salt;
    this.hash = hash;
    this.bcryptCost = bcryptCost;
  }

  private static StoredHash invalid(PasswordVerification.Status problem) {
    return new StoredHash(Kind.INVALID, problem, null, null, null, 0);
  }

  private static StoredHash malformed() {
    return invalid(PasswordVerification.Status.MALFORMED_HASH);
  }

  static StoredHash parse(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_TEXT_LENGTH) {
      return malformed();
    }
    if (text.startsWith("$argon2")) {
      return parseArgon2(text);
    }
    if (text.startsWith("$2a$") || text.startsWith("$2b$") || text.startsWith("$2y$")) {
      return parseBcrypt(text);
    }
    // Plain text, MD5, SHA-*, $2x$ (the broken crypt_blowfish variant), $1$, $5$, $6$, pbkdf2,
    // scrypt...: never.
    return invalid(PasswordVerification.Status.UNSUPPORTED_SCHEME);
  }

  private static StoredHash parseBcrypt(String text) {
    // $2b$NN$ + 22 chars of salt + 31 chars of hash, bcrypt's own base64 alphabet.
    if (text.length() != 60 || text.charAt(6) != '$') {
      return malformed();
    }
    char c1 = text.charAt(4);
    char c2 = text.charAt(5);
    if (c1 < '0' || c1 > '3' || c2 < '0' || c2 > '9') {
      return malformed();
    }
    int cost = (c1 - '0') * 10 + (c2 - '0');
    if (cost < 4 || cost > 31) {
      return malformed();
    }
    for (int i = 7; i < 60; i++) {
      char c = text.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '/';
      if (!ok) {
        return malformed();
      }
    }
    return new StoredHash(Kind.BCRYPT, null, null, null, null, cost);
  }

  private static StoredHash parseArgon2(String text) {
    // Fields after the leading '$': variant, [v=..], m=..,t=..,p=.., salt, hash.
    String[] f = fields(text);
    if (f == null) {
      return malformed();
    }
    Argon2Parameters.Variant variant;
    switch (f[0]) {
      case "argon2id" -> variant = Argon2Parameters.Variant.ARGON2ID;
      case "argon2i" -> variant = Argon2Parameters.Variant.ARGON2I;
      case "argon2d" -> variant = Argon2Parameters.Variant.ARGON2D;
      default -> {
        // "$argon2" typos such as "$argon2ID$" or "$argon2x$" are not Argon2 at all.
        return invalid(PasswordVerification.Status.UNSUPPORTED_SCHEME);
      }
    }
    int i = 1;
    int version = Argon2Parameters.VERSION_16;
    if (f.length == 5) {
      if (!f[1].startsWith("v=")) {
        return malformed();
      }
      long v = decimal(f[1], 2, f[1].length());
      if (v != 16 && v != 19) {
        return malformed();
      }
      version = (int) v;
      i = 2;
    } else if (f.length != 4) {
      return malformed();
    }
    long[] mtp = costs(f[i]);
    if (mtp == null) {
      return malformed();
    }
    byte[] salt = base64(f[i + 1]);
    byte[] hash = base64(f[i + 2]);
    if (salt == null || hash == null) {
      return malformed();
    }
    if (salt.length < HashLimits.MIN_SALT_LENGTH || hash.length < HashLimits.MIN_HASH_LENGTH) {
      return malformed();
    }
    long m = mtp[0];
    long t = mtp[1];
    long p = mtp[2];
    if (p < 1
        || p > 0xffffff
        || t < 1
        || m < 8 * p
        || m > Integer.MAX_VALUE
        || t > Integer.MAX_VALUE) {
      return malformed();
    }
    Argon2Parameters params =
        new Argon2Parameters(variant, version, (int) m, (int) t, (int) p, salt.length, hash.length);
    return new StoredHash(Kind.ARGON2, null, params, salt, hash, 0);
  }

  /** Splits "$a$b$c..." into [a, b, c...]; null when empty fields or too many. */
  private static String[] fields(String text) {
    String[] out = new String[6];
    int n = 0;
    int start = 1;
    for (int i = 1; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '$') {
        if (i == start || n == out.length) {
          return null;
        }
        out[n++] = text.substring(start, i);
        start = i + 1;
      }
    }
    String[] exact = new String[n];
    System.arraycopy(out, 0, exact, 0, n);
    return exact;
  }

  /** Parses exactly "m=<d>,t=<d>,p=<d>". */
  private static long[] costs(String s) {
    long[] out = new long[3];
    String[] names = {"m=", "t=", "p="};
    int pos = 0;
    for (int k = 0; k < 3; k++) {
      if (!s.startsWith(names[k], pos)) {
        return null;
      }
      pos += 2;
      int end = k < 2 ? s.indexOf(',', pos) : s.length();
      if (end < 0) {
        return null;
      }
      long v = decimal(s, pos, end);
      if (v < 0) {
        return null;
      }
      out[k] = v;
      pos = end + 1;
    }
    return out;
  }

  /** A decimal 0..2^32-1 without sign or leading zeros, or -1. */
  private static long decimal(String s, int from, int to) {
    int len = to - from;
    if (len < 1 || len > 10 || (len > 1 && s.charAt(from) == '0')) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v > 0xffffffffL ? -1 : v;
  }

  /** Standard base64 without padding, canonical only; null when not. */
  private static byte[] base64(String s) {
    if (s.length() % 4 == 1) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/';
      if (!ok) {
        return null;
      }
    }
    byte[] out;
    try {
      out = Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
    // Reject non-canonical encodings (non-zero unused bits): one hash, one spelling.
    return encode(out).equals(s) ? out : null;
  }

  static String encode(byte[] bytes) {
    return Base64.getEncoder().withoutPadding().encodeToString(bytes);
  }

  static String phc(Argon2Parameters p, byte[] salt, byte[] hash) {
    return "$"
        + p.variant().phcName()
        + "$v="
        + p.version()
        + "$m="
        + p.memoryKiB()
        + ",t="
        + p.iterations()
        + ",p="
        + p.parallelism()
        + "$"
        + encode(salt)
        + "$"
        + encode(hash);
  }
}
