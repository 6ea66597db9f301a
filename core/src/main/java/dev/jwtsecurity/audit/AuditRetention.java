package dev.jwtsecurity.audit;

import dev.jwtsecurity.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long audit records are kept (default {@value #DEFAULT_DAYS} days), and the purge the
 * application schedules. Guide: "Implement retention policies for security logs".
 *
 * <pre>{@code
 * AuditRetention retention = AuditRetention.builder().maxAge(Duration.ofDays(180)).build();
 * scheduler.scheduleAtFixedRate(() -> retention.purge(trail), 1, 24, TimeUnit.HOURS);
 * }</pre>
 *
 * <p>A record is purged when it is <em>older</em> than the maximum age: its time is strictly before
 * {@code now - maxAge}. A record exactly {@code maxAge} old is kept until the next purge.
 *
 * <h2>Security considerations</h2>
 *
 * <p>Nothing purges on its own: the library starts no threads. Schedule {@link #purge(AuditTrail)}
 * (daily is enough), and choose the maximum age your regulator or incident-response process needs;
 * too short a retention destroys the evidence an investigation needs.
 */
public final class AuditRetention {

  /** The default maximum age, in days. */
  public static final int DEFAULT_DAYS = 90;

  /**
   * The shortest maximum age accepted: shorter would make the trail useless for incident response.
   */
  public static final Duration MIN_MAX_AGE = Duration.ofDays(1);

  private final Duration maxAge;
  private final Clock clock;

  private AuditRetention(Duration maxAge, Clock clock) {
    this.maxAge = maxAge;
    this.clock = clock;
  }

  /**
   * Returns the default policy: {@value #DEFAULT_DAYS} days on the system UTC clock.
   *
   * @return the default retention
   */
  public static AuditRetention defaults() {
    return builder().build();
  }

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns how long records are kept.
   *
   * @return the maximum age
   */
  public Duration maxAge() {
    return maxAge;
  }

  /**
   * Returns the instant before which records are purged now.
   *
   * @return {@code clock.instant() - maxAge}
   */
  public Instant cutoff() {
    return clock.instant().minus(maxAge);
  }

  /**
   * Deletes every record of {@code trail} older than the maximum age.
   *
   * @param trail the trail
   * @return how many records were deleted
   * @throws NullPointerException if {@code trail} is {@code null}
   * @throws StoreUnavailableException if the trail could not delete
   */
  public long purge(AuditTrail trail) {
    Objects.requireNonNull(trail, "trail");
    return trail.purgeOlderThan(cutoff());
  }

  @Override
  public String toString() {
    return "AuditRetention[maxAge=" + maxAge + "]";
  }

  /** Builds an {@link AuditRetention}. Not thread-safe. */
  public static final class Builder {
    private Duration maxAge = Duration.ofDays(DEFAULT_DAYS);
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets how long records are kept; default {@value #DEFAULT_DAYS} days.
     *
     * @param maxAge the maximum age, at least {@link #MIN_MAX_AGE}
     * @return this builder
     * @throws NullPointerException if {@code maxAge} is {@code null}
     * @throws IllegalArgumentException if {@code maxAge} is shorter than one day
     */
    public Builder maxAge(Duration maxAge) {
      Objects.requireNonNull(maxAge, "maxAge");
      if (maxAge.compareTo(MIN_MAX_AGE) < 0) {
        throw new IllegalArgumentException(
            "maxAge must be at least one day (audit records are evidence); was " + maxAge);
      }
      this.maxAge = maxAge;
      return this;
    }

    /**
     * Sets the clock; default the system UTC clock.
     *
     * @param clock the clock
     * @return this builder
     * @throws NullPointerException if {@code clock} is {@code null}
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Returns the policy.
     *
     * @return an immutable, thread-safe policy
     */
    public AuditRetention build() {
      return new AuditRetention(maxAge, clock);
    }
  }
}
