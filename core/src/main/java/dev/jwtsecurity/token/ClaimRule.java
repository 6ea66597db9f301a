package dev.jwtsecurity.token;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A check of your own on the claims of a token whose signature and standard claims have already
 * been verified, with a name that becomes the refusal reason in the security event when the check
 * fails. For what the standard rules cannot know: the tenant of a multi-tenant provider, the client
 * the token was issued to, an assurance level.
 *
 * <pre>{@code
 * ClaimRule tenant = ClaimRule.requireValue("TENANT_NOT_ALLOWED", "tid", "72f988bf-86f1-41af-91ab-2d7cd011db47");
 * ClaimRule mfa = ClaimRule.of("MFA_REQUIRED", claims -> claims.get("amr") instanceof List<?> amr && amr.contains("mfa"));
 * TrustedIssuer idp = TrustedIssuer.builder(issuer).discoverKeys().audiences("my-api").claimRules(tenant, mfa).build();
 * }</pre>
 *
 * <p>The predicate sees the claims as JSON values: {@link String}, {@link Long}, {@link Double},
 * {@link Boolean}, {@code List<Object>}, {@code Map<String, Object>}, or a JSON-null marker whose
 * {@code toString()} is {@code "null"}; the map is unmodifiable.
 *
 * <h2>Security considerations</h2>
 *
 * <p>A rule runs only after every built-in check has passed, so it never sees a forged or expired
 * token. A predicate that throws counts as a refusal (fail closed). Rules are allow-rules: return
 * {@code true} to accept. Rule names are upper-case words so that they read like the built-in
 * reasons in the log; a name that is a built-in reason is refused, so a log line is never
 * ambiguous.
 */
public final class ClaimRule {

  private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

  private final String name;
  private final Predicate<Map<String, Object>> test;

  private ClaimRule(String name, Predicate<Map<String, Object>> test) {
    this.name = checkName(name);
    this.test = Objects.requireNonNull(test, "test");
  }

  /**
   * Returns a rule that accepts a token when {@code test} returns {@code true} for its claims.
   *
   * @param name the refusal reason: 1-64 characters of {@code A-Z 0-9 _}, starting with a letter,
   *     not the name of an {@link InvalidTokenException.Reason}
   * @param test the check; must be thread-safe and fast, and should not block
   * @return the rule
   * @throws IllegalArgumentException if the name is malformed or a built-in reason
   */
  public static ClaimRule of(String name, Predicate<Map<String, Object>> test) {
    return new ClaimRule(name, test);
  }

  /**
   * Returns a rule that accepts a token whose top-level claim {@code claim} is a string equal to
   * one of {@code accepted}.
   *
   * @param name the refusal reason, as for {@link #of}
   * @param claim the claim name, such as {@code tid} or {@code azp}
   * @param accepted the accepted values; at least one
   * @return the rule
   * @throws IllegalArgumentException if the name is malformed, the claim blank, or no value given
   */
  public static ClaimRule requireValue(String name, String claim, String... accepted) {
    Objects.requireNonNull(claim, "claim");
    if (claim.isBlank()) {
      throw new IllegalArgumentException("the claim name must not be blank");
    }
    if (accepted.length == 0) {
      throw new IllegalArgumentException("name at least one accepted value");
    }
    Set<String> values = Set.copyOf(List.of(accepted));
    return new ClaimRule(
        name, claims -> claims.get(claim) instanceof String s && values.contains(s));
  }

  /**
   * Returns the rule's name: the reason a refusal reports.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /** Throws the rule's refusal unless the claims pass; a throwing predicate refuses. */
  void check(Map<String, Object> claims) throws InvalidTokenException {
    boolean ok;
    try {
      ok = test.test(claims);
    } catch (RuntimeException e) {
      ok = false; // fail closed: a rule that cannot decide does not accept
    }
    if (!ok) {
      throw new InvalidTokenException(name);
    }
  }

  /** Runs every rule in order; the first that fails refuses. */
  static void checkAll(List<ClaimRule> rules, Map<String, Object> claims)
      throws InvalidTokenException {
    for (int i = 0; i < rules.size(); i++) {
      rules.get(i).check(claims);
    }
  }

  private static String checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a claim rule's name is 1-64 characters of A-Z 0-9 _ starting with a letter, such as"
              + " TENANT_NOT_ALLOWED: it is the refusal reason in the security log");
    }
    for (InvalidTokenException.Reason r : InvalidTokenException.Reason.values()) {
      if (r.name().equals(name)) {
        throw new IllegalArgumentException(
            name + " is a built-in refusal reason; name the rule after what it checks");
      }
    }
    return name;
  }

  @Override
  public String toString() {
    return "ClaimRule[" + name + "]";
  }
}
