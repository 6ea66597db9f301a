package dev.jwtsecurity.benchmarks.mem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a flat JSON object of strings, numbers and booleans (enough for the report; no escaping
 * beyond quotes).
 */
final class Json {
  private Json() {}

  static void write(Path file, Map<String, Object> values) throws IOException {
    StringBuilder sb = new StringBuilder("{\n");
    int i = 0;
    for (Map.Entry<String, Object> e : values.entrySet()) {
      sb.append("  \"").append(e.getKey()).append("\": ");
      Object v = e.getValue();
      if (v instanceof Number || v instanceof Boolean) {
        sb.append(v);
      } else {
        sb.append('"')
            .append(String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\""))
            .append('"');
      }
      sb.append(++i < values.size() ? ",\n" : "\n");
    }
    sb.append("}\n");
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    System.out.print(sb);
  }

  static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }
}
