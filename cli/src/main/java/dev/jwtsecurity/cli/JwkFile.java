package dev.jwtsecurity.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a JWK or JWK Set file for the CLI, refusing unreadable or absurdly large files. */
final class JwkFile {
  private static final long MAX_BYTES = 1 << 20;

  private JwkFile() {}

  static String read(String file) throws UsageException {
    Path p = Path.of(file);
    try {
      if (Files.size(p) > MAX_BYTES) {
        throw new UsageException("the JWK file is larger than 1 MiB");
      }
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new UsageException("cannot read the JWK file");
    }
  }
}
