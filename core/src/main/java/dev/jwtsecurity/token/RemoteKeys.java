package dev.jwtsecurity.token;

import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.audit.SecurityEventType.Severity;
import dev.jwtsecurity.internal.Json;
import dev.jwtsecurity.internal.LogSafe;
import dev.jwtsecurity.token.JwksHttp.Failure;
import dev.jwtsecurity.token.JwksHttp.FetchException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider's signing keys, fetched from its JWK Set URI (configured, or discovered from its
 * issuer) and cached so that real traffic never waits on the provider:
 *
 * <ul>
 *   <li>the set is kept for a time to live taken from the answer's {@code Cache-Control: max-age},
 *       held within configured bounds;
 *   <li>at three quarters of that time, the first request starts a refresh in the background
 *       (refresh after write) and keeps being served from the current set;
 *   <li>a token whose {@code kid} is not in the set starts at most one fetch per interval, however
 *       many arrive; requests that arrive while a fetch runs wait for that one fetch;
 *   <li>when a fetch fails, or answers something that is not a usable JWK Set, the last good set is
 *       kept and, once expired, still served for a bounded outage tolerance; it is never replaced
 *       by an empty or invalid set. Every failure is a security event, and failed refreshes are
 *       retried at most once per interval.
 * </ul>
 *
 * <p>Modelled on Nimbus's {@code JWKSourceBuilder} (refresh-ahead caching, rate limiting, outage
 * tolerance) and Caffeine's refresh-after-write; the rules for the keys themselves are those of
 * {@link JwkSetParser}, and for the network those of {@link JwksHttp}.
 */
final class RemoteKeys {

  private static final Logger LOG = LoggerFactory.getLogger(RemoteKeys.class);

  static final List<String> JWKS_TYPES = List.of("application/jwk-set+json", "application/json");
  static final List<String> METADATA_TYPES = List.of("application/json");
  static final String OIDC_SUFFIX = "/.well-known/openid-configuration";
  static final String RFC8414_PREFIX = "/.well-known/oauth-authorization-server";

  /**
   * What the cache is told to do, checked by the builder that makes it: keys from {@code jwksUri},
   * or, when it is {@code null}, from the {@code jwks_uri} that discovery at {@code issuer} finds.
   */
  record Policy(
      String issuer,
      URI jwksUri,
      Set<Algorithm> algorithms,
      Duration minTtl,
      Duration maxTtl,
      Duration unknownKeyInterval,
      Duration outageTolerance,
      Duration connectTimeout,
      Duration timeout,
      int maxResponseBytes,
      boolean plainHttpOnLoopback,
      HttpClient httpClient) {}

  /** One fetched key set and its times (epoch milliseconds from the injected clock). */
  static final class KeySet {
    final Map<String, JwtKey> byKid;
    final JwtKey[] keys;
    final long refreshAt;
    final long expiresAt;
    final long staleUntil;

    KeySet(List<JwtKey> keys, long refreshAt, long expiresAt, long staleUntil) {
      Map<String, JwtKey> m = new LinkedHashMap<>();
      for (JwtKey k : keys) {
        m.put(k.keyId(), k);
      }
      this.byKid = Collections.unmodifiableMap(m);
      this.keys = keys.toArray(new JwtKey[0]);
      this.refreshAt = refreshAt;
      this.expiresAt = expiresAt;
      this.staleUntil = staleUntil;
    }

    /** Whether this set can verify a token with {@code kid} ({@code null}: no kid, one key). */
    boolean has(String kid) {
      return kid == null ? keys.length == 1 : byKid.containsKey(kid);
    }
  }

  private final Policy policy;
  private final JwksHttp http;
  private final Clock clock;
  private final SecurityEventListener events;
  private final long waitMillis;
  private final AtomicInteger fetches = new AtomicInteger();

  private volatile KeySet current;
  private volatile URI jwksUri;

  private final Object lock = new Object();
  // Written under lock; inFlight and nextRefresh are also read without it, as a cheap pre-check.
  private volatile CompletableFuture<KeySet> inFlight;
  private long nextUnknownKeyFetch = Long.MIN_VALUE;
  private volatile long nextRefresh = Long.MIN_VALUE;
  private List<JwkSetParser.Refused> lastRefused = List.of();

  RemoteKeys(Policy policy, Clock clock, SecurityEventListener events) {
    this.policy = policy;
    this.clock = clock;
    this.events = events;
    HttpClient client =
        policy.httpClient() != null
            ? policy.httpClient()
            : JwksHttp.newClient(policy.connectTimeout());
    this.http =
        new JwksHttp(
            client, policy.timeout(), policy.maxResponseBytes(), policy.plainHttpOnLoopback());
    this.jwksUri = policy.jwksUri();
    // A request waits for a fetch at most as long as one exchange may take; a slower fetch goes on
    // in the background and serves the requests after it.
    this.waitMillis = policy.connectTimeout().toMillis() + policy.timeout().toMillis();
  }

