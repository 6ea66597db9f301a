package dev.jwtsecurity.password;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Returns the freed Argon2 block to the operating system after each native computation. Not API.
 *
 * <p>argon2-jvm frees its buffers after every call (the reference {@code argon2_hash} frees its m
 * KiB block before returning), but glibc keeps a freed block cached in the malloc arena it came
 * from: in the main arena above the trim threshold and, in a thread arena, as long as it is not at
 * the top of that arena's heap. Each arena then holds on to its own peak, and the sum of those
 * peaks exceeds the memory budget even with the computations bounded to N threads. {@code
 * malloc_trim(0)} (glibc 2.8 and later: every arena, every free page) hands those pages back at
 * once, so the resident set stays near "computations running now x m". It costs one {@code madvise}
 * over the freed block, small against the Argon2 computation itself. Elsewhere than glibc/Linux it
 * does nothing.
 */
final class NativeMemory {

  private interface CLibrary extends Library {
    int malloc_trim(long pad);
  }

  private static final CLibrary LIBC = load();

  private NativeMemory() {}

  private static CLibrary load() {
    if (!Platform.isLinux()) {
      return null;
    }
    try {
      CLibrary c = Native.load("c", CLibrary.class);
      c.malloc_trim(0); // fails here, not on the hot path, if the symbol is missing (musl)
      return c;
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      return null; // no glibc: nothing to trim, the computation is unaffected
    }
  }

  /** Releases free malloc memory to the OS; never throws. */
  static void trim() {
    if (LIBC != null) {
      try {
        LIBC.malloc_trim(0);
      } catch (UnsatisfiedLinkError | RuntimeException e) {
        // Best effort only: memory hygiene must never fail a login.
      }
    }
  }
}
