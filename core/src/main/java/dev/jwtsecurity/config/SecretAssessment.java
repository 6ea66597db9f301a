package dev.jwtsecurity.config;

import java.util.List;
import java.util.Objects;

/**
 * The verdict of {@link SecretPolicy#assess} on a secret: whether start-up would accept it, its
 * estimated entropy, and why not. Nothing here contains or reveals the secret.
 *
 * @param accepted whether {@link JwtSettings} would accept the secret for the algorithm
 * @param estimatedEntropyBits the estimator's conservative entropy estimate, in bits
 * @param problems why the secret is refused, in plain words with a fix; empty when accepted
 */
record SecretAssessment(boolean accepted, int estimatedEntropyBits, List<String> problems) {

  SecretAssessment {
    problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
    if (accepted != problems.isEmpty()) {
      throw new IllegalArgumentException(
          "an assessment is accepted exactly when it lists no problems");
    }
  }
}
