package dev.jwtsecurity.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * UTF-8 encoding of secret characters (passwords, secrets compared in constant time) without an
 * intermediate {@link String}, so the only copies are arrays the caller can wipe. <strong>Not
 * API</strong>: shared by the jwt-security packages, may change without notice.
 */
public final class SecretChars {

  private SecretChars() {}

  /**
   * Encodes {@code value} as UTF-8 exactly as {@link String#getBytes} would (unpaired surrogates
   * become {@code ?}), for compatibility with every other implementation that hashes {@code
   * password.getBytes(UTF_8)}. The work buffer is wiped before returning.
   *
   * @param value the characters
   * @return a new array the caller owns and should wipe after use
   */
  public static byte[] utf8(CharSequence value) {
    CharsetEncoder encoder =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    byte[] work = new byte[Math.multiplyExact(value.length(), 3)];
    ByteBuffer buffer = ByteBuffer.wrap(work);
    CoderResult result = encoder.encode(CharBuffer.wrap(value), buffer, true);
    if (!result.isUnderflow() || !encoder.flush(buffer).isUnderflow()) {
      throw new IllegalStateException("UTF-8 needs at most 3 bytes per char");
    }
    byte[] out = Arrays.copyOf(work, buffer.position());
    Arrays.fill(work, (byte) 0);
    return out;
  }

  /**
   * Decodes strict UTF-8 into a new array the caller wipes, without an intermediate {@link String}:
   * for a password read as bytes (from stdin or a file) that is then passed as {@code
   * CharBuffer.wrap(chars)}.
   *
   * @param bytes the UTF-8 bytes; not modified
   * @return the characters
   * @throws IllegalArgumentException if {@code bytes} is not well-formed UTF-8
   */
  public static char[] decodeUtf8(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    char[] work = new char[bytes.length];
    CharBuffer out = CharBuffer.wrap(work);
    CoderResult result = decoder.decode(ByteBuffer.wrap(bytes), out, true);
    if (result.isUnderflow()) {
      result = decoder.flush(out);
    }
    if (!result.isUnderflow()) {
      Arrays.fill(work, '\0');
      throw new IllegalArgumentException("the bytes are not well-formed UTF-8");
    }
    char[] chars = Arrays.copyOf(work, out.position());
    Arrays.fill(work, '\0');
    return chars;
  }
}
