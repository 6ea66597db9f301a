package dev.jwtsecurity.cli;

import dev.jwtsecurity.internal.SecretChars;
import dev.jwtsecurity.password.PasswordHasher;
import dev.jwtsecurity.password.PasswordHashingException;
import dev.jwtsecurity.password.PasswordVerification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.CharBuffer;
import java.util.Arrays;

/**
 * The {@code hash-password} and {@code verify-password} commands.
 *
 * <pre>{@code
 * printf '%s' 'correct horse' | jwt-security hash-password          # prints $argon2id$v=19$m=19456,t=2,p=1$...
 * printf '%s' 'correct horse' | jwt-security verify-password '$argon2id$...'; echo $?   # 0 match, 1 no, 2 bad hash
 * printf '%s' 'lètmein' | jwt-security verify-password 'pbkdf2_sha256$600000$seasalt$OAXy...'  # match (needs rehash)
 * }</pre>
 *
 * <p>{@code verify-password} takes every format the password hasher verifies: Argon2, bcrypt, and
 * for migration PBKDF2 and scrypt in Django's and Spring Security's formats and Spring's {@code
 * {id}} prefixes (see {@code PasswordMigration}); a fast or unsalted digest, or a hash below the
 * migration cost floor, is refused with exit status 2 and the reason.
 *
 * <p>The password is read from standard input as UTF-8 (anything else is refused), exactly: a
 * trailing newline is part of the password when input is piped (use {@code printf '%s'} or {@code
 * echo -n}); typed at a terminal, end it with Ctrl-D, not Enter. The password never appears in
 * arguments (visible in {@code ps}) or output.
 */
final class PasswordCommands {

  /** Exit status: the password matches. */
  static final int MATCH = 0;

  /** Exit status: the password does not match, or is empty or too long. */
  static final int MISMATCH = 1;

  /** Exit status: usage error, or a malformed, unsupported or refused stored hash. */
  static final int BAD_HASH = 2;

  /** The longest password's UTF-8: 4 bytes for each of the hasher's 1024 code points at most. */
  static final int MAX_PASSWORD_BYTES = 4 * PasswordHasher.MAX_PASSWORD_CODE_POINTS;

  private PasswordCommands() {}

  /**
   * Dispatches {@code hash-password} or {@code verify-password}.
   *
   * @return the exit status
   */
  static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    return "hash-password".equals(args[0])
        ? hashPassword(args, in, out, err)
        : verifyPassword(args, in, out, err);
  }

  /**
   * Runs {@code hash-password}.
   *
   * @return the exit status
   */
  static int hashPassword(String[] args, InputStream in, PrintStream out, PrintStream err) {
    if (args.length != 1) {
      err.println("usage: jwt-security hash-password   (password on stdin)");
      return BAD_HASH;
    }
    byte[] password = null;
    char[] chars = null;
    try {
      password = read(in);
      chars = SecretChars.decodeUtf8(password);
      String phc = PasswordHasher.builder().build().hash(CharBuffer.wrap(chars));
      out.println(phc);
      return 0;
    } catch (PasswordHashingException e) {
      err.println("error: password not hashed: " + e.reason());
      return 1;
    } catch (IllegalArgumentException e) {
      err.println("error: the password on stdin is not UTF-8");
      return 1;
    } catch (IOException e) {
      err.println("error: cannot read the password from stdin");
      return 1;
    } finally {
      if (password != null) {
        Arrays.fill(password, (byte) 0);
      }
      if (chars != null) {
        Arrays.fill(chars, '\0');
      }
    }
  }

  /**
   * Runs {@code verify-password PHC}.
   *
   * @return the exit status
   */
  static int verifyPassword(String[] args, InputStream in, PrintStream out, PrintStream err) {
    if (args.length != 2) {
      err.println("usage: jwt-security verify-password PHC   (password on stdin)");
      return BAD_HASH;
    }
    byte[] password = null;
    char[] chars = null;
    try {
      password = read(in);
      chars = SecretChars.decodeUtf8(password);
      PasswordVerification v =
          PasswordHasher.builder().build().verify(CharBuffer.wrap(chars), args[1]);
      return switch (v.status()) {
        case MATCH -> {
          out.println(v.needsRehash() ? "match (needs rehash)" : "match");
          yield MATCH;
        }
        case MISMATCH, PASSWORD_EMPTY, PASSWORD_TOO_LONG, BUSY -> {
          out.println("no match (" + v.status() + ")");
          yield MISMATCH;
        }
        case MALFORMED_HASH,
            UNSUPPORTED_SCHEME,
            INSECURE_SCHEME,
            PARAMETERS_EXCEED_LIMITS,
            PARAMETERS_BELOW_FLOOR -> {
          err.println("error: stored hash refused: " + v.status());
          yield BAD_HASH;
        }
      };
    } catch (IllegalArgumentException e) {
      err.println("error: the password on stdin is not UTF-8");
      return MISMATCH;
    } catch (IOException e) {
      err.println("error: cannot read the password from stdin");
      return MISMATCH;
    } finally {
      if (password != null) {
        Arrays.fill(password, (byte) 0);
      }
      if (chars != null) {
        Arrays.fill(chars, '\0');
      }
    }
  }

  /**
   * Reads at most MAX_PASSWORD_BYTES + 1 bytes (the UTF-8 of the longest password) (so an over-long
   * password is reported, not silently cut).
   */
  static byte[] read(InputStream in) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    byte[] chunk = new byte[1024];
    int limit = MAX_PASSWORD_BYTES + 1;
    int n;
    while (buffer.size() < limit
        && (n = in.read(chunk, 0, Math.min(chunk.length, limit - buffer.size()))) > 0) {
      buffer.write(chunk, 0, n);
    }
    Arrays.fill(chunk, (byte) 0);
    return buffer.toByteArray();
  }
}