  /**
   * Returns the key set to verify a token with {@code kid}, fetching when the set is missing,
   * expired, or lacks that {@code kid} (within the interval's budget); {@code null} when no key set
   * is available at all. The caller looks {@code kid} up in the result and refuses the token when
   * it is still unknown.
   */
  KeySet keysFor(String kid) {
    long now = clock.millis();
    KeySet s = current;
    if (s != null && now < s.expiresAt) {
      if (now >= s.refreshAt && inFlight == null && now >= nextRefresh) {
        refreshInBackground(now); // this request is served from s
      }
      if (s.has(kid)) {
        return s;
      }
      CompletableFuture<KeySet> f = unknownKeyFetch(now);
      if (f == null) {
        return s;
      }
      KeySet fresh = await(f);
      return fresh != null ? fresh : current;
    }
    CompletableFuture<KeySet> f = refresh(now);
    KeySet fresh = f == null ? null : await(f);
    if (fresh != null) {
      return fresh;
    }
    s = current;
    // The provider is down or answers garbage: the last good set serves, for a bounded time.
    return s != null && clock.millis() < s.staleUntil ? s : null;
  }

  /** How many fetches were started (discovery and key set together count as one). */
  int fetchCount() {
    return fetches.get();
  }

  /** The JWK Set URI: the configured one, or the discovered one (null before discovery). */
  URI jwksUri() {
    return jwksUri;
  }

  private CompletableFuture<KeySet> unknownKeyFetch(long now) {
    synchronized (lock) {
      if (inFlight != null) {
        return inFlight;
      }
      if (now < nextUnknownKeyFetch) {
        return null;
      }
      nextUnknownKeyFetch = now + policy.unknownKeyInterval().toMillis();
      return start();
    }
  }

  // Nobody waits for a background refresh; its outcome is recorded and reported by finish().
  @SuppressWarnings("FutureReturnValueIgnored")
  private void refreshInBackground(long now) {
    refresh(now);
  }

  private CompletableFuture<KeySet> refresh(long now) {
    synchronized (lock) {
      if (inFlight != null) {
        return inFlight;
      }
      if (now < nextRefresh) {
        return null;
      }
      return start();
    }
  }

  /** Starts a fetch; called with the lock held and no fetch in flight. */
  // The fetch's outcome, failures included, reaches the caller through done, completed by finish().
  @SuppressWarnings("FutureReturnValueIgnored")
  private CompletableFuture<KeySet> start() {
    CompletableFuture<KeySet> done = new CompletableFuture<>();
    inFlight = done;
    fetches.incrementAndGet();
    CompletableFuture<KeySet> fetch;
    try {
      fetch = fetch();
    } catch (RuntimeException e) {
      fetch = CompletableFuture.failedFuture(new FetchException(Failure.UNREACHABLE, jwksUri));
    }
    fetch.whenComplete((set, error) -> finish(done, set, error));
    return done;
  }

  private void finish(CompletableFuture<KeySet> done, KeySet set, Throwable error) {
    synchronized (lock) {
      if (inFlight == done) {
        inFlight = null;
      }
      if (set != null) {
        current = set;
        nextRefresh = Long.MIN_VALUE;
      } else {
        // A failed fetch is retried no sooner than one interval later, whatever triggers it.
        nextRefresh = clock.millis() + policy.unknownKeyInterval().toMillis();
      }
    }
    if (error != null) {
      reportFailure(error);
    }
    done.complete(set);
  }

  private CompletableFuture<KeySet> fetch() {
    URI known = jwksUri;
    CompletableFuture<URI> where =
        known != null ? CompletableFuture.completedFuture(known) : discover();
    return where.thenCompose(uri -> http.get(uri, JWKS_TYPES)).thenApply(this::keySet);
  }

  private KeySet keySet(JwksHttp.Response r) {
    Map<String, Object> doc = json(r);
    JwkSetParser.Result parsed;
    try {
      parsed = JwkSetParser.parse(doc, policy.algorithms());
    } catch (JwkSetParser.NotAJwkSet e) {
      throw new CompletionException(new FetchException(Failure.MALFORMED, r.uri()));
    }
    reportRefusals(r.uri(), parsed.refused());
    if (parsed.keys().isEmpty()) {
      throw new CompletionException(new FetchException(Failure.NO_USABLE_KEYS, r.uri()));
    }
    long now = clock.millis();
    long ttl = ttlMillis(r.maxAgeSeconds());
    long expires = now + ttl;
    if (current == null) {
      LOG.info(
          "provider keys loaded from {}: {} key(s), kid {}",
          LogSafe.clean(r.uri().toString()),
          parsed.keys().size(),
          LogSafe.clean(String.join(",", parsed.keys().stream().map(JwtKey::keyId).toList()), 512));
    }
    return new KeySet(
        parsed.keys(), now + ttl * 3 / 4, expires, expires + policy.outageTolerance().toMillis());
  }

  /** {@code max-age} held within the bounds; no header, {@code no-cache} or 0: the lower bound. */
  long ttlMillis(long maxAgeSeconds) {
    long min = policy.minTtl().toMillis();
    long max = policy.maxTtl().toMillis();
    if (maxAgeSeconds < 0) {
      return min;
    }
    long ms = maxAgeSeconds > max / 1000 ? max : maxAgeSeconds * 1000;
    return Math.max(min, Math.min(max, ms));
  }

