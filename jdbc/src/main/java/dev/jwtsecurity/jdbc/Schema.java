package dev.jwtsecurity.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shipped schema file, as statements for one table prefix. */
final class Schema {

  /**
   * The resource every version of the schema is read from; the same file users apply with their
   * migration tool.
   */
  static final String V1 = "/db/jwt-security/V1__jwt_security_schema.sql";

  // Every identifier of ours in the file starts with the default prefix at a word boundary.
  private static final Pattern DEFAULT_PREFIX = Pattern.compile("\\b" + Tables.DEFAULT_PREFIX);

  private Schema() {}

  /**
   * Returns the statements of the schema file, with the default prefix replaced by {@code
   * tables.prefix}.
   */
  static List<String> statements(Tables tables) {
    String text;
    try (InputStream in = Schema.class.getResourceAsStream(V1)) {
      if (in == null) {
        throw new IllegalStateException(
            "schema resource " + V1 + " is missing from the jwt-security-jdbc jar");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema resource " + V1, e);
    }
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.lines().toList()) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String sql = current.toString().strip();
        statements.add(sql.substring(0, sql.length() - 1));
        current.setLength(0);
      }
    }
    List<String> out = new ArrayList<>(statements.size());
    for (String sql : statements) {
      // The prefix matched Tables.PREFIX: safe as a replacement and as an identifier.
      out.add(DEFAULT_PREFIX.matcher(sql).replaceAll(Matcher.quoteReplacement(tables.prefix)));
    }
    return List.copyOf(out);
  }
}
