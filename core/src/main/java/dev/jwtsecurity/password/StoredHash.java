package dev.jwtsecurity.password;

import java.util.Base64;

/**
 * A parsed stored hash: an Argon2 PHC string, a bcrypt hash, or one of the earlier systems' formats
 * {@link PasswordMigration} describes (PBKDF2 and scrypt in Django's and Spring Security's formats,
 * Spring's {@code {id}} prefixes), or the reason it is none of them. Parsing is strict and never
 * throws on attacker-controlled text.
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
    PBKDF2,
    SCRYPT,
    INVALID
  }

  final Kind kind;
  final PasswordVerification.Status problem;
  final Argon2Parameters parameters;
  final byte[] salt;
  final byte[] hash;
  final int bcryptCost;

  /** The bcrypt hash itself, without a {@code {bcrypt}} or {@code bcrypt$} prefix. */
  final String bcryptText;

  /** PBKDF2: the pseudo-random function; {@code iterations} is the count. */
  final SpringPbkdf2.Prf prf;

  /** PBKDF2: iterations; scrypt: N. */
  final int iterations;

  /** scrypt: block size r and parallelism p. */
  final int blockSize;

  final int parallelism;

  private StoredHash(
      Kind kind,
      PasswordVerification.Status problem,
      Argon2Parameters parameters,
      byte[] salt,
      byte[] hash,
      int bcryptCost) {
    this(kind, problem, parameters, salt, hash, bcryptCost, null, null, 0, 0, 0);
  }

  @SuppressWarnings("TooManyParameters") // one private constructor behind the named factories
  private StoredHash(
      Kind kind,
      PasswordVerification.Status problem,
      Argon2Parameters parameters,
      byte[] salt,
      byte[] hash,
      int bcryptCost,
      String bcryptText,
      SpringPbkdf2.Prf prf,
      int iterations,
      int blockSize,
      int parallelism) {
    this.kind = kind;
    this.problem = problem;
    this.parameters = parameters;
    this.salt = salt;
    this.hash = hash;
    this.bcryptCost = bcryptCost;
    this.bcryptText = bcryptText;
    this.prf = prf;
    this.iterations = iterations;
    this.blockSize = blockSize;
    this.parallelism = parallelism;
  }

  private static StoredHash pbkdf2(SpringPbkdf2.Prf prf, int iterations, byte[] salt, byte[] hash) {
    return new StoredHash(Kind.PBKDF2, null, null, salt, hash, 0, null, prf, iterations, 0, 0);
  }

  private static StoredHash scrypt(int n, int r, int p, byte[] salt, byte[] hash) {
    return new StoredHash(Kind.SCRYPT, null, null, salt, hash, 0, null, null, n, r, p);
  }

  /** scrypt's memory, {@code 128 * N * r} bytes, in KiB (rounded up). */
  long scryptMemoryKiB() {
    return (128L * iterations * blockSize + 1023) / 1024;
  }

  private static StoredHash invalid(PasswordVerification.Status problem) {
    return new StoredHash(Kind.INVALID, problem, null, null, null, 0);
  }

  private static StoredHash malformed() {
    return invalid(PasswordVerification.Status.MALFORMED_HASH);
  }

  static StoredHash parse(String text) {
    return parse(text, PasswordMigration.DEFAULT);
  }

  static StoredHash parse(String text, PasswordMigration migration) {
    if (text == null || text.isEmpty() || text.length() > MAX_TEXT_LENGTH) {
      return malformed();
    }
    if (text.startsWith("$argon2")) {
      return parseArgon2(text);
    }
    if (text.startsWith("$2a$") || text.startsWith("$2b$") || text.startsWith("$2y$")) {
      return parseBcrypt(text);
    }
    if (text.startsWith("{")) {
      return parseSpringId(text, migration);
    }
    // Django: "<algorithm>$..." (its bcrypt and argon2 carry the usual hash after the name).
    if (text.startsWith("argon2$argon2")) {
      return parseArgon2(text.substring("argon2".length()));
    }
    if (text.startsWith("bcrypt$$2")) {
      return parseBcrypt(text.substring("bcrypt$".length()));
    }
    if (text.startsWith("pbkdf2_sha256$")) {
      return parseDjangoPbkdf2(text, SpringPbkdf2.Prf.HMAC_SHA256);
    }
    if (text.startsWith("pbkdf2_sha1$")) {
      return parseDjangoPbkdf2(text, SpringPbkdf2.Prf.HMAC_SHA1);
    }
    if (text.startsWith("scrypt$")) {
      return parseDjangoScrypt(text);
    }
    if (looksLikeSpringScrypt(text)) {
      return parseSpringScrypt(text);
    }
    if (isInsecure(text)) {
      return invalid(PasswordVerification.Status.INSECURE_SCHEME);
    }
    // $2x$ (the broken crypt_blowfish variant), $5$, $6$, bcrypt_sha256, unknown schemes: never.
    return invalid(PasswordVerification.Status.UNSUPPORTED_SCHEME);
  }

  /** Spring Security's DelegatingPasswordEncoder: "{id}encoded". */
  private static StoredHash parseSpringId(String text, PasswordMigration migration) {
    int end = text.indexOf('}');
    if (end < 2) {
      return malformed();
    }
    String id = text.substring(1, end);
    String rest = text.substring(end + 1);
    return switch (id) {
      case "bcrypt" ->
          rest.startsWith("$2a$") || rest.startsWith("$2b$") || rest.startsWith("$2y$")
              ? parseBcrypt(rest)
              : malformed();
      case "argon2", "argon2@SpringSecurity_v5_8" ->
          rest.startsWith("$argon2") ? parseArgon2(rest) : malformed();
      case "scrypt", "scrypt@SpringSecurity_v5_8" ->
          looksLikeSpringScrypt(rest) ? parseSpringScrypt(rest) : malformed();
      case "pbkdf2" ->
          parseSpringPbkdf2(rest, migration.springPbkdf2, migration.springPbkdf2Secret());
      case "pbkdf2@SpringSecurity_v5_8" -> parseSpringPbkdf2(rest, SpringPbkdf2.V5_8, new byte[0]);
      default ->
          INSECURE_SPRING_IDS.contains(id.toLowerCase(java.util.Locale.ROOT))
              ? invalid(PasswordVerification.Status.INSECURE_SCHEME)
              : invalid(PasswordVerification.Status.UNSUPPORTED_SCHEME);
    };
  }

  /**
   * Spring's fast digests and LDAP's: {noop} (plain text), {MD4}, {MD5}, {SHA-1}, {SHA-256},
   * {sha256} (StandardPasswordEncoder: 1024 SHA-256 rounds), {ldap} and the LDAP schemes.
   */
  private static final java.util.Set<String> INSECURE_SPRING_IDS =
      java.util.Set.of(
          "noop",
          "plain",
          "cleartext",
          "md4",
          "md5",
          "smd5",
          "sha",
          "ssha",
          "sha-1",
          "sha1",
          "sha-256",
          "sha256",
          "ssha256",
          "sha-384",
          "sha384",
          "ssha384",
          "sha-512",
          "sha512",
          "ssha512",
          "ldap",
          "crypt");

  /** Django's salted and unsalted digests, DES crypt and md5crypt, bare hex digests. */
  private static boolean isInsecure(String text) {
    if (text.startsWith("md5$")
        || text.startsWith("sha1$")
        || text.startsWith("crypt$")
        || text.startsWith("unsalted_")
        || text.startsWith("$1$")) {
      return true;
    }
    int n = text.length();
    if (n != 32 && n != 40 && n != 56 && n != 64 && n != 96 && n != 128) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (!isHex(text.charAt(i))) {
        return false;
      }
    }
    return true; // MD5, SHA-1, SHA-224, SHA-256, SHA-384 or SHA-512 as hex
  }

  /**
   * "$" then 5 or 6 hex digits then "$": Spring's scrypt parameters (log2(N) >= 1 takes at least 5
   * digits), and never crypt's "$1$", "$5$", "$6$" or bcrypt's "$2x$".
   */
  private static boolean looksLikeSpringScrypt(String text) {
    int end = text.indexOf('$', 1);
    if (text.isEmpty() || text.charAt(0) != '$' || end < 6 || end > 7) {
      return false;
    }
    for (int i = 1; i < end; i++) {
      if (!isHex(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** Django: pbkdf2_sha256$<iterations>$<salt>$<base64 hash>; the salt is text, used as bytes. */
  private static StoredHash parseDjangoPbkdf2(String text, SpringPbkdf2.Prf prf) {
    String[] f = text.split("\\$", -1);
    if (f.length != 4) {
      return malformed();
    }
    long iterations = decimal(f[1], 0, f[1].length());
    byte[] salt = djangoSalt(f[2]);
    byte[] hash = paddedBase64(f[3]);
    if (iterations < 1 || iterations > Integer.MAX_VALUE || salt == null || hash == null) {
      return malformed();
    }
    if (hash.length != prf.outputLength()) {
      return malformed(); // Django uses the digest size
    }
    return pbkdf2(prf, (int) iterations, salt, hash);
  }

  /**
   * Django: scrypt$<N>$<salt>$<r>$
   *
   * <p>$<base64 hash>.
   */
  private static StoredHash parseDjangoScrypt(String text) {
    String[] f = text.split("\\$", -1);
    if (f.length != 6) {
      return malformed();
    }
    long n = decimal(f[1], 0, f[1].length());
    byte[] salt = djangoSalt(f[2]);
    long r = decimal(f[3], 0, f[3].length());
    long p = decimal(f[4], 0, f[4].length());
    byte[] hash = paddedBase64(f[5]);
    if (salt == null || hash == null) {
      return malformed();
    }
    return scryptChecked(n, r, p, salt, hash);
  }

  /**
   * Spring's SCryptPasswordEncoder: $<hex(log2(N) << 16 | r << 8 | p)>$<base64 salt>$<base64 hash>.
   */
  private static StoredHash parseSpringScrypt(String text) {
    String[] f = text.split("\\$", -1);
    if (f.length != 4 || !f[0].isEmpty() || f[1].isEmpty() || f[1].length() > 6) {
      return malformed();
    }
    long params = 0;
    for (int i = 0; i < f[1].length(); i++) {
      char c = f[1].charAt(i);
      if (!isHex(c) || Character.isUpperCase(c)) {
        return malformed();
      }
      params = params * 16 + Character.digit(c, 16);
    }
    long logN = params >>> 16;
    long r = (params >>> 8) & 0xff;
    long p = params & 0xff;
    byte[] salt = paddedBase64(f[2]);
    byte[] hash = paddedBase64(f[3]);
    if (salt == null || hash == null || logN < 1 || logN > 30) {
      return malformed();
    }
    return scryptChecked(1L << logN, r, p, salt, hash);
  }

  private static StoredHash scryptChecked(long n, long r, long p, byte[] salt, byte[] hash) {
    // RFC 7914 §2: N a power of two above 1, r and p positive, p * r below 2^30.
    if (n < 2 || n > (1 << 30) || Long.bitCount(n) != 1 || r < 1 || r > 255 || p < 1 || p > 255) {
      return malformed();
    }
    if (salt.length < 1 || hash.length < HashLimits.MIN_HASH_LENGTH || hash.length > 128) {
      return malformed();
    }
    return scrypt((int) n, (int) r, (int) p, salt, hash);
  }

  /** Spring's Pbkdf2PasswordEncoder: hex (or base64) of salt || hash, nothing else stored. */
  private static StoredHash parseSpringPbkdf2(String text, SpringPbkdf2 format, byte[] secret) {
    byte[] both = format.base64() ? paddedBase64(text) : hex(text);
    if (both == null || both.length != format.saltLength() + format.hashLength()) {
      return malformed();
    }
    int saltLength = format.saltLength();
    // The encoder derives from salt || secret and stores salt || hash.
    byte[] salt = new byte[saltLength + secret.length];
    System.arraycopy(both, 0, salt, 0, saltLength);
    System.arraycopy(secret, 0, salt, saltLength, secret.length);
    byte[] hash = java.util.Arrays.copyOfRange(both, saltLength, both.length);
    return pbkdf2(format.prf(), format.iterations(), salt, hash);
  }

  /** A Django salt: 1..64 printable ASCII characters without '$'. */
  private static byte[] djangoSalt(String s) {
    if (s.isEmpty() || s.length() > 64) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return null;
      }
    }
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** Lower- or upper-case hex, even length; null when not. */
  private static byte[] hex(String s) {
    if (s.isEmpty() || s.length() % 2 != 0) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isHex(s.charAt(i))) {
        return null;
      }
    }
    return java.util.HexFormat.of().parseHex(s.toLowerCase(java.util.Locale.ROOT));
  }

  /** Standard base64 with padding, canonical only; null when not. */
  private static byte[] paddedBase64(String s) {
    if (s.isEmpty() || s.length() % 4 != 0) {
      return null;
    }
    byte[] out;
    try {
      out = Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return Base64.getEncoder().encodeToString(out).equals(s) ? out : null;
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
    return new StoredHash(Kind.BCRYPT, null, null, null, null, cost, text, null, 0, 0, 0);
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
