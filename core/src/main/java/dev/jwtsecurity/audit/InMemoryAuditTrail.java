package dev.jwtsecurity.audit;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The {@link AuditTrail} of {@link AuditTrail#inMemory}: bounded, evicting the oldest appended
 * record when full and counting evictions.
 */
final class InMemoryAuditTrail implements AuditTrail {

  /** The default capacity, in records. */
  static final int DEFAULT_MAX_RECORDS = 100_000;

  /** The largest capacity accepted. */
  static final int MAX_MAX_RECORDS = 10_000_000;

  private static final Comparator<AuditRecord> BY_TIME = Comparator.comparing(AuditRecord::time);

  private final int maxRecords;
  private final Object lock = new Object();
  private final ArrayDeque<AuditRecord> records = new ArrayDeque<>();
  private long evicted;

  private InMemoryAuditTrail(int maxRecords) {
    this.maxRecords = maxRecords;
  }

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  static Builder builder() {
    return new Builder();
  }

  @Override
  public void append(AuditRecord record) {
    Objects.requireNonNull(record, "record");
    synchronized (lock) {
      if (records.size() == maxRecords) {
        records.removeFirst();
        evicted++;
      }
      records.addLast(record);
    }
  }

  @Override
  public List<AuditRecord> query(AuditQuery query) {
    Objects.requireNonNull(query, "query");
    List<AuditRecord> found = new ArrayList<>();
    synchronized (lock) {
      for (AuditRecord r : records) {
        if (query.matches(r)) {
          found.add(r);
        }
      }
    }
    // List.sort is stable: records with equal times stay in insertion order.
    found.sort(BY_TIME);
    return List.copyOf(found.subList(0, Math.min(found.size(), query.limit())));
  }

  @Override
  public long purgeOlderThan(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    synchronized (lock) {
      int before = records.size();
      records.removeIf(r -> r.time().isBefore(cutoff));
      return (long) before - records.size();
    }
  }

  /**
   * Returns how many records are held.
   *
   * @return the record count
   */
  int size() {
    synchronized (lock) {
      return records.size();
    }
  }

  /**
   * Returns how many records were evicted because the trail was full.
   *
   * @return the eviction count since creation
   */
  long evictedCount() {
    synchronized (lock) {
      return evicted;
    }
  }

  /** Builds an {@link InMemoryAuditTrail}. Not thread-safe. */
  static final class Builder {
    private int maxRecords = DEFAULT_MAX_RECORDS;

    private Builder() {}

    /**
     * Sets the capacity; default {@value #DEFAULT_MAX_RECORDS}.
     *
     * @param maxRecords the most records kept, 1 to {@value #MAX_MAX_RECORDS}
     * @return this builder
     * @throws IllegalArgumentException if {@code maxRecords} is out of range
     */
    Builder maxRecords(int maxRecords) {
      if (maxRecords < 1 || maxRecords > MAX_MAX_RECORDS) {
        throw new IllegalArgumentException(
            "maxRecords must be between 1 and " + MAX_MAX_RECORDS + ", was " + maxRecords);
      }
      this.maxRecords = maxRecords;
      return this;
    }

    /**
     * Returns the trail.
     *
     * @return an empty, thread-safe trail
     */
    InMemoryAuditTrail build() {
      return new InMemoryAuditTrail(maxRecords);
    }
  }
}
