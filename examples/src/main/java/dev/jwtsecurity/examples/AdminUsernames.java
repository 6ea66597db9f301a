package dev.jwtsecurity.examples;

import dev.jwtsecurity.login.UserCredentialsLookup;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code ADMIN_USERNAMES}: the users whose access tokens carry the role {@code admin}, by name,
 * comma-separated. Names are normalised the way logins are, so {@code Alice} names {@code alice}.
 */
final class AdminUsernames {

  /** The environment variable. */
  static final String VARIABLE = "ADMIN_USERNAMES";

  private AdminUsernames() {}

  /**
   * Parses the variable; unset or empty means no admin.
   *
   * @throws IllegalArgumentException if an entry is not a user name, naming its position only
   */
  static Set<String> parse(String value) {
    Set<String> names = new LinkedHashSet<>();
    if (value == null || value.isBlank()) {
      return Set.of();
    }
    String[] entries = value.split(",", -1);
    for (int i = 0; i < entries.length; i++) {
      int position = i + 1;
      String name =
          UserCredentialsLookup.normalizeUsername(entries[i])
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          VARIABLE + ": entry " + position + " is not a user name"));
      names.add(name);
    }
    return Set.copyOf(names);
  }
}
