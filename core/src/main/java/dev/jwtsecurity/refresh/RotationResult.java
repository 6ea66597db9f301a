package dev.jwtsecurity.refresh;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@link RefreshTokenStore#rotate} did: exactly one concurrent caller gets {@link
 * Outcome#ROTATED}; the others learn why they lost.
 *
 * <pre>{@code
 * RotationResult r = store.rotate(lookupId, successor, now);
 * switch (r.outcome()) {
 *   case ROTATED -> ...;
 *   case ALREADY_SPENT -> graceOrReuse(r.spentAtOrNull(), r.successorLookupIdOrNull());
 *   case REVOKED, NOT_FOUND -> refuse();
 * }
 * }</pre>
 *
 * @param outcome what happened
 * @param spentAtOrNull for {@link Outcome#ALREADY_SPENT}: when the token was spent by the winner;
 *     otherwise {@code null}
 * @param successorLookupIdOrNull for {@link Outcome#ALREADY_SPENT}: the winner's successor;
 *     otherwise {@code null}
 */
public record RotationResult(
    Outcome outcome, Instant spentAtOrNull, String successorLookupIdOrNull) {

  private static final RotationResult ROTATED = new RotationResult(Outcome.ROTATED, null, null);
  private static final RotationResult REVOKED = new RotationResult(Outcome.REVOKED, null, null);
  private static final RotationResult NOT_FOUND = new RotationResult(Outcome.NOT_FOUND, null, null);

  /** The possible outcomes of a compare-and-set rotation. */
  public enum Outcome {
    /** This call spent the token and stored the successor. */
    ROTATED,
    /** The token had already been spent (by another call, now or earlier); nothing changed. */
    ALREADY_SPENT,
    /** The token's family is revoked; nothing changed. */
    REVOKED,
    /** No token has this lookup id (never issued, or purged); nothing changed. */
    NOT_FOUND
  }

  /**
   * Checks that spend time and successor are given exactly for {@link Outcome#ALREADY_SPENT}.
   *
   * @throws NullPointerException if {@code outcome} is {@code null}
   * @throws IllegalArgumentException if the details do not match the outcome
   */
  public RotationResult {
    Objects.requireNonNull(outcome, "outcome");
    boolean spent = outcome == Outcome.ALREADY_SPENT;
    if (spent != (spentAtOrNull != null) || spent != (successorLookupIdOrNull != null)) {
      throw new IllegalArgumentException(
          "spentAt and successorLookupId are given exactly for ALREADY_SPENT");
    }
  }

  /**
   * Returns the result of a won rotation.
   *
   * @return {@link Outcome#ROTATED}
   */
  public static RotationResult rotated() {
    return ROTATED;
  }

  /**
   * Returns the result for a token that was already spent.
   *
   * @param spentAt when it was spent
   * @param successorLookupId the lookup id of the token that replaced it
   * @return {@link Outcome#ALREADY_SPENT}
   */
  public static RotationResult alreadySpent(Instant spentAt, String successorLookupId) {
    return new RotationResult(
        Outcome.ALREADY_SPENT,
        Objects.requireNonNull(spentAt, "spentAt"),
        Objects.requireNonNull(successorLookupId, "successorLookupId"));
  }

  /**
   * Returns the result for a token whose family is revoked.
   *
   * @return {@link Outcome#REVOKED}
   */
  public static RotationResult revoked() {
    return REVOKED;
  }

  /**
   * Returns the result for an unknown lookup id.
   *
   * @return {@link Outcome#NOT_FOUND}
   */
  public static RotationResult notFound() {
    return NOT_FOUND;
  }
}
