package dev.jwtsecurity.login;

import java.util.Objects;

/**
 * A username the username profile refuses, with the reason. The message is fixed per reason and
 * never contains the name, so it is safe to show to the person who typed it and to log.
 *
 * <pre>{@code
 * try {
 *   Username name = Username.of(form.username());
 * } catch (InvalidUsernameException e) {
 *   return badRequest(e.getMessage());          // "the username contains a character that is not allowed"
 * }
 * }</pre>
 */
public final class InvalidUsernameException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why a name was refused. */
  public enum Reason {
    /** Nothing is left once surrounding white space is removed. */
    EMPTY("the username is empty"),
    /** Longer than {@value Username#MAX_CODE_POINTS} code points once normalised. */
    TOO_LONG("the username is longer than " + Username.MAX_CODE_POINTS + " characters"),
    /**
     * A character the profile does not allow in identifiers: spaces, symbols, punctuation beyond
     * printable ASCII, compatibility forms (ligatures such as {@code ﬁ}, the long s {@code ſ},
     * circled or superscript letters), invisible and control characters, join controls.
     */
    DISALLOWED_CHARACTER("the username contains a character that is not allowed"),
    /** A code point not assigned in the Unicode version of the running Java. */
    UNASSIGNED_CHARACTER("the username contains an unassigned character"),
    /**
     * A character allowed only in some context is out of it (a middle dot not between two {@code
     * l}, mixed Arabic-Indic digit sets, ...).
     */
    CONTEXT_RULE("the username uses a character outside the context it is allowed in"),
    /** Mixes right-to-left and left-to-right text in a way that can display ambiguously. */
    DIRECTIONALITY("the username mixes text directions ambiguously"),
    /** Normalising the name does not reach a stable result. */
    UNSTABLE("the username cannot be normalised"),
    /**
     * Looks like a name that is already registered (the same confusable skeleton): refused at
     * registration only.
     */
    CONFUSABLE("the username is taken or too similar to a registered one");

    private final String message;

    Reason(String message) {
      this.message = message;
    }

    /**
     * Returns the fixed explanation of this reason, safe to show and to log.
     *
     * @return the explanation
     */
    public String message() {
      return message;
    }
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason why the name was refused
   * @throws NullPointerException if {@code reason} is {@code null}
   */
  public InvalidUsernameException(Reason reason) {
    super(Objects.requireNonNull(reason, "reason").message(), null, false, false);
    this.reason = reason;
  }

  /**
   * Returns why the name was refused.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
