package dev.jwtsecurity.examples;

import dev.jwtsecurity.audit.AuditQuery;
import dev.jwtsecurity.audit.AuditRecord;
import dev.jwtsecurity.audit.AuditTrail;
import dev.jwtsecurity.internal.LogSafe;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's audit trail: the bounded {@link AuditTrail#inMemory(int)} (or, with {@code
 * DATABASE_URL}, the shared JDBC trail), and one readable console line per record so a person
 * running the demo can watch who did what from where.
 */
final class ConsoleAuditTrail implements AuditTrail {

  private static final Logger LOG = LoggerFactory.getLogger("demo.audit");

  private final AuditTrail trail;

  /** Keeps the records in memory (at most 100,000). */
  ConsoleAuditTrail() {
    this(AuditTrail.inMemory(100_000));
  }

  /** Keeps the records in {@code trail} (the shared database's). */
  ConsoleAuditTrail(AuditTrail trail) {
    this.trail = trail;
  }

  @Override
  public void append(AuditRecord r) {
    trail.append(r);
    // Every value through the library's field escaping: a quote in a User-Agent cannot close its
    // field and forge user= or action= after it.
    LOG.info(
        "user={} action={} resource={} outcome={} ip={} ua={} request={}",
        LogSafe.field(r.userId()),
        LogSafe.field(r.action()),
        LogSafe.field(
            (r.resourceType() == null ? "-" : r.resourceType())
                + "/"
                + (r.resourceId() == null ? "-" : r.resourceId())),
        r.outcome(),
        LogSafe.field(r.request().clientAddress()),
        LogSafe.field(r.request().userAgent(), 80),
        LogSafe.field(r.request().requestId()));
  }

  @Override
  public List<AuditRecord> query(AuditQuery query) {
    return trail.query(query);
  }

  @Override
  public long purgeOlderThan(Instant cutoff) {
    return trail.purgeOlderThan(cutoff);
  }
}
