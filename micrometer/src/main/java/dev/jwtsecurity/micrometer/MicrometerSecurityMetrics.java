package dev.jwtsecurity.micrometer;

import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.metrics.SecurityMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Records what jwt-security measures in a Micrometer {@link MeterRegistry}: give it to the front
 * door, and every piece the front door builds reports to it.
 *
 * <pre>{@code
 * MeterRegistry registry = ...;   // Spring Boot's, or new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)
 * JwtSecurity security = JwtSecurity.builder(JwtSettings.fromEnvironment(System.getenv()))
 *     .metrics(MicrometerSecurityMetrics.of(registry))
 *     .build();
 * }</pre>
 *
 * <p>The meters, as Prometheus shows them:
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>meter</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@code jwtsecurity_events_total}</td><td>{@code type}, {@code reason}</td>
 *       <td>security events by OWASP name ({@code authn_login_fail}, {@code authn_token_invalid},
 *       ...) and reason ({@code invalid_credentials}, {@code expired}, ..., {@code none})</td></tr>
 *   <tr><td>{@code jwtsecurity_token_validation_seconds}</td><td>{@code outcome}:
 *       {@code accepted}, {@code refused}</td>
 *       <td>access-token authentication: signature, claims, denylist and user status</td></tr>
 *   <tr><td>{@code jwtsecurity_password_hashing_seconds}</td><td>{@code outcome}:
 *       {@code completed}, {@code busy}</td>
 *       <td>one password-hash computation including its wait for a worker and memory budget</td></tr>
 *   <tr><td>{@code jwtsecurity_password_hashing_wait_seconds}</td><td>{@code outcome}</td>
 *       <td>the wait alone</td></tr>
 *   <tr><td>{@code jwtsecurity_password_hashing_compute_seconds}</td><td></td>
 *       <td>the computation alone</td></tr>
 *   <tr><td>{@code jwtsecurity_store_operations_seconds}</td><td>{@code store}, {@code operation},
 *       {@code outcome}: {@code success}, {@code failure}</td>
 *       <td>each refresh-token, throttle, denylist and audit-trail operation</td></tr>
 *   <tr><td>{@code jwtsecurity_password_hashes_active}, {@code ..._queued}</td><td></td>
 *       <td>hash computations running, and callers waiting for one</td></tr>
 *   <tr><td>{@code jwtsecurity_throttle_entries}, {@code jwtsecurity_denylist_entries}</td>
 *       <td></td><td>entries of the in-memory throttle and denylist (absent for shared stores)</td></tr>
 *   <tr><td>{@code jwtsecurity_keycache_requests_total}</td><td>{@code issuer}, {@code result}:
 *       {@code hit}, {@code miss}</td><td>an identity provider's key looked up in its cache</td></tr>
 *   <tr><td>{@code jwtsecurity_keycache_fetches_seconds}</td><td>{@code issuer}, {@code outcome}</td>
 *       <td>fetches of the provider's discovery document and JWK Set</td></tr>
 * </table>
 *
 * <p>Timers publish count, sum and maximum; percentiles and histograms are the registry's choice (a
 * {@code MeterFilter}, or Spring Boot's {@code management.metrics.distribution.*}). Durations are
 * read from the registry's clock. Meters are created when the front door is built (and, for events,
 * at an event type's first reason) and never on the request path.
 *
 * <h2>Security considerations</h2>
 *
 * <ul>
 *   <li>Tags carry only values the library controls: event types, reason enum names, store and
 *       operation names, configured issuers. Never a user id, client address, token or username:
 *       those would leak personal data into the metrics backend and let an attacker create
 *       unbounded series. An event type takes at most {@value #MAX_REASONS_PER_TYPE} distinct
 *       reasons; any further one is counted as {@code other}.
 *   <li>Counts of failed logins and refused tokens tell an attacker how an attack goes: expose the
 *       metrics endpoint to your monitoring system only, never on the public listener.
 *   <li>Two front doors on one registry share meters, and the gauges report the one built last (a
 *       rebuilt front door replaces its predecessor's): give each live front door its own tags with
 *       {@link #of(MeterRegistry, Iterable)}.
 * </ul>
 */
public final class MicrometerSecurityMetrics implements SecurityMetrics {

  /** The most distinct reasons counted per event type; beyond it, {@code other}. */
  public static final int MAX_REASONS_PER_TYPE = 64;

  static final String EVENTS = "jwtsecurity.events";
  static final String TOKEN_VALIDATION = "jwtsecurity.token.validation";
  static final String HASHING = "jwtsecurity.password.hashing";
  static final String HASHING_WAIT = "jwtsecurity.password.hashing.wait";
  static final String HASHING_COMPUTE = "jwtsecurity.password.hashing.compute";
  static final String STORE_OPERATIONS = "jwtsecurity.store.operations";
  static final String KEY_CACHE_REQUESTS = "jwtsecurity.keycache.requests";
  static final String KEY_CACHE_FETCHES = "jwtsecurity.keycache.fetches";

  private static final String NO_REASON = "none";
  private static final String OTHER_REASON = "other";

  private final MeterRegistry registry;
  private final Tags tags;
  private final Timer validationAccepted;
  private final Timer validationRefused;
  private final Timer hashingCompleted;
  private final Timer hashingBusy;
  private final Timer waitCompleted;
  private final Timer waitBusy;
  private final Timer compute;
  private final Map<StoreOperation, Timer> storeSuccess = new EnumMap<>(StoreOperation.class);
  private final Map<StoreOperation, Timer> storeFailure = new EnumMap<>(StoreOperation.class);
  private final Map<SecurityEventType, EventCounters> events =
      new EnumMap<>(SecurityEventType.class);

  private MicrometerSecurityMetrics(MeterRegistry registry, Tags tags) {
    this.registry = registry;
    this.tags = tags;
    this.validationAccepted = validation("accepted");
    this.validationRefused = validation("refused");
    this.hashingCompleted =
        hashing(HASHING, "completed", "A password-hash computation, wait included");
    this.hashingBusy = hashing(HASHING, "busy", "A password-hash computation, wait included");
    this.waitCompleted =
        hashing(HASHING_WAIT, "completed", "The wait for a password-hash worker and memory");
    this.waitBusy = hashing(HASHING_WAIT, "busy", "The wait for a password-hash worker and memory");
    this.compute =
        Timer.builder(HASHING_COMPUTE)
            .description("A password-hash computation once it runs")
            .tags(tags)
            .register(registry);
    for (StoreOperation op : StoreOperation.values()) {
      storeSuccess.put(op, store(op, "success"));
      storeFailure.put(op, store(op, "failure"));
    }
    for (SecurityEventType type : SecurityEventType.values()) {
      events.put(type, new EventCounters(type));
    }
  }

  /**
   * Returns metrics recorded in {@code registry}.
   *
   * @param registry the registry, for example Spring Boot's or a {@code PrometheusMeterRegistry}
   * @return the metrics, to pass to {@code JwtSecurity.Builder.metrics}
   * @throws NullPointerException if {@code registry} is {@code null}
   */
  public static MicrometerSecurityMetrics of(MeterRegistry registry) {
    return of(registry, Tags.empty());
  }

  /**
   * Returns metrics recorded in {@code registry} with {@code tags} added to every meter, to tell
   * two front doors in one registry apart.
   *
   * @param registry the registry
   * @param tags tags for every meter, such as {@code Tags.of("realm", "admin")}
   * @return the metrics, to pass to {@code JwtSecurity.Builder.metrics}
   * @throws NullPointerException if an argument is {@code null}
   */
  public static MicrometerSecurityMetrics of(MeterRegistry registry, Iterable<Tag> tags) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(tags, "tags");
    return new MicrometerSecurityMetrics(registry, Tags.of(tags));
  }

  private Timer validation(String outcome) {
    return Timer.builder(TOKEN_VALIDATION)
        .description("Access-token authentication: signature, claims, denylist and user status")
        .tags(tags)
        .tag("outcome", outcome)
        .register(registry);
  }

  private Timer hashing(String name, String outcome, String description) {
    return Timer.builder(name)
        .description(description)
        .tags(tags)
        .tag("outcome", outcome)
        .register(registry);
  }

  private Timer store(StoreOperation op, String outcome) {
    return Timer.builder(STORE_OPERATIONS)
        .description("An operation of a jwt-security store")
        .tags(tags)
        .tag("store", op.store().storeName())
        .tag("operation", op.operationName())
        .tag("outcome", outcome)
        .register(registry);
  }

  @Override
  public long monotonicNanos() {
    return registry.config().clock().monotonicTime();
  }

  @Override
  public void securityEvent(SecurityEvent event) {
    events.get(event.type()).counter(event.reason()).increment();
  }

  @Override
  public void tokenValidation(boolean accepted, long nanos) {
    (accepted ? validationAccepted : validationRefused).record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void passwordHashing(HashOutcome outcome, long waitNanos, long computeNanos) {
    boolean completed = outcome == HashOutcome.COMPLETED;
    (completed ? hashingCompleted : hashingBusy)
        .record(waitNanos + computeNanos, TimeUnit.NANOSECONDS);
    (completed ? waitCompleted : waitBusy).record(waitNanos, TimeUnit.NANOSECONDS);
    if (completed) {
      compute.record(computeNanos, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void storeOperation(StoreOperation operation, boolean succeeded, long nanos) {
    (succeeded ? storeSuccess : storeFailure).get(operation).record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void gauge(Gauge gauge, LongSupplier value) {
    Objects.requireNonNull(gauge, "gauge");
    Objects.requireNonNull(value, "value");
    String name;
    String description;
    switch (gauge) {
      case HASHES_ACTIVE -> {
        name = "jwtsecurity.password.hashes.active";
        description = "Password-hash computations running";
      }
      case HASHES_QUEUED -> {
        name = "jwtsecurity.password.hashes.queued";
        description = "Callers waiting for a password-hash worker and memory";
      }
      case THROTTLE_ENTRIES -> {
        name = "jwtsecurity.throttle.entries";
        description = "Addresses and accounts the in-memory login throttle tracks";
      }
      case DENYLIST_ENTRIES -> {
        name = "jwtsecurity.denylist.entries";
        description = "Access tokens on the in-memory denylist";
      }
      default -> throw new IllegalArgumentException("unknown gauge " + gauge);
    }
    // A front door built again (the same builder, a refreshed application context) replaces its
    // gauges: the latest one reports, and the previous one's store is no longer held.
    List<Tag> exact = tags.stream().toList();
    for (io.micrometer.core.instrument.Gauge previous : registry.find(name).gauges()) {
      if (previous.getId().getTags().equals(exact)) {
        registry.remove(previous);
      }
    }
    // Strong: nothing else holds the supplier, and a weakly held one would read NaN after a GC.
    io.micrometer.core.instrument.Gauge.builder(name, value, v -> (double) v.getAsLong())
        .description(description)
        .tags(tags)
        .strongReference(true)
        .register(registry);
  }

  @Override
  public KeyCacheMetrics keyCache(String issuer) {
    Objects.requireNonNull(issuer, "issuer");
    Tags t = tags.and("issuer", issuer);
    Counter hits = keyCacheCounter(t, "hit");
    Counter misses = keyCacheCounter(t, "miss");
    Timer fetched = keyCacheFetches(t, "success");
    Timer failed = keyCacheFetches(t, "failure");
    return new KeyCacheMetrics() {
      @Override
      public void hit() {
        hits.increment();
      }

      @Override
      public void miss() {
        misses.increment();
      }

      @Override
      public void fetch(boolean succeeded, long nanos) {
        (succeeded ? fetched : failed).record(nanos, TimeUnit.NANOSECONDS);
      }
    };
  }

  private Counter keyCacheCounter(Tags t, String result) {
    return Counter.builder(KEY_CACHE_REQUESTS)
        .description("An identity provider's signing key looked up in its cache")
        .tags(t)
        .tag("result", result)
        .register(registry);
  }

  private Timer keyCacheFetches(Tags t, String outcome) {
    return Timer.builder(KEY_CACHE_FETCHES)
        .description("A fetch of an identity provider's discovery document and JWK Set")
        .tags(t)
        .tag("outcome", outcome)
        .register(registry);
  }

  /**
   * The counters of one event type, one per reason, created at a reason's first event; a bounded
   * set of series per type, whatever reason strings an event carries.
   */
  private final class EventCounters {
    private final SecurityEventType type;
    private final Map<String, Counter> byReason = new ConcurrentHashMap<>();
    private volatile Counter other;

    EventCounters(SecurityEventType type) {
      this.type = type;
    }

    Counter counter(String reason) {
      String key = reason == null ? NO_REASON : reason;
      Counter c = byReason.get(key);
      if (c != null) {
        return c;
      }
      Counter o = other;
      if (o != null) {
        return o; // set only once the reasons are full: an unknown reason now is "other"
      }
      synchronized (this) {
        c = byReason.get(key);
        if (c != null) {
          return c;
        }
        if (byReason.size() < MAX_REASONS_PER_TYPE) {
          c = register(key.toLowerCase(Locale.ROOT));
          byReason.put(key, c);
          return c;
        }
        if (other == null) {
          other = register(OTHER_REASON);
        }
        return other;
      }
    }

    private Counter register(String reasonTag) {
      return Counter.builder(EVENTS)
          .description("Security events by OWASP Logging Vocabulary type and reason")
          .tags(tags)
          .tag("type", type.code())
          .tag("reason", reasonTag)
          .register(registry);
    }
  }

  @Override
  public String toString() {
    return "MicrometerSecurityMetrics["
        + registry.getClass().getSimpleName()
        + ", tags="
        + tags
        + "]";
  }
}
