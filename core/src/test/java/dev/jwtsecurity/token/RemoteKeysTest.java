package dev.jwtsecurity.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.audit.SecurityEventType.Severity;
import dev.jwtsecurity.testing.ManualClock;
import dev.jwtsecurity.testing.ScriptedServer;
import dev.jwtsecurity.testing.TestKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The remote key cache against a scripted JWK Set server: what a real provider does (cache headers,
 * discovery, rotation) and what it will not do on demand (fail, stall, answer huge or wrong,
 * redirect elsewhere, publish bad keys).
 */
class RemoteKeysTest {

  static final JwtKey K1 = TestKeys.signingKey(Algorithm.RS256, "k1");
  static final JwtKey K2 = TestKeys.signingKey(Algorithm.ES256, "k2");

  ScriptedServer server;
  ManualClock clock;
  final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = ScriptedServer.start();
    clock = ManualClock.at("2026-11-27T12:00:00Z");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  RemoteKeys remote(Consumer<TrustedIssuer.Builder> options) {
    TrustedIssuer.Builder b =
        TrustedIssuer.builder("https://issuer.example")
            .jwksUri(server.url("/jwks"))
            .audiences("api")
            .unsafeAllowPlainHttpOnLoopback();
    options.accept(b);
    return new RemoteKeys(b.build().remote(), clock, events::add);
  }

  RemoteKeys remote() {
    return remote(b -> {});
  }

  List<SecurityEvent> events(SecurityEventType type) {
    return events.stream().filter(e -> e.type() == type).toList();
  }

  List<String> failureReasons() {
    return events(SecurityEventType.KEY_SOURCE_FAIL).stream().map(SecurityEvent::reason).toList();
  }

  static String set(JwtKey... keys) {
    return JwtKey.toPublicJwkSet(List.of(keys));
  }

