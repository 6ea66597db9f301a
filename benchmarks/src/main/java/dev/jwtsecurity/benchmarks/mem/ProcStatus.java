package dev.jwtsecurity.benchmarks.mem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads this process's resident memory from {@code /proc/self/status} (Linux). */
final class ProcStatus {
  private ProcStatus() {}

  /**
   * The value of a {@code kB} line such as {@code VmRSS} or {@code VmHWM}, in bytes; -1 if
   * unavailable.
   */
  static long bytes(String field) {
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
        if (line.startsWith(field + ":")) {
          String v = line.substring(field.length() + 1).trim();
          int sp = v.indexOf(' ');
          return Long.parseLong(sp < 0 ? v : v.substring(0, sp)) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** Resets VmHWM to the current RSS (Linux 4.0+: "5" to clear_refs); returns whether it worked. */
  static boolean resetPeak() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5", StandardCharsets.US_ASCII);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
