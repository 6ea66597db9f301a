package dev.jwtsecurity;

import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.audit.SecurityEventType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Watches the stream of security events for suspicious patterns over sliding windows and raises an
 * alert: a critical {@code security_alert} event whose reason is the {@link AlertPattern} and whose
 * details name the key ({@code pattern_key}), the threshold ({@code count}), the window ({@code
 * window_seconds}) and the event that triggered it ({@code trigger}). {@link JwtSecurity} always
 * runs one, configured through its builder.
 *
 * <table>
 *   <caption>What raises an alert, counted over a sliding window</caption>
 *   <tr><th>pattern</th><th>counted events</th><th>key</th><th>default</th></tr>
 *   <tr><td>{@code REPEATED_ACCOUNT_FAILURES}</td><td>login attempts</td><td>account</td>
 *       <td>{@value #DEFAULT_ACCOUNT_FAILURES} failures in 1 h</td></tr>
 *   <tr><td>{@code CREDENTIAL_STUFFING}</td><td>login attempts</td><td>client address</td>
 *       <td>{@value #DEFAULT_STUFFING_ACCOUNTS} distinct accounts in 1 h</td></tr>
 *   <tr><td>{@code DISTRIBUTED_ACCOUNT_ATTACK}</td><td>login attempts</td><td>account</td>
 *       <td>{@value #DEFAULT_DISTRIBUTED_ADDRESSES} distinct addresses in 1 h</td></tr>
 *   <tr><td>{@code INVALID_TOKEN_BURST}</td><td>{@code authn_token_invalid}</td><td>client address</td>
 *       <td>{@value #DEFAULT_INVALID_TOKENS} refusals in 1 min</td></tr>
 *   <tr><td>{@code REFRESH_TOKEN_REUSE}</td><td>{@code authn_token_reuse}</td><td>token family id</td>
 *       <td>the first reuse, alerted once per family per hour</td></tr>
 * </table>
 *
 * <p>A login attempt is an {@code authn_login_fail} event or an {@code excess_rate_limit_exceeded}
 * event of a login the throttle refused (attempts go on while a key is locked, and are the attack
 * as much as the failures before). Its account is the normalised name it was made with, whether or
 * not such a user exists, so a spray over names that do not exist counts as much as one over real
 * accounts; without a name, the user id.
 *
 * <p>An event counts while it is younger than the window ({@code now - t < window}); the alert
 * fires on the event that reaches the threshold, never below it. Each pattern raises at most one
 * alert per key per window, however long the attack lasts; a new alert follows when the pattern
 * persists past a full window after the last alert. Events without the key (no user id, no client
 * address) are not counted for that pattern. The monitor's own {@code security_alert} events are
 * ignored, so it sits in the same fan-out as the listeners it alerts.
 *
 * <p>Memory is bounded whatever an attacker sends: each pattern tracks at most {@code
 * maxTrackedKeys} keys (default {@value #DEFAULT_MAX_TRACKED_KEYS}), evicting the least recently
 * seen key first, and per key at most its threshold of timestamps or distinct values. An attacker
 * who floods more distinct keys than the cap can evict the state of a key being counted and so
 * delay its alert; a flood of distinct addresses is itself visible as bursts in the log. An evicted
 * key may alert again within its window. Time comes from the injected {@link Clock} when the event
 * is received. The alert is delivered on the caller's thread, outside the monitor's locks.
 */
final class FailureMonitor implements SecurityEventListener {

  /** Default threshold of {@link AlertPattern#REPEATED_ACCOUNT_FAILURES}. */
  static final int DEFAULT_ACCOUNT_FAILURES = 10;

  /** Default threshold of {@link AlertPattern#CREDENTIAL_STUFFING}. */
  static final int DEFAULT_STUFFING_ACCOUNTS = 20;

  /** Default threshold of {@link AlertPattern#DISTRIBUTED_ACCOUNT_ATTACK}. */
  static final int DEFAULT_DISTRIBUTED_ADDRESSES = 10;

  /** Default threshold of {@link AlertPattern#INVALID_TOKEN_BURST}. */
  static final int DEFAULT_INVALID_TOKENS = 50;

  /** Default cap of tracked keys per pattern. */
  static final int DEFAULT_MAX_TRACKED_KEYS = 10_000;

  /** The largest threshold accepted (memory per key grows with it). */
  static final int MAX_THRESHOLD = 10_000;

  /** The longest window accepted. */
  static final Duration MAX_WINDOW = Duration.ofDays(1);

  /** The largest cap of tracked keys accepted. */
  static final int MAX_MAX_TRACKED_KEYS = 1_000_000;

  private final Clock clock;
  private final SecurityEventListener alertEvents;
  private final WindowCounter accountFailures;
  private final WindowCounter stuffing;
  private final WindowCounter distributed;
  private final WindowCounter invalidTokens;
  private final WindowCounter reuse;

  private FailureMonitor(Builder b) {
    this.clock = b.clock;
    this.alertEvents = b.alertEvents;
    this.accountFailures =
        new WindowCounter(b.accountFailures, b.accountFailuresWindow, b.maxTrackedKeys, false);
    this.stuffing = new WindowCounter(b.stuffingAccounts, b.stuffingWindow, b.maxTrackedKeys, true);
    this.distributed =
        new WindowCounter(b.distributedAddresses, b.distributedWindow, b.maxTrackedKeys, true);
    this.invalidTokens =
        new WindowCounter(b.invalidTokens, b.invalidTokensWindow, b.maxTrackedKeys, false);
    this.reuse = new WindowCounter(1, b.reuseWindow, b.maxTrackedKeys, false);
  }

  /**
   * Returns a builder with the documented defaults.
   *
   * @return a new builder
   */
  static Builder builder() {
    return new Builder();
  }

  @Override
  public void onEvent(SecurityEvent event) {
    Instant now = clock.instant();
    String user = event.userId();
    String address = event.request().clientAddress();
    switch (event.type()) {
      case AUTHN_LOGIN_FAIL, EXCESS_RATE_LIMIT_EXCEEDED -> {
        // A login the throttle refused is an attempt too: without it, the throttle would hide the
        // attacks it slows down (an account locked after 5 failures never reaches 10).
        if (event.type() == SecurityEventType.EXCESS_RATE_LIMIT_EXCEEDED
            && !LoginService.Cause.THROTTLED.name().equals(event.reason())) {
          return;
        }
        String account = accountOf(event);
        if (account != null && accountFailures.record(account, null, now)) {
          raise(AlertPattern.REPEATED_ACCOUNT_FAILURES, account, accountFailures, event, now);
        }
        if (account != null && address != null) {
          if (stuffing.record(address, account, now)) {
            raise(AlertPattern.CREDENTIAL_STUFFING, address, stuffing, event, now);
          }
          if (distributed.record(account, address, now)) {
            raise(AlertPattern.DISTRIBUTED_ACCOUNT_ATTACK, account, distributed, event, now);
          }
        }
      }
      case AUTHN_TOKEN_INVALID -> {
        if (address != null && invalidTokens.record(address, null, now)) {
          raise(AlertPattern.INVALID_TOKEN_BURST, address, invalidTokens, event, now);
        }
      }
      case AUTHN_TOKEN_REUSE -> {
        String family =
            event.tokenId() != null ? event.tokenId() : user != null ? "user:" + user : "unknown";
        if (reuse.record(family, null, now)) {
          raise(AlertPattern.REFRESH_TOKEN_REUSE, family, reuse, event, now);
        }
      }
      default -> {
        // Other events (including our own security_alert) are not counted.
      }
    }
  }

  /**
   * The account a login attempt was for: the normalised name it was made with (known or not, so a
   * spray over names that do not exist is counted too), else the user id.
   */
  private static String accountOf(SecurityEvent event) {
    String name = event.details().get("username");
    return name != null ? name : event.userId();
  }

  private void raise(
      AlertPattern pattern, String key, WindowCounter counter, SecurityEvent cause, Instant now) {
    SecurityEvent alert =
        SecurityEvent.builder(SecurityEventType.SECURITY_ALERT, now)
            .reason(pattern)
            .userId(cause.userId())
            .request(cause.request())
            .tokenId(cause.tokenId())
            .detail("pattern_key", key)
            .detail("count", Integer.toString(counter.threshold()))
            .detail("window_seconds", Long.toString(counter.window().toSeconds()))
            .detail("trigger", cause.type().code())
            .build();
    SecurityEventListener.deliver(alertEvents, alert);
  }

  /** Keys tracked by all patterns together; for tests of the memory bound. */
  int trackedKeys() {
    return accountFailures.trackedKeys()
        + stuffing.trackedKeys()
        + distributed.trackedKeys()
        + invalidTokens.trackedKeys()
        + reuse.trackedKeys();
  }

  /**
   * Timestamps and distinct values held by all patterns together; for tests of the memory bound.
   */
  int trackedEntries() {
    return accountFailures.trackedEntries()
        + stuffing.trackedEntries()
        + distributed.trackedEntries()
        + invalidTokens.trackedEntries()
        + reuse.trackedEntries();
  }

  /** Builds a {@link FailureMonitor}. Not thread-safe. */
  static final class Builder {
    private Clock clock = Clock.systemUTC();
    private SecurityEventListener alertEvents;
    private int accountFailures = DEFAULT_ACCOUNT_FAILURES;
    private Duration accountFailuresWindow = Duration.ofHours(1);
    private int stuffingAccounts = DEFAULT_STUFFING_ACCOUNTS;
    private Duration stuffingWindow = Duration.ofHours(1);
    private int distributedAddresses = DEFAULT_DISTRIBUTED_ADDRESSES;
    private Duration distributedWindow = Duration.ofHours(1);
    private int invalidTokens = DEFAULT_INVALID_TOKENS;
    private Duration invalidTokensWindow = Duration.ofMinutes(1);
    private Duration reuseWindow = Duration.ofHours(1);
    private int maxTrackedKeys = DEFAULT_MAX_TRACKED_KEYS;

    private Builder() {}

    /**
     * Sets where {@code security_alert} events go; required.
     *
     * @param alertEvents the listener
     * @return this builder
     * @throws NullPointerException if {@code alertEvents} is {@code null}
     */
    Builder alertEvents(SecurityEventListener alertEvents) {
      this.alertEvents = Objects.requireNonNull(alertEvents, "alertEvents");
      return this;
    }

    /**
     * Sets the clock; default the system UTC clock.
     *
     * @param clock the clock
     * @return this builder
     * @throws NullPointerException if {@code clock} is {@code null}
     */
    Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Alerts when one account fails {@code failures} logins within {@code window}; default {@value
     * #DEFAULT_ACCOUNT_FAILURES} in one hour.
     *
     * @param failures the threshold, 1 to {@value #MAX_THRESHOLD}
     * @param window the sliding window, positive and at most one day
     * @return this builder
     * @throws NullPointerException if {@code window} is {@code null}
     * @throws IllegalArgumentException if a value is out of range
     */
    Builder repeatedAccountFailures(int failures, Duration window) {
      this.accountFailures = threshold("failures", failures);
      this.accountFailuresWindow = window("window", window);
      return this;
    }

    /**
     * Alerts when logins for {@code distinctAccounts} different accounts fail from one address
     * within {@code window}; default {@value #DEFAULT_STUFFING_ACCOUNTS} in one hour.
     *
     * @param distinctAccounts the threshold, 1 to {@value #MAX_THRESHOLD}
     * @param window the sliding window, positive and at most one day
     * @return this builder
     * @throws NullPointerException if {@code window} is {@code null}
     * @throws IllegalArgumentException if a value is out of range
     */
    Builder credentialStuffing(int distinctAccounts, Duration window) {
      this.stuffingAccounts = threshold("distinctAccounts", distinctAccounts);
      this.stuffingWindow = window("window", window);
      return this;
    }

    /**
     * Alerts when logins for one account fail from {@code distinctAddresses} different addresses
     * within {@code window}; default {@value #DEFAULT_DISTRIBUTED_ADDRESSES} in one hour.
     *
     * @param distinctAddresses the threshold, 1 to {@value #MAX_THRESHOLD}
     * @param window the sliding window, positive and at most one day
     * @return this builder
     * @throws NullPointerException if {@code window} is {@code null}
     * @throws IllegalArgumentException if a value is out of range
     */
    Builder distributedAccountAttack(int distinctAddresses, Duration window) {
      this.distributedAddresses = threshold("distinctAddresses", distinctAddresses);
      this.distributedWindow = window("window", window);
      return this;
    }

    /**
     * Alerts when {@code invalidTokens} access tokens from one address are refused within {@code
     * window}; default {@value #DEFAULT_INVALID_TOKENS} in one minute.
     *
     * @param invalidTokens the threshold, 1 to {@value #MAX_THRESHOLD}
     * @param window the sliding window, positive and at most one day
     * @return this builder
     * @throws NullPointerException if {@code window} is {@code null}
     * @throws IllegalArgumentException if a value is out of range
     */
    Builder invalidTokenBurst(int invalidTokens, Duration window) {
      this.invalidTokens = threshold("invalidTokens", invalidTokens);
      this.invalidTokensWindow = window("window", window);
      return this;
    }

    /**
     * Sets how long further reuses of the same refresh-token family stay silent after its alert;
     * default one hour. Every family alerts on its first reuse.
     *
     * @param window the de-duplication window, positive and at most one day
     * @return this builder
     * @throws NullPointerException if {@code window} is {@code null}
     * @throws IllegalArgumentException if {@code window} is out of range
     */
    Builder tokenReuseDeduplication(Duration window) {
      this.reuseWindow = window("window", window);
      return this;
    }

    /**
     * Caps the keys (accounts, addresses, families) each pattern tracks; default {@value
     * #DEFAULT_MAX_TRACKED_KEYS}.
     *
     * @param maxTrackedKeys the cap, 1 to {@value #MAX_MAX_TRACKED_KEYS}
     * @return this builder
     * @throws IllegalArgumentException if {@code maxTrackedKeys} is out of range
     */
    Builder maxTrackedKeys(int maxTrackedKeys) {
      if (maxTrackedKeys < 1 || maxTrackedKeys > MAX_MAX_TRACKED_KEYS) {
        throw new IllegalArgumentException(
            "maxTrackedKeys must be between 1 and "
                + MAX_MAX_TRACKED_KEYS
                + ", was "
                + maxTrackedKeys);
      }
      this.maxTrackedKeys = maxTrackedKeys;
      return this;
    }

    /**
     * Returns the monitor.
     *
     * @return a thread-safe monitor
     * @throws IllegalStateException if neither alert events nor an alert hook was set (alerts would
     *     go nowhere)
     */
    FailureMonitor build() {
      if (alertEvents == null) {
        throw new IllegalStateException("alertEvents is required: alerts would go nowhere");
      }
      return new FailureMonitor(this);
    }

    private static int threshold(String name, int value) {
      if (value < 1 || value > MAX_THRESHOLD) {
        throw new IllegalArgumentException(
            name + " must be between 1 and " + MAX_THRESHOLD + ", was " + value);
      }
      return value;
    }

    private static Duration window(String name, Duration value) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero() || value.compareTo(MAX_WINDOW) > 0) {
        throw new IllegalArgumentException(
            name + " must be positive and at most one day, was " + value);
      }
      return value;
    }
  }
}
