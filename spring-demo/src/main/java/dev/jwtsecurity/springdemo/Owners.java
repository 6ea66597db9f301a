package dev.jwtsecurity.springdemo;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.access.Authentication;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who owns a todo: the authenticated caller as an owner id, as in the Jetty demo. A token of the
 * demo's own login names the user by its {@code users.id} (positive); a token of the identity
 * provider of {@code JWT_ISSUER_URI} names its subject by {@code (iss, sub)}, which gets an id of
 * its own (negative) at its first request. The pair, not {@code sub} alone, is the owner: a
 * provider's subject "7" is never the demo's user 7.
 */
@Repository
class Owners {

  /** Longer subjects are refused (the same 404 as everything else) rather than truncated. */
  static final int MAX_SUBJECT_LENGTH = 255;

  private final JdbcClient jdbc;
  private final Set<String> providers;

  Owners(JdbcClient jdbc, JwtSecurity security) {
    this.jdbc = jdbc;
    // The library refuses a provider whose issuer is the demo's own, so an iss names one of the
    // two.
    this.providers =
        security.settings().trustedIssuer().map(t -> Set.of(t.issuer())).orElse(Set.of());
  }

  /** The caller's owner id, or empty when it cannot own todos (a malformed id). */
  Optional<Long> of(Authentication auth) {
    String issuer = auth.token().issuer().orElse(null);
    if (issuer == null || !providers.contains(issuer)) {
      return Todos.parseId(auth.user().userId());
    }
    String subject = auth.user().userId();
    if (subject.isEmpty() || subject.length() > MAX_SUBJECT_LENGTH) {
      return Optional.empty();
    }
    return Optional.of(provision(issuer, subject));
  }

  /**
   * The id of {@code (issuer, subject)}, created at the first request. Two first requests at once
   * both end with the one row: the unique key refuses the second insert, which then reads the row.
   */
  private long provision(String issuer, String subject) {
    Optional<Long> found = find(issuer, subject);
    if (found.isPresent()) {
      return found.get();
    }
    try {
      jdbc.sql("INSERT INTO external_subjects (issuer, subject) VALUES (?, ?)")
          .params(issuer, subject)
          .update();
    } catch (DuplicateKeyException e) {
      // A concurrent first request inserted it: read theirs below.
    }
    return find(issuer, subject)
        .orElseThrow(() -> new IllegalStateException("external subject not provisioned"));
  }

  private Optional<Long> find(String issuer, String subject) {
    return jdbc.sql("SELECT id FROM external_subjects WHERE issuer = ? AND subject = ?")
        .params(issuer, subject)
        .query(Long.class)
        .optional();
  }
}
