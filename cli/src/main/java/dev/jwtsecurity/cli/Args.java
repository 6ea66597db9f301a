package dev.jwtsecurity.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small strict option parser: {@code --name value}, repeatable options, flags, and positionals.
 */
final class Args {
  private final Map<String, List<String>> values = new HashMap<>();
  private final List<String> positionals = new ArrayList<>();

  private Args() {}

  static Args parse(List<String> args, Set<String> withValue, Set<String> flags)
      throws UsageException {
    Args a = new Args();
    boolean onlyPositionals = false;
    for (int i = 0; i < args.size(); i++) {
      String s = args.get(i);
      if (onlyPositionals || !s.startsWith("--")) {
        a.positionals.add(s);
      } else if (s.equals("--")) {
        onlyPositionals = true;
      } else if (withValue.contains(s)) {
        if (i + 1 >= args.size()) {
          throw new UsageException(s + " needs a value");
        }
        a.values.computeIfAbsent(s, k -> new ArrayList<>()).add(args.get(++i));
      } else if (flags.contains(s)) {
        a.values.computeIfAbsent(s, k -> new ArrayList<>()).add("");
      } else {
        throw new UsageException("unknown option " + dev.jwtsecurity.internal.LogSafe.clean(s, 40));
      }
    }
    return a;
  }

  String optional(String name) throws UsageException {
    List<String> v = values.get(name);
    if (v == null) {
      return null;
    }
    if (v.size() > 1) {
      throw new UsageException(name + " may be given once");
    }
    return v.get(0);
  }

  String required(String name) throws UsageException {
    String v = optional(name);
    if (v == null) {
      throw new UsageException(name + " is required");
    }
    return v;
  }

  List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  boolean flag(String name) {
    return values.containsKey(name);
  }

  List<String> positionals() {
    return positionals;
  }
}