  private static Map<String, Object> json(JwksHttp.Response r) {
    try {
      return Json.parseObject(r.body(), 0, r.body().length, JwsVerification.MAX_JSON_DEPTH);
    } catch (Json.MalformedJsonException e) {
      throw new CompletionException(new FetchException(Failure.MALFORMED, r.uri()));
    }
  }

  /**
   * OpenID Connect Discovery 1.0 §4, then RFC 8414 §3: the first document found must name exactly
   * the configured issuer (OIDC Discovery §4.3, RFC 8414 §3.3), and its {@code jwks_uri} becomes
   * the only place keys come from.
   */
  private CompletableFuture<URI> discover() {
    String issuer = policy.issuer();
    List<URI> candidates = discoveryUris(issuer);
    CompletableFuture<JwksHttp.Response> doc = http.get(candidates.get(0), METADATA_TYPES);
    for (int i = 1; i < candidates.size(); i++) {
      URI next = candidates.get(i);
      doc =
          doc.exceptionallyCompose(
              e -> {
                FetchException f = unwrap(e);
                // Only "not here" moves on; an outage or a refusal fails this attempt.
                if (f != null
                    && f.failure() == Failure.HTTP_STATUS
                    && f.status() >= 400
                    && f.status() < 500) {
                  return http.get(next, METADATA_TYPES);
                }
                return CompletableFuture.failedFuture(e);
              });
    }
    return doc.thenApply(
        r -> {
          Map<String, Object> metadata = json(r);
          if (!issuer.equals(metadata.get("issuer"))
              || !(metadata.get("jwks_uri") instanceof String jwks)) {
            throw new CompletionException(new FetchException(Failure.ISSUER_MISMATCH, r.uri()));
          }
          URI uri;
          try {
            uri = new URI(jwks);
          } catch (java.net.URISyntaxException e) {
            throw new CompletionException(new FetchException(Failure.ISSUER_MISMATCH, r.uri()));
          }
          if (!http.allowed(uri)) {
            throw new CompletionException(new FetchException(Failure.INSECURE_URI, uri));
          }
          jwksUri = uri;
          LOG.info(
              "provider {} discovered at {}: keys at {}",
              LogSafe.clean(issuer),
              LogSafe.clean(r.uri().toString()),
              LogSafe.clean(uri.toString()));
          return uri;
        });
  }

  /** The discovery URIs for {@code issuer}, in the order they are tried. */
  static List<URI> discoveryUris(String issuer) {
    URI u = URI.create(issuer);
    String path = u.getRawPath() == null ? "" : u.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String origin = u.getScheme() + "://" + u.getRawAuthority();
    return List.of(
        URI.create(origin + path + OIDC_SUFFIX), URI.create(origin + RFC8414_PREFIX + path));
  }

  private KeySet await(CompletableFuture<KeySet> f) {
    try {
      return f.get(waitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException | TimeoutException e) {
      return null;
    }
  }

  private static FetchException unwrap(Throwable e) {
    Throwable c = e;
    while (c instanceof CompletionException && c.getCause() != null) {
      c = c.getCause();
    }
    return c instanceof FetchException f ? f : null;
  }

  private void reportFailure(Throwable error) {
    FetchException f = unwrap(error);
    Failure failure = f != null ? f.failure() : Failure.UNREACHABLE;
    URI uri = f != null && f.uri() != null ? f.uri() : jwksUri;
    SecurityEvent.Builder b =
        SecurityEvent.builder(SecurityEventType.KEY_SOURCE_FAIL, clock.instant())
            .reason(failure)
            .detail("issuer", policy.issuer())
            .detail("uri", uri == null ? "" : uri.toString());
    if (f != null && f.status() != 0) {
      b.detail("status", Integer.toString(f.status()));
    }
    KeySet s = current;
    b.detail("serving", s == null ? "none" : clock.millis() < s.expiresAt ? "cached" : "stale");
    SecurityEventListener.deliver(events, b.build());
  }

  private void reportRefusals(URI uri, List<JwkSetParser.Refused> refused) {
    synchronized (lock) {
      // The same refusals on every fetch of an unchanged set are reported once.
      if (refused.equals(lastRefused)) {
        return;
      }
      lastRefused = refused;
    }
    for (JwkSetParser.Refused r : refused) {
      SecurityEvent.Builder b =
          SecurityEvent.builder(SecurityEventType.KEY_REFUSED, clock.instant())
              .reason(r.reason())
              .detail("issuer", policy.issuer())
              .detail("uri", uri.toString())
              .detail("kid", r.kid() == null ? "" : r.kid());
      if (r.reason() == JwkSetParser.KeyRefusal.PRIVATE_KEY_MATERIAL) {
        // A published private key is compromised: whoever holds it can sign as the provider.
        b.severity(Severity.CRITICAL);
      }
      SecurityEventListener.deliver(events, b.build());
    }
  }
}
