package dev.jwtsecurity.password;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key-derivation functions of the hashes this library verifies for migration: PBKDF2 (RFC 8018
 * §5.2) and scrypt (RFC 7914). Verification only. Not API.
 */
final class LegacyKdf {
  private LegacyKdf() {}

  /**
   * PBKDF2 over exact password bytes. The JDK's {@code SecretKeyFactory} takes a {@code char[]} and
   * so could not verify a {@code byte[]} password that is not UTF-8; HMAC through {@link Mac} gives
   * the same result for UTF-8 and accepts any bytes.
   */
  static byte[] pbkdf2(
      SpringPbkdf2.Prf prf, byte[] password, byte[] salt, int iterations, int length) {
    try {
      Mac mac = Mac.getInstance(prf.jcaName());
      // The JCA keeps its own copy of the key inside the Mac; it is dropped with it. SecretKeySpec
      // refuses an empty key, but HMAC pads every key with zeros to the block size, so the empty
      // key and one zero byte are the same key (RFC 2104 §2).
      byte[] key = password.length == 0 ? new byte[1] : password;
      mac.init(new SecretKeySpec(key, prf.jcaName()));
      int hLen = mac.getMacLength();
      byte[] out = new byte[length];
      byte[] u = new byte[hLen];
      byte[] t = new byte[hLen];
      int blocks = (length + hLen - 1) / hLen;
      for (int block = 1; block <= blocks; block++) {
        mac.update(salt);
        mac.update((byte) (block >>> 24));
        mac.update((byte) (block >>> 16));
        mac.update((byte) (block >>> 8));
        mac.update((byte) block);
        mac.doFinal(u, 0);
        System.arraycopy(u, 0, t, 0, hLen);
        for (int i = 1; i < iterations; i++) {
          mac.update(u);
          mac.doFinal(u, 0);
          for (int k = 0; k < hLen; k++) {
            t[k] ^= u[k];
          }
        }
        int offset = (block - 1) * hLen;
        System.arraycopy(t, 0, out, offset, Math.min(hLen, length - offset));
      }
      Arrays.fill(u, (byte) 0);
      Arrays.fill(t, (byte) 0);
      return out;
    } catch (InvalidKeyException | ShortBufferException e) {
      throw new IllegalStateException("HMAC refused a password as key", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(prf.jcaName() + " is missing from this JDK", e);
    }
  }

  /**
   * scrypt (RFC 7914 §6): {@code B = PBKDF2-HMAC-SHA256(P, S, 1, p*128*r)}, ROMix on each of the p
   * blocks, then {@code PBKDF2-HMAC-SHA256(P, B, 1, dkLen)}. Uses {@code 128 * N * r} bytes of
   * heap.
   */
  static byte[] scrypt(byte[] password, byte[] salt, int n, int r, int p, int length) {
    int blockBytes = 128 * r;
    byte[] b = pbkdf2(SpringPbkdf2.Prf.HMAC_SHA256, password, salt, 1, p * blockBytes);
    int words = 32 * r;
    int[] x = new int[words];
    int[] v = new int[words * n];
    int[] scratch = new int[words];
    int[] t = new int[16];
    try {
      for (int i = 0; i < p; i++) {
        int off = i * blockBytes;
        for (int k = 0; k < words; k++) {
          x[k] = littleEndian(b, off + 4 * k);
        }
        roMix(x, v, scratch, t, n, r);
        for (int k = 0; k < words; k++) {
          int w = x[k];
          b[off + 4 * k] = (byte) w;
          b[off + 4 * k + 1] = (byte) (w >>> 8);
          b[off + 4 * k + 2] = (byte) (w >>> 16);
          b[off + 4 * k + 3] = (byte) (w >>> 24);
        }
      }
      return pbkdf2(SpringPbkdf2.Prf.HMAC_SHA256, password, b, 1, length);
    } finally {
      Arrays.fill(b, (byte) 0);
      Arrays.fill(x, 0);
      Arrays.fill(v, 0);
      Arrays.fill(scratch, 0);
      Arrays.fill(t, 0);
    }
  }

  private static int littleEndian(byte[] b, int i) {
    return (b[i] & 0xff)
        | (b[i + 1] & 0xff) << 8
        | (b[i + 2] & 0xff) << 16
        | (b[i + 3] & 0xff) << 24;
  }

  /** RFC 7914 §5: X = ROMix_r(X, N), with V the N blocks. */
  private static void roMix(int[] x, int[] v, int[] scratch, int[] t, int n, int r) {
    int words = 32 * r;
    for (int i = 0; i < n; i++) {
      System.arraycopy(x, 0, v, i * words, words);
      blockMix(x, scratch, t, r);
    }
    for (int i = 0; i < n; i++) {
      // Integerify: the first word of the last 64-byte chunk; N is a power of two.
      int j = x[(2 * r - 1) * 16] & (n - 1);
      int base = j * words;
      for (int k = 0; k < words; k++) {
        x[k] ^= v[base + k];
      }
      blockMix(x, scratch, t, r);
    }
  }

  /** RFC 7914 §4: BlockMix with Salsa20/8; even chunks first, then odd ones. */
  private static void blockMix(int[] b, int[] y, int[] t, int r) {
    System.arraycopy(b, (2 * r - 1) * 16, t, 0, 16);
    for (int i = 0; i < 2 * r; i++) {
      for (int k = 0; k < 16; k++) {
        t[k] ^= b[i * 16 + k];
      }
      salsa20x8(t);
      int dest = (i % 2 == 0 ? i / 2 : r + i / 2) * 16;
      System.arraycopy(t, 0, y, dest, 16);
    }
    System.arraycopy(y, 0, b, 0, 32 * r);
  }

  /** RFC 7914 §3: Salsa20/8 core, in place. */
  private static void salsa20x8(int[] b) {
    int x0 = b[0];
    int x1 = b[1];
    int x2 = b[2];
    int x3 = b[3];
    int x4 = b[4];
    int x5 = b[5];
    int x6 = b[6];
    int x7 = b[7];
    int x8 = b[8];
    int x9 = b[9];
    int x10 = b[10];
    int x11 = b[11];
    int x12 = b[12];
    int x13 = b[13];
    int x14 = b[14];
    int x15 = b[15];
    for (int i = 0; i < 8; i += 2) {
      x4 ^= Integer.rotateLeft(x0 + x12, 7);
      x8 ^= Integer.rotateLeft(x4 + x0, 9);
      x12 ^= Integer.rotateLeft(x8 + x4, 13);
      x0 ^= Integer.rotateLeft(x12 + x8, 18);
      x9 ^= Integer.rotateLeft(x5 + x1, 7);
      x13 ^= Integer.rotateLeft(x9 + x5, 9);
      x1 ^= Integer.rotateLeft(x13 + x9, 13);
      x5 ^= Integer.rotateLeft(x1 + x13, 18);
      x14 ^= Integer.rotateLeft(x10 + x6, 7);
      x2 ^= Integer.rotateLeft(x14 + x10, 9);
      x6 ^= Integer.rotateLeft(x2 + x14, 13);
      x10 ^= Integer.rotateLeft(x6 + x2, 18);
      x3 ^= Integer.rotateLeft(x15 + x11, 7);
      x7 ^= Integer.rotateLeft(x3 + x15, 9);
      x11 ^= Integer.rotateLeft(x7 + x3, 13);
      x15 ^= Integer.rotateLeft(x11 + x7, 18);
      x1 ^= Integer.rotateLeft(x0 + x3, 7);
      x2 ^= Integer.rotateLeft(x1 + x0, 9);
      x3 ^= Integer.rotateLeft(x2 + x1, 13);
      x0 ^= Integer.rotateLeft(x3 + x2, 18);
      x6 ^= Integer.rotateLeft(x5 + x4, 7);
      x7 ^= Integer.rotateLeft(x6 + x5, 9);
      x4 ^= Integer.rotateLeft(x7 + x6, 13);
      x5 ^= Integer.rotateLeft(x4 + x7, 18);
      x11 ^= Integer.rotateLeft(x10 + x9, 7);
      x8 ^= Integer.rotateLeft(x11 + x10, 9);
      x9 ^= Integer.rotateLeft(x8 + x11, 13);
      x10 ^= Integer.rotateLeft(x9 + x8, 18);
      x12 ^= Integer.rotateLeft(x15 + x14, 7);
      x13 ^= Integer.rotateLeft(x12 + x15, 9);
      x14 ^= Integer.rotateLeft(x13 + x12, 13);
      x15 ^= Integer.rotateLeft(x14 + x13, 18);
    }
    b[0] += x0;
    b[1] += x1;
    b[2] += x2;
    b[3] += x3;
    b[4] += x4;
    b[5] += x5;
    b[6] += x6;
    b[7] += x7;
    b[8] += x8;
    b[9] += x9;
    b[10] += x10;
    b[11] += x11;
    b[12] += x12;
    b[13] += x13;
    b[14] += x14;
    b[15] += x15;
  }
}
