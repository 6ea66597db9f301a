package dev.jwtsecurity.internal;

import java.util.HashSet;
import java.util.Set;

/**
 * Remembers which options of a builder were set, so that setting one twice fails at once instead of
 * the last call silently winning: two parts of a configuration must not disagree unnoticed.
 * <strong>Not API</strong>: see the package documentation. Not thread-safe, like the builders.
 *
 * <pre>{@code
 * public Builder clock(Clock clock) {
 *   Objects.requireNonNull(clock, "clock");
 *   once.mark("clock");        // after the argument checks: a refused value does not count
 *   this.clock = clock;
 *   return this;
 * }
 * }</pre>
 */
public final class SetOnce {

  private final Set<String> names = new HashSet<>();

  /** Creates an empty record of set options. */
  public SetOnce() {}

  /**
   * Records that option {@code name} is being set.
   *
   * @param name the option, as the builder method is called
   * @throws IllegalStateException if it was set before
   */
  public void mark(String name) {
    if (!names.add(name)) {
      throw new IllegalStateException(
          name
              + " was already set; set each option once, so two parts of a configuration cannot"
              + " silently disagree");
    }
  }

  /**
   * Returns whether option {@code name} was set.
   *
   * @param name the option
   * @return {@code true} if {@link #mark} was called for it
   */
  public boolean isSet(String name) {
    return names.contains(name);
  }
}