  static void await(Predicate<Void> condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.test(null)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(10);
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- caching, TTL, refresh ahead ---------------------------------------------------------

  @Test
  void keysFor_knownKids_oneFetchServesEveryLookup() {
    server.jwks("/jwks", set(K1, K2));
    RemoteKeys keys = remote();
    for (int i = 0; i < 100; i++) {
      assertThat(keys.keysFor(i % 2 == 0 ? "k1" : "k2").byKid).containsOnlyKeys("k1", "k2");
    }
    assertThat(server.hits("/jwks")).isEqualTo(1);
    assertThat(events).isEmpty();
  }

  @Test
  void ttlMillis_maxAgeHeldWithinBounds() {
    RemoteKeys keys = remote(b -> b.cacheTtl(Duration.ofMinutes(5), Duration.ofHours(1)));
    assertThat(keys.ttlMillis(-1)).isEqualTo(300_000); // no header: the lower bound
    assertThat(keys.ttlMillis(0)).isEqualTo(300_000); // no-cache, no-store
    assertThat(keys.ttlMillis(60)).isEqualTo(300_000);
    assertThat(keys.ttlMillis(900)).isEqualTo(900_000);
    assertThat(keys.ttlMillis(86_400)).isEqualTo(3_600_000);
    assertThat(keys.ttlMillis(Long.MAX_VALUE / 10)).isEqualTo(3_600_000);
  }

  @Test
  void maxAge_readsCacheControl() {
    assertThat(JwksHttp.maxAge(List.of("public, max-age=600"))).isEqualTo(600);
    assertThat(JwksHttp.maxAge(List.of("max-age=\"60\""))).isEqualTo(60);
    assertThat(JwksHttp.maxAge(List.of("no-cache"))).isZero();
    assertThat(JwksHttp.maxAge(List.of("max-age=600, no-store"))).isZero();
    assertThat(JwksHttp.maxAge(List.of("max-age=-5"))).isEqualTo(-1);
    assertThat(JwksHttp.maxAge(List.of("max-age=99999999999999"))).isEqualTo(-1);
    assertThat(JwksHttp.maxAge(List.of())).isEqualTo(-1);
  }

  @Test
  void keysFor_beforeThreeQuartersOfMaxAge_noFetch() {
    server.jwks("/jwks", set(K1), "Cache-Control", "max-age=600");
    RemoteKeys keys = remote();
    keys.keysFor("k1");
    clock.advance(Duration.ofSeconds(449));
    keys.keysFor("k1");
    assertThat(server.hits("/jwks")).isEqualTo(1);
  }

  @Test
  void keysFor_afterRefreshPoint_servesCurrentKeysAndRefreshesInTheBackground() throws Exception {
    server.jwks("/jwks", set(K1), "Cache-Control", "max-age=600");
    RemoteKeys keys = remote();
    keys.keysFor("k1");
    // The provider rotates and has become slow.
    byte[] rotated = set(K1, K2).getBytes(StandardCharsets.UTF_8);
    server.on(
        "/jwks",
        ex -> {
          sleep(400);
          ScriptedServer.send(ex, 200, "application/json", rotated);
        });
    clock.advance(Duration.ofSeconds(451));
    long t0 = System.nanoTime();
    RemoteKeys.KeySet served = keys.keysFor("k1");
    long tookMs = (System.nanoTime() - t0) / 1_000_000;
    assertThat(served.byKid).containsOnlyKeys("k1");
    assertThat(tookMs).as("the request did not wait for the refresh").isLessThan(300);
    await(x -> keys.keysFor("k1").byKid.containsKey("k2"));
    assertThat(server.hits("/jwks")).isEqualTo(2);
    assertThat(keys.fetchCount()).isEqualTo(2);
  }

  @Test
  void keysFor_afterExpiry_fetchesBeforeServing() {
    server.jwks("/jwks", set(K1));
    RemoteKeys keys = remote();
    keys.keysFor("k1");
    server.jwks("/jwks", set(K2));
    clock.advance(Duration.ofMinutes(6)); // beyond the 5-minute lower bound
    assertThat(keys.keysFor("k2").byKid).containsOnlyKeys("k2");
    assertThat(server.hits("/jwks")).isEqualTo(2);
  }

  // ---- unknown kid: rate limit, shared fetches ------------------------------------------------

  @Test
  void keysFor_unknownKid_atMostOneFetchPerInterval() {
    server.jwks("/jwks", set(K1));
    RemoteKeys keys = remote(b -> b.unknownKeyFetchInterval(Duration.ofSeconds(30)));
    keys.keysFor("k1");
    assertThat(keys.keysFor("nope-1").has("nope-1")).isFalse();
    assertThat(keys.keysFor("nope-2").has("nope-2")).isFalse();
    assertThat(server.hits("/jwks")).isEqualTo(2); // the first miss fetched, the second did not
    clock.advance(Duration.ofSeconds(29));
    keys.keysFor("nope-3");
    assertThat(server.hits("/jwks")).isEqualTo(2);
    server.jwks("/jwks", set(K1, K2)); // the provider rotated
    clock.advance(Duration.ofSeconds(1));
    assertThat(keys.keysFor("k2").has("k2")).isTrue();
    assertThat(server.hits("/jwks")).isEqualTo(3);
  }

  @Test
  void keysFor_thousandConcurrentUnknownKids_oneFetch() throws Exception {
    byte[] body = set(K1).getBytes(StandardCharsets.UTF_8);
    server.on(
        "/jwks",
        ex -> {
          sleep(200);
          ScriptedServer.send(ex, 200, "application/json", body);
        });
    RemoteKeys keys = remote();
    keys.keysFor("k1");
    assertThat(server.hits("/jwks")).isEqualTo(1);
    ExecutorService pool = Executors.newFixedThreadPool(200);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> found = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        String kid = "forged-" + i;
        found.add(
            pool.submit(
                () -> {
                  go.await();
                  RemoteKeys.KeySet s = keys.keysFor(kid);
                  return s != null && s.has(kid);
                }));
      }
      go.countDown();
      for (Future<Boolean> f : found) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isFalse();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.hits("/jwks"))
        .as("the initial fetch and one for all the misses")
        .isEqualTo(2);
    assertThat(keys.fetchCount()).isEqualTo(2);
  }

  @Test
  void keysFor_concurrentFirstRequests_shareOneFetch() throws Exception {
    byte[] body = set(K1).getBytes(StandardCharsets.UTF_8);
    server.on(
        "/jwks",
        ex -> {
          sleep(300);
          ScriptedServer.send(ex, 200, "application/json", body);
        });
    RemoteKeys keys = remote(b -> {}); // default timeouts: a cold, loaded machine is slow
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<RemoteKeys.KeySet>> sets = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        sets.add(
            pool.submit(
                () -> {
                  go.await();
                  return keys.keysFor("k1");
                }));
      }
      go.countDown();
      for (Future<RemoteKeys.KeySet> f : sets) {
        assertThat(f.get(10, TimeUnit.SECONDS).has("k1")).as(events.toString()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.hits("/jwks")).isEqualTo(1);
  }

  // ---- outages and garbage ------------------------------------------------------------------

  @Test
  void keysFor_providerDown_cachedKeysServeUnknownKidRefusedThenStaleBounded() {
    server.jwks("/jwks", set(K1));
    RemoteKeys keys = remote(b -> b.outageTolerance(Duration.ofMinutes(30)));
    keys.keysFor("k1");
    server.on(
        "/jwks",
        ex -> ScriptedServer.send(ex, 503, "text/plain", "down".getBytes(StandardCharsets.UTF_8)));

    // Within the TTL: the cache serves, an unknown kid fetches (and fails), a failure is an event.
    assertThat(keys.keysFor("k1").has("k1")).isTrue();
    assertThat(keys.keysFor("k9").has("k9")).isFalse();
    assertThat(failureReasons()).containsExactly("HTTP_STATUS");
    assertThat(events(SecurityEventType.KEY_SOURCE_FAIL).get(0).details())
        .containsEntry("status", "503")
        .containsEntry("serving", "cached");

    // Expired, within the outage tolerance: the last good set still serves.
    clock.advance(Duration.ofMinutes(20));
    assertThat(keys.keysFor("k1").has("k1")).isTrue();
    assertThat(events(SecurityEventType.KEY_SOURCE_FAIL).get(1).details())
        .containsEntry("serving", "stale");

    // Beyond it: nothing serves.
    clock.advance(Duration.ofMinutes(16));
    assertThat(keys.keysFor("k1")).isNull();
  }

  @Test
  void keysFor_failedRefresh_retriedAtMostOncePerInterval() {
    server.jwks("/jwks", set(K1));
    RemoteKeys keys = remote(b -> b.unknownKeyFetchInterval(Duration.ofSeconds(30)));
    keys.keysFor("k1");
    server.on(
        "/jwks",
        ex -> ScriptedServer.send(ex, 500, "text/plain", "x".getBytes(StandardCharsets.UTF_8)));
    clock.advance(Duration.ofMinutes(6));
    for (int i = 0; i < 50; i++) {
      assertThat(keys.keysFor("k1").has("k1")).isTrue();
    }
    assertThat(server.hits("/jwks")).isEqualTo(2);
    clock.advance(Duration.ofSeconds(30));
    keys.keysFor("k1");
    assertThat(server.hits("/jwks")).isEqualTo(3);
  }

  @Test
  void keysFor_neverReachedProvider_returnsNullAndReports() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    int port = closedPort;
    RemoteKeys keys =
        new RemoteKeys(
            TrustedIssuer.builder("https://issuer.example")
                .jwksUri("http://127.0.0.1:" + port + "/jwks")
                .audiences("api")
                .unsafeAllowPlainHttpOnLoopback()
                .build()
                .remote(),
            clock,
            events::add);
    assertThat(keys.keysFor("k1")).isNull();
    assertThat(failureReasons()).containsExactly("UNREACHABLE");
    assertThat(events.get(0).details()).containsEntry("serving", "none");
  }

  @Test
  void keysFor_garbageAnswers_neverReplaceTheLastGoodSet() {
    server.jwks("/jwks", set(K1));
    RemoteKeys keys = remote(b -> b.unknownKeyFetchInterval(Duration.ofSeconds(1)));
    keys.keysFor("k1");
    List<String> garbage =
        List.of(
            "{\"keys\":[]}",
            "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"x\",\"n\":\"AAAA\",\"e\":\"AQAB\"}]}",
            "<html>maintenance</html>",
            "{\"keys\":[], \"keys\":[]}",
            "{\"nokeys\":true}");
    for (String g : garbage) {
      server.json("/jwks", "application/json", g);
      clock.advance(Duration.ofMinutes(6));
      assertThat(keys.keysFor("k1").byKid).containsOnlyKeys("k1");
    }
    assertThat(failureReasons())
        .containsExactly("NO_USABLE_KEYS", "NO_USABLE_KEYS", "MALFORMED", "MALFORMED", "MALFORMED");
  }

  // ---- hostile network answers ------------------------------------------------------------------

  @Test
  void keysFor_slowAnswer_cutOffAtTheTimeout() {
    server.on(
        "/jwks",
        ex -> {
          sleep(3000);
          ScriptedServer.send(
              ex, 200, "application/json", set(K1).getBytes(StandardCharsets.UTF_8));
        });
    RemoteKeys keys = remote(b -> b.fetchTimeout(Duration.ofMillis(300)));
    long t0 = System.nanoTime();
    assertThat(keys.keysFor("k1")).isNull();
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2000);
    assertThat(failureReasons()).containsExactly("TIMEOUT");
  }

  @Test
  void keysFor_tricklingBody_cutOffAtTheTimeout() {
    byte[] body = set(K1).getBytes(StandardCharsets.UTF_8);
    server.on(
        "/jwks",
        ex -> {
          ex.getResponseHeaders().set("Content-Type", "application/json");
          ex.sendResponseHeaders(200, body.length);
          try (OutputStream out = ex.getResponseBody()) {
            for (byte b : body) {
              out.write(b);
              out.flush();
              sleep(50);
            }
          }
        });
    RemoteKeys keys = remote(b -> b.fetchTimeout(Duration.ofMillis(400)));
    long t0 = System.nanoTime();
    assertThat(keys.keysFor("k1")).isNull();
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2500);
    assertThat(failureReasons()).containsExactly("TIMEOUT");
  }

  @Test
  void keysFor_hugeAnswerWithContentLength_refusedBeforeReading() {
    server.on(
        "/jwks",
        ex -> {
          ex.getResponseHeaders().set("Content-Type", "application/json");
          ex.sendResponseHeaders(200, 50L * 1024 * 1024);
          try (OutputStream out = ex.getResponseBody()) {
            byte[] chunk = new byte[64 * 1024];
            for (int i = 0; i < 800; i++) {
              out.write(chunk);
            }
          }
        });
    RemoteKeys keys = remote();
    assertThat(keys.keysFor("k1")).isNull();
    assertThat(failureReasons()).containsExactly("TOO_LARGE");
  }

  @Test
  void keysFor_hugeChunkedAnswer_cutOffAtTheCap() {
    server.on(
        "/jwks",
        ex -> {
          ex.getResponseHeaders().set("Content-Type", "application/json");
          ex.sendResponseHeaders(200, 0); // chunked: no length announced
          try (OutputStream out = ex.getResponseBody()) {
            byte[] chunk = "{\"keys\":[".repeat(1000).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 2000; i++) {
              out.write(chunk);
            }
          }
        });
    RemoteKeys keys = remote(b -> b.maxResponseBytes(64 * 1024));
    assertThat(keys.keysFor("k1")).isNull();
    assertThat(failureReasons()).containsExactly("TOO_LARGE");
  }

  @Test
  void keysFor_redirectToAnotherHost_refusedAndNotFollowed() {
    server.jwks("/elsewhere", set(K1));
    // Same machine, same port, but another host name: another origin.
    server.on(
        "/jwks",
        ex -> ScriptedServer.redirect(ex, 302, "http://localhost:" + server.port() + "/elsewhere"));
    RemoteKeys keys = remote();
    assertThat(keys.keysFor("k1")).isNull();
    assertThat(failureReasons()).containsExactly("REDIRECT_REFUSED");
    assertThat(server.hits("/elsewhere")).isZero();
  }

  @Test
  void keysFor_redirectOnTheSameOrigin_followed() {
    server.jwks("/v2/jwks", set(K1));
    server.on("/jwks", ex -> ScriptedServer.redirect(ex, 301, "/v2/jwks"));
    RemoteKeys keys = remote();
    assertThat(keys.keysFor("k1").has("k1")).isTrue();
  }

  @Test
  void keysFor_redirectLoop_refusedAfterThreeHops() {
    server.on("/jwks", ex -> ScriptedServer.redirect(ex, 307, "/jwks"));
    RemoteKeys keys = remote();
    assertThat(keys.keysFor("k1")).isNull();
    assertThat(failureReasons()).containsExactly("REDIRECT_REFUSED");
    assertThat(server.hits("/jwks")).isEqualTo(JwksHttp.MAX_REDIRECTS + 1);
  }

  @Test
  void sameOrigin_schemeHostAndPortMustAllMatch() {
    URI a = URI.create("https://idp.example/jwks");
    assertThat(JwksHttp.sameOrigin(a, URI.create("https://IDP.example:443/other"))).isTrue();
    assertThat(JwksHttp.sameOrigin(a, URI.create("http://idp.example/jwks"))).isFalse();
    assertThat(JwksHttp.sameOrigin(a, URI.create("https://idp.example:8443/jwks"))).isFalse();
    assertThat(JwksHttp.sameOrigin(a, URI.create("https://evil.example/jwks"))).isFalse();
    assertThat(JwksHttp.sameOrigin(a, URI.create("https://idp.example.evil.example/"))).isFalse();
  }

  @Test
  void keysFor_wrongOrMissingContentType_refused() {
    server.json("/jwks", "text/html; charset=utf-8", set(K1));
    RemoteKeys keys = remote(b -> b.unknownKeyFetchInterval(Duration.ofSeconds(1)));
    assertThat(keys.keysFor("k1")).isNull();
    server.json("/jwks", null, set(K1));
    clock.advance(Duration.ofSeconds(1));
    assertThat(keys.keysFor("k1")).isNull();
    server.json("/jwks", "Application/JWK-Set+JSON; charset=UTF-8", set(K1));
    clock.advance(Duration.ofSeconds(1));
    assertThat(keys.keysFor("k1").has("k1")).isTrue();
    assertThat(failureReasons()).containsExactly("WRONG_CONTENT_TYPE", "WRONG_CONTENT_TYPE");
  }

  @Test
  void keysFor_sendsNoCookieBack() {
    List<String> cookies = new CopyOnWriteArrayList<>();
    byte[] body = set(K1).getBytes(StandardCharsets.UTF_8);
    server.on(
        "/jwks",
        ex -> {
          List<String> c = ex.getRequestHeaders().get("Cookie");
          if (c != null) {
            cookies.addAll(c);
          }
          ex.getResponseHeaders().add("Set-Cookie", "tracking=1; Path=/");
          ScriptedServer.send(ex, 200, "application/json", body);
        });
    RemoteKeys keys = remote();
    keys.keysFor("k1");
    clock.advance(Duration.ofMinutes(6));
    keys.keysFor("k1");
    assertThat(server.hits("/jwks")).isEqualTo(2);
    assertThat(cookies).isEmpty();
  }

  // ---- refused keys ---------------------------------------------------------------------------

  @Test
  void keysFor_refusedKeys_reportedOnceTheRestServes() {
    String leaked = TestKeys.signingKey(Algorithm.ES256, "leaked").toPrivateJwk();
    String body =
        "{\"keys\":[" + K1.toPublicJwk() + "," + leaked + ",{\"kty\":\"PQC\",\"kid\":\"new\"}]}";
    server.jwks("/jwks", body);
    RemoteKeys keys = remote();
    assertThat(keys.keysFor("k1").byKid).containsOnlyKeys("k1");
    List<SecurityEvent> refused = events(SecurityEventType.KEY_REFUSED);
    assertThat(refused)
        .extracting(SecurityEvent::reason)
        .containsExactly("PRIVATE_KEY_MATERIAL", "UNKNOWN_KEY_TYPE");
    assertThat(refused.get(0).severity()).isEqualTo(Severity.CRITICAL);
    assertThat(refused.get(0).details()).containsEntry("kid", "leaked");
    assertThat(refused.get(1).severity()).isEqualTo(Severity.WARN);
    // An unchanged set is not reported again.
    clock.advance(Duration.ofMinutes(6));
    keys.keysFor("k1");
    assertThat(server.hits("/jwks")).isEqualTo(2);
    assertThat(events(SecurityEventType.KEY_REFUSED)).hasSize(2);
  }

  @Test
  void keysFor_eventsNeverCarryKeyMaterial() {
    String leaked = TestKeys.signingKey(Algorithm.RS256, "leaked").toPrivateJwk();
    server.jwks("/jwks", "{\"keys\":[" + leaked + "]}");
    RemoteKeys keys = remote();
    assertThat(keys.keysFor("leaked")).isNull();
    String d = leaked.replaceAll(".*\"d\":\"([^\"]{20}).*", "$1");
    assertThat(events.toString()).doesNotContain(d).contains("PRIVATE_KEY_MATERIAL");
  }

  // ---- discovery -------------------------------------------------------------------------------

  RemoteKeys discovering(String issuer) {
    return new RemoteKeys(
        TrustedIssuer.builder(issuer)
            .discoverKeys()
            .audiences("api")
            .unsafeAllowPlainHttpOnLoopback()
            .unknownKeyFetchInterval(Duration.ofSeconds(1))
            .build()
            .remote(),
        clock,
        events::add);
  }

  static String metadata(String issuer, String jwksUri) {
    return "{\"issuer\":\""
        + issuer
        + "\",\"jwks_uri\":\""
        + jwksUri
        + "\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
  }

  @Test
  void keysFor_openIdDiscovery_keysFromTheDiscoveredUriOnly() {
    String issuer = server.url("/realms/acme");
    server.json(
        "/realms/acme/.well-known/openid-configuration",
        "application/json",
        metadata(issuer, server.url("/realms/acme/certs")));
    server.jwks("/realms/acme/certs", set(K1));
    RemoteKeys keys = discovering(issuer);
    assertThat(keys.keysFor("k1").has("k1")).isTrue();
    assertThat(keys.jwksUri()).isEqualTo(server.uri("/realms/acme/certs"));
    // Discovery happens once; later fetches go to the key set directly.
    clock.advance(Duration.ofMinutes(6));
    keys.keysFor("k1");
    assertThat(server.hits("/realms/acme/.well-known/openid-configuration")).isEqualTo(1);
    assertThat(server.hits("/realms/acme/certs")).isEqualTo(2);
  }

  @Test
  void keysFor_rfc8414Discovery_triedWhenOpenIdConfigurationIsAbsent() {
    String issuer = server.url("/tenant/");
    server.json(
        "/.well-known/oauth-authorization-server/tenant",
        "application/json",
        metadata(issuer, server.url("/keys")));
    server.jwks("/keys", set(K1));
    RemoteKeys keys = discovering(issuer);
    assertThat(keys.keysFor("k1").has("k1")).isTrue();
    assertThat(server.hits("/tenant/.well-known/openid-configuration")).isEqualTo(1); // a 404
  }

  @Test
  void discoveryUris_appendForOpenIdInsertForRfc8414() {
    assertThat(RemoteKeys.discoveryUris("https://idp.example"))
        .containsExactly(
            URI.create("https://idp.example/.well-known/openid-configuration"),
            URI.create("https://idp.example/.well-known/oauth-authorization-server"));
    assertThat(RemoteKeys.discoveryUris("https://idp.example:8443/realms/acme/"))
        .containsExactly(
            URI.create("https://idp.example:8443/realms/acme/.well-known/openid-configuration"),
            URI.create(
                "https://idp.example:8443/.well-known/oauth-authorization-server/realms/acme"));
  }

  @Test
  void keysFor_discoveredIssuerDiffers_refusedAndNoKeysFetched() {
    String issuer = server.url("/realms/acme");
    server.json(
        "/realms/acme/.well-known/openid-configuration",
        "application/json",
        metadata(issuer + "/", server.url("/certs"))); // one character off
    server.jwks("/certs", set(K1));
    RemoteKeys keys = discovering(issuer);
    assertThat(keys.keysFor("k1")).isNull();
    assertThat(failureReasons()).containsExactly("ISSUER_MISMATCH");
    assertThat(server.hits("/certs")).isZero();
    assertThat(keys.jwksUri()).isNull();
  }

  @Test
  void keysFor_discoveredJwksUriOverPlainHttpElsewhere_refusedWithoutConnecting() {
    String issuer = server.url("/realms/acme");
    server.json(
        "/realms/acme/.well-known/openid-configuration",
        "application/json",
        metadata(issuer, "http://keys.example/certs"));
    RemoteKeys keys = discovering(issuer);
    assertThat(keys.keysFor("k1")).isNull();
    assertThat(failureReasons()).containsExactly("INSECURE_URI");
  }

  @Test
  void keysFor_discoveryServerError_doesNotFallThroughToRfc8414() {
    String issuer = server.url("/realms/acme");
    server.on(
        "/realms/acme/.well-known/openid-configuration",
        ex -> ScriptedServer.send(ex, 500, "text/plain", "x".getBytes(StandardCharsets.UTF_8)));
    RemoteKeys keys = discovering(issuer);
    assertThat(keys.keysFor("k1")).isNull();
    assertThat(server.hits("/.well-known/oauth-authorization-server/realms/acme")).isZero();
    assertThat(failureReasons()).containsExactly("HTTP_STATUS");
  }

  @Test
  void keysFor_discoveryDocumentWithoutJwksUri_refused() {
    String issuer = server.url("/as");
    server.json(
        "/as/.well-known/openid-configuration",
        "application/json",
        "{\"issuer\":\"" + issuer + "\"}");
    RemoteKeys keys = discovering(issuer);
    assertThat(keys.keysFor("k1")).isNull();
    assertThat(failureReasons()).containsExactly("ISSUER_MISMATCH");
  }
}
