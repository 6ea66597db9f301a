package dev.jwtsecurity.access;

/**
 * The requested resource does not exist <em>for this user</em>: either it does not exist at all, or
 * it belongs to someone else. The two cases are deliberately the same exception with the same
 * message, so an answer built from it cannot tell them apart: a 403 would confirm that the resource
 * exists, and let a caller enumerate other users' ids. The servlet adapter answers it with the
 * application's one 404.
 *
 * <pre>{@code
 * Document doc = ownership.requireOwned(user, "document", id, documents.findById(id), Document::ownerId, ctx);
 * // or, for a genuinely missing resource found some other way:
 * throw new ResourceNotFoundException();
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <p>The message is always {@value #MESSAGE}; the exception carries no resource type, id or owner,
 * and no stack trace (so nothing about where it was thrown can leak either). Throw it for your own
 * genuine not-found cases too: then a "not yours" answer is identical to a "missing" answer by
 * construction. Unchecked, so it crosses service layers to the web adapter without widening every
 * signature.
 */
public final class ResourceNotFoundException extends RuntimeException {

  /** The one message every instance carries. */
  public static final String MESSAGE = "Resource not found";

  /** Creates the exception; every instance is indistinguishable from every other. */
  public ResourceNotFoundException() {
    super(MESSAGE, null, false, false);
  }
}
