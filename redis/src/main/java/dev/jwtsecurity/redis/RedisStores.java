package dev.jwtsecurity.redis;

import dev.jwtsecurity.StoreUnavailableException;
import dev.jwtsecurity.access.AccessTokenDenylist;
import dev.jwtsecurity.config.InsecureConfigurationException;
import dev.jwtsecurity.refresh.RefreshTokenStore;
import dev.jwtsecurity.throttle.ThrottleStore;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.MaintNotificationsConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The shared stores of jwt-security on Redis, for applications that run on several instances:
 * refresh-token families, login throttle counters and the access-token denylist. Standalone,
 * Sentinel or Cluster; TLS, ACL user and password, database, all from the URI.
 *
 * <pre>{@code
 * try (RedisStores stores = RedisStores.builder()
 *     .uri("rediss://jwtapp:" + password + "@redis.internal:6379")   // or redis-sentinel://, or clusterUri(...)
 *     .keyPrefix("myapp")                                            // keys "myapp:rt:...", default "jwt"
 *     .build()) {
 *   JwtSecurity security = JwtSecurity.builder(settings)
 *       .refreshTokenStore(stores.refreshTokenStore())
 *       .throttleStore(stores.throttleStore())
 *       .denylist(stores.accessTokenDenylist())
 *       .build();
 *   ...
 * }
 * }</pre>
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li><b>Atomic across instances.</b> Every state transition is one Lua script on the keys it
 *       changes: a refresh token is rotated by exactly one of any number of concurrent requests, on
 *       any instance, and its family's revocation wins over any later rotation; concurrent login
 *       failures are all counted (the core's transition, written by compare-and-set); a denied
 *       token is refused on every instance as soon as {@code deny} returns.
 *   <li><b>Cluster-safe.</b> A user's families and their index share one hash tag, so no script
 *       crosses a Cluster slot; lookups by id go through pointer keys written before the data they
 *       point to.
 *   <li><b>Bounded.</b> Every key has a time-to-live: a family lives until its absolute expiry or
 *       its newest token's idle expiry, a throttle state until it stops mattering, a denylist entry
 *       until its token has expired (plus the validator's maximum clock skew). Nothing needs to be
 *       purged; {@link #purgeExpired} exists for clocks that run ahead of Redis's.
 *   <li><b>Fail closed, then recover.</b> Every command has a timeout ({@link
 *       Builder#commandTimeout}, default 1 s). While Redis is unreachable, slow or refusing, every
 *       operation throws {@link StoreUnavailableException} at once (commands are not queued while
 *       disconnected): a denylist check never answers "not denied", a refresh never hands out
 *       tokens, a login failure is never silently not counted. The client reconnects by itself
 *       (within about 2 s of Redis coming back) and reloads its scripts when the server lost them.
 * </ul>
 *
 * <h2>Security considerations</h2>
 *
 * <ul>
 *   <li>Redis holds hashes of refresh secrets, revocations and lockouts, never a token or secret;
 *       but whoever can write to it can un-revoke a session or lift a lockout. Use TLS ({@code
 *       rediss://}) and an ACL user limited to the key prefix (see the module README). Plain-text
 *       connections are refused unless every host is a loopback address, or {@link
 *       Builder#unsafeAllowPlaintext()} is called; TLS without host-name verification ({@code
 *       verifyPeer=NONE} or {@code CA}) is always refused.
 *   <li>The URI carries the password: it never appears in a message, log line or {@link
 *       #toString()} of this library.
 *   <li>Key parts taken from ids are escaped: a user name cannot reach another user's keys, break
 *       out of a hash tag or act as a {@code SCAN} pattern.
 * </ul>
 */
public final class RedisStores implements AutoCloseable {

  private final ClientResources resources;
  private final AbstractRedisClient client;
  private final Redis redis;
  private final StatefulConnection<String, String> connection;
  private final String description;
  private final Keys keys;
  private final RedisRefreshTokenStore refresh;
  private final RedisThrottleStore throttle;
  private final RedisAccessTokenDenylist denylist;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RedisStores(
      ClientResources resources,
      AbstractRedisClient client,
      StatefulConnection<String, String> connection,
      Redis redis,
      Keys keys,
      Clock clock,
      String description) {
    this.resources = resources;
    this.client = client;
    this.redis = redis;
    this.connection = connection;
    this.keys = keys;
    this.description = description;
    this.refresh = new RedisRefreshTokenStore(redis, keys);
    this.throttle = new RedisThrottleStore(redis, keys);
    this.denylist = new RedisAccessTokenDenylist(redis, keys, clock);
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
   * Returns the refresh-token store, for {@code JwtSecurity.Builder.refreshTokenStore}.
   *
   * @return the thread-safe store, shared by every instance on this Redis and prefix
   */
  public RefreshTokenStore refreshTokenStore() {
    return refresh;
  }

  /**
   * Returns the login throttle store.
   *
   * @return the thread-safe store, shared by every instance on this Redis and prefix
   */
  public ThrottleStore throttleStore() {
    return throttle;
  }

  /**
   * Returns the access-token denylist, for {@code JwtSecurity.Builder.denylist}.
   *
   * @return the thread-safe list, shared by every instance on this Redis and prefix
   */
  public AccessTokenDenylist accessTokenDenylist() {
    return denylist;
  }

  /**
   * Returns the key prefix in use.
   *
   * @return the validated prefix; every key starts with it and a colon
   */
  public String keyPrefix() {
    return keys.prefix;
  }

  /**
   * Deletes what can no longer matter at {@code now} by the application's clock. Not needed in
   * normal operation: every key expires by itself at the same instant. It catches up when the
   * application's clock runs ahead of Redis's, and walks every key of the prefix with {@code SCAN}
   * to do so (on every master of a Cluster); schedule it rarely, if at all.
   *
   * @param now the application's clock
   * @return how many entries of each kind were deleted
   * @throws NullPointerException if {@code now} is {@code null}
   * @throws StoreUnavailableException if Redis failed (entries deleted before stay deleted)
   */
  public PurgeResult purgeExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    return new PurgeResult(
        refresh.purgeExpired(now), throttle.purgeExpired(now), denylist.purgeExpired(now));
  }

  /**
   * Closes the connection and stops the client's threads; the stores then fail every operation with
   * {@link StoreUnavailableException}. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    redis.markClosed();
    try {
      connection.close();
    } finally {
      try {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      } finally {
        stop(resources);
      }
    }
  }

  /** Stops the client's threads, waiting at most a few seconds. */
  static void stop(ClientResources resources) {
    // Best effort: threads that outlive the wait end on their own once idle.
    // Seen as a java.util.concurrent.Future: Netty's own type is not read by this module.
    java.util.concurrent.Future<?> done = resources.shutdown(0, 2, TimeUnit.SECONDS);
    try {
      done.get(3, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Best effort, as above.
    }
  }

  @Override
  public String toString() {
    return "RedisStores[" + description + ", keyPrefix=" + keys.prefix + "]";
  }

  /**
   * How many entries {@link #purgeExpired} deleted.
   *
   * @param refreshFamilies refresh-token families deleted, each with all its tokens
   * @param throttleEntries throttle states deleted
   * @param denylistEntries denylist entries deleted
   */
  public record PurgeResult(int refreshFamilies, int throttleEntries, int denylistEntries) {}

  /**
   * Builds {@link RedisStores}: one connection (Lettuce multiplexes every thread's commands over
   * it), with bounded timeouts, reconnecting by itself. Not thread-safe; use once.
   */
  public static final class Builder {

    /** Default timeout of every command. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(1);

    /** Shortest command timeout accepted. */
    public static final Duration MIN_COMMAND_TIMEOUT = Duration.ofMillis(10);

    /** Longest command timeout accepted: longer would hold request threads hostage to an outage. */
    public static final Duration MAX_COMMAND_TIMEOUT = Duration.ofSeconds(30);

    /** Longest wait for reconnecting after Redis comes back. */
    static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(2);

    /** Commands waiting for an answer at most; more fail at once instead of piling up. */
    static final int REQUEST_QUEUE_SIZE = 65_536;

    private String uri;
    private boolean cluster;
    private String keyPrefix;
    private Duration commandTimeout;
    private Clock clock;
    private boolean allowPlaintext;

    private Builder() {}

    /**
     * Sets the Redis server (standalone) or the Sentinels in front of it, as a Lettuce URI: {@code
     * redis://[[user:]password@]host[:port][/database]}, {@code rediss://...} for TLS, {@code
     * redis-sentinel://[[user:]password@]host[:port][,host2[:port2]][/database]#master} ({@code
     * rediss-sentinel://} for TLS). Required, or {@link #clusterUri}.
     *
     * @param uri the URI; may carry a password, which this library never prints
     * @return this builder
     * @throws NullPointerException if {@code uri} is {@code null}
     * @throws IllegalStateException if a URI was already set
     */
    public Builder uri(String uri) {
      Objects.requireNonNull(uri, "uri");
      requireUnset(this.uri, "uri (or clusterUri)");
      this.uri = uri;
      return this;
    }

    /**
     * Sets one node of a Redis Cluster, as a Lettuce URI ({@code redis://} or {@code rediss://},
     * credentials as for {@link #uri}); the client discovers the other nodes and follows topology
     * changes. Required, or {@link #uri}.
     *
     * @param seedUri the URI of any node of the cluster
     * @return this builder
     * @throws NullPointerException if {@code seedUri} is {@code null}
     * @throws IllegalStateException if a URI was already set
     */
    public Builder clusterUri(String seedUri) {
      Objects.requireNonNull(seedUri, "seedUri");
      requireUnset(this.uri, "uri (or clusterUri)");
      this.uri = seedUri;
      this.cluster = true;
      return this;
    }

    /**
     * Sets the prefix of every key ({@code <prefix>:rt:...}, {@code <prefix>:th:...}, {@code
     * <prefix>:dl:...}); default {@value Keys#DEFAULT_PREFIX}. Applications sharing one Redis use
     * different prefixes; instances of one application use the same.
     *
     * @param keyPrefix 1 to 48 letters, digits, {@code . _ -}, with {@code :} allowed inside
     * @return this builder
     * @throws NullPointerException if {@code keyPrefix} is {@code null}
     * @throws IllegalArgumentException if it does not match {@code
     *     [A-Za-z0-9]([A-Za-z0-9._:-]{0,46}[A-Za-z0-9._-])?}
     * @throws IllegalStateException if a prefix was already set
     */
    public Builder keyPrefix(String keyPrefix) {
      Objects.requireNonNull(keyPrefix, "keyPrefix");
      requireUnset(this.keyPrefix, "keyPrefix");
      new Keys(keyPrefix); // validates
      this.keyPrefix = keyPrefix;
      return this;
    }

    /**
     * Sets how long any command may take before the operation fails with {@link
     * StoreUnavailableException}; default 1 s. Also bounds connecting (at least 2 s).
     *
     * @param commandTimeout from {@link #MIN_COMMAND_TIMEOUT} to {@link #MAX_COMMAND_TIMEOUT}
     * @return this builder
     * @throws NullPointerException if {@code commandTimeout} is {@code null}
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if a timeout was already set
     */
    public Builder commandTimeout(Duration commandTimeout) {
      Objects.requireNonNull(commandTimeout, "commandTimeout");
      requireUnset(this.commandTimeout, "commandTimeout");
      if (commandTimeout.compareTo(MIN_COMMAND_TIMEOUT) < 0
          || commandTimeout.compareTo(MAX_COMMAND_TIMEOUT) > 0) {
        throw new IllegalArgumentException(
            "commandTimeout must be between "
                + MIN_COMMAND_TIMEOUT.toMillis()
                + " ms and "
                + MAX_COMMAND_TIMEOUT.toSeconds()
                + " s, was "
                + commandTimeout.toMillis()
                + " ms");
      }
      this.commandTimeout = commandTimeout;
      return this;
    }

    /**
     * Sets the clock the denylist uses to turn a token's expiry into a time-to-live (its {@code
     * deny} is given no current time); default the system clock. Give it the application's clock.
     *
     * @param clock the clock
     * @return this builder
     * @throws NullPointerException if {@code clock} is {@code null}
     * @throws IllegalStateException if a clock was already set
     */
    public Builder clock(Clock clock) {
      Objects.requireNonNull(clock, "clock");
      requireUnset(this.clock, "clock");
      this.clock = clock;
      return this;
    }

    /**
     * Allows {@code redis://} and {@code redis-sentinel://} without TLS to hosts that are not
     * loopback addresses. Only for a network where nobody else can read or change the traffic:
     * anyone who can may read the password, un-revoke sessions and lift lockouts.
     *
     * @return this builder
     * @throws IllegalStateException if already called
     */
    public Builder unsafeAllowPlaintext() {
      if (allowPlaintext) {
        throw new IllegalStateException("unsafeAllowPlaintext() was already called");
      }
      allowPlaintext = true;
      return this;
    }

    /**
     * Connects and returns the stores.
     *
     * @return the stores, thread-safe; close them when the application stops
     * @throws IllegalStateException if no URI was set
     * @throws IllegalArgumentException if the URI is not a Redis URI
     * @throws InsecureConfigurationException if the connection would be plain text to a host that
     *     is not a loopback address (without {@link #unsafeAllowPlaintext()}), or TLS without
     *     host-name verification
     * @throws StoreUnavailableException if Redis cannot be reached or refuses the credentials
     */
    public RedisStores build() {
      if (uri == null) {
        throw new IllegalStateException(
            "uri (or clusterUri) is required, for example rediss://user:password@redis:6379");
      }
      RedisURI redisUri = parse(uri);
      checkTransport(redisUri, allowPlaintext);
      Duration timeout = commandTimeout == null ? DEFAULT_COMMAND_TIMEOUT : commandTimeout;
      redisUri.setTimeout(timeout);
      Keys keys = new Keys(keyPrefix == null ? Keys.DEFAULT_PREFIX : keyPrefix);
      Clock storeClock = clock == null ? Clock.systemUTC() : clock;

      ClientResources resources =
          DefaultClientResources.builder()
              .reconnectDelay(
                  Delay.exponential(
                      Duration.ofMillis(20), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
              .build();
      AbstractRedisClient client = null;
      try {
        StatefulConnection<String, String> connection;
        Redis redis;
        String description;
        if (cluster) {
          RedisClusterClient c = RedisClusterClient.create(resources, redisUri);
          client = c;
          c.setOptions(
              ClusterClientOptions.builder(options(timeout))
                  // A Cluster client connects to each node on first use and after topology changes;
                  // rejecting commands meanwhile would fail healthy requests. They wait instead,
                  // still bounded by the command timeout.
                  .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                  .topologyRefreshOptions(
                      // Adaptive refresh (on MOVED, reconnects, ...) is on by default since Lettuce
                      // 7.
                      ClusterTopologyRefreshOptions.builder()
                          .enablePeriodicRefresh(Duration.ofSeconds(30))
                          .build())
                  .build());
          StatefulRedisClusterConnection<String, String> cc = c.connect(StringCodec.UTF8);
          connection = cc;
          // Connect to every master now rather than on the first request that needs it.
          for (RedisClusterNode node : cc.getPartitions()) {
            if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
              cc.getConnection(node.getNodeId());
            }
          }
          redis = new Redis(cc.sync());
          description = "cluster via " + where(redisUri);
        } else {
          RedisClient c = RedisClient.create(resources, redisUri);
          client = c;
          c.setOptions(options(timeout));
          StatefulRedisConnection<String, String> sc = c.connect(StringCodec.UTF8);
          connection = sc;
          redis = new Redis(sc.sync());
          description =
              (redisUri.getSentinels().isEmpty() ? "" : "sentinel ") + "at " + where(redisUri);
        }
        return new RedisStores(
            resources,
            client,
            connection,
            redis,
            keys,
            storeClock,
            description + ", timeout=" + timeout.toMillis() + "ms");
      } catch (RedisException e) {
        shutdown(client, resources);
        throw new StoreUnavailableException(
            "cannot connect to Redis at " + where(redisUri) + " (" + Redis.describe(e) + ")", e);
      } catch (RuntimeException e) {
        shutdown(client, resources);
        throw e;
      }
    }

    private static ClientOptions options(Duration timeout) {
      Duration connect =
          timeout.compareTo(Duration.ofSeconds(2)) < 0 ? Duration.ofSeconds(2) : timeout;
      return ClientOptions.builder()
          .autoReconnect(true)
          // Fail at once while disconnected rather than queue commands until they time out.
          .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
          .requestQueueSize(REQUEST_QUEUE_SIZE)
          .socketOptions(SocketOptions.builder().connectTimeout(connect).keepAlive(true).build())
          .timeoutOptions(TimeoutOptions.enabled(timeout))
          // Maintenance notifications would stretch timeouts during failovers: keep them bounded.
          .maintNotificationsConfig(MaintNotificationsConfig.disabled())
          .build();
    }

    private static void shutdown(AbstractRedisClient client, ClientResources resources) {
      try {
        if (client != null) {
          client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
      } finally {
        stop(resources);
      }
    }

    static RedisURI parse(String uri) {
      try {
        return RedisURI.create(uri);
      } catch (RuntimeException e) {
        // No cause and no echo: the text may hold a password.
        throw new IllegalArgumentException(
            "uri is not a Redis URI (redis://, rediss://, redis-sentinel://, rediss-sentinel://)");
      }
    }

    /** Plain text only to loopback hosts (unless allowed); TLS only with host-name verification. */
    static void checkTransport(RedisURI uri, boolean allowPlaintext) {
      List<RedisURI> endpoints = new ArrayList<>();
      if (uri.getSentinels().isEmpty()) {
        endpoints.add(uri);
      } else {
        endpoints.addAll(uri.getSentinels());
      }
      for (RedisURI e : endpoints) {
        if (e.getSocket() != null) {
          continue; // a Unix socket never leaves the machine
        }
        boolean tls = e.isSsl();
        if (tls && e.getVerifyMode() != SslVerifyMode.FULL) {
          throw new InsecureConfigurationException(
              "TLS to Redis without host-name verification (verifyPeer="
                  + e.getVerifyMode()
                  + ") lets anyone on the path impersonate the server; remove verifyPeer and give"
                  + " the server a certificate for the name you connect to, or add its CA to the"
                  + " JVM trust store");
        }
        if (!tls && !allowPlaintext && !isLoopback(e.getHost())) {
          throw new InsecureConfigurationException(
              "plain-text Redis connection to "
                  + e.getHost()
                  + ": use rediss:// (TLS), or call unsafeAllowPlaintext() if nobody else can read"
                  + " or change the traffic on this network");
        }
      }
    }

    static boolean isLoopback(String host) {
      if (host == null) {
        return false;
      }
      String h = host.toLowerCase(Locale.ROOT);
      if (h.startsWith("[") && h.endsWith("]")) {
        h = h.substring(1, h.length() - 1);
      }
      return h.equals("localhost")
          || h.equals("::1")
          || h.equals("0:0:0:0:0:0:0:1")
          || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    private static String where(RedisURI uri) {
      if (uri.getSocket() != null) {
        return "unix socket";
      }
      if (!uri.getSentinels().isEmpty()) {
        RedisURI first = uri.getSentinels().get(0);
        return first.getHost()
            + ":"
            + first.getPort()
            + " (+"
            + (uri.getSentinels().size() - 1)
            + ")";
      }
      return uri.getHost() + ":" + uri.getPort();
    }

    private static void requireUnset(Object current, String name) {
      if (current != null) {
        throw new IllegalStateException(name + " was already set");
      }
    }
  }
}
