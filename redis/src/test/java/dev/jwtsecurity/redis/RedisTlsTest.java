package dev.jwtsecurity.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.StoreUnavailableException;
import dev.jwtsecurity.refresh.RefreshTokenFamily;
import dev.jwtsecurity.refresh.RefreshTokenRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code rediss://} against a TLS-only {@code redis-server} of the test's own, whose certificate
 * (from a throw-away CA, made with {@code openssl}) names 127.0.0.1 only. The CA reaches the client
 * the documented way: the JVM trust store ({@code javax.net.ssl.trustStore}). Host names are
 * verified: the same server reached as {@code localhost} is refused.
 */
class RedisTlsTest {

  private static Path dir;
  private static RedisServer server;
  private static final String[] TRUST_PROPERTIES = {
    "javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword", "javax.net.ssl.trustStoreType"
  };
  private static final String[] saved = new String[TRUST_PROPERTIES.length];

  @BeforeAll
  static void start() throws Exception {
    if (!RedisServer.installed() || !openssl("version")) {
      TestRedis.skip("redis-server or openssl is not installed; the TLS test SKIPPED");
    }
    dir = Files.createTempDirectory("jwtsec-tls");
    Files.writeString(dir.resolve("ext.cnf"), "subjectAltName=IP:127.0.0.1\n");
    boolean made =
        openssl(
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=jwtsec-test-ca",
                "-keyout",
                "ca.key",
                "-out",
                "ca.crt")
            && openssl(
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-subj",
                "/CN=127.0.0.1",
                "-keyout",
                "server.key",
                "-out",
                "server.csr")
            && openssl(
                "x509",
                "-req",
                "-in",
                "server.csr",
                "-CA",
                "ca.crt",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-days",
                "1",
                "-extfile",
                "ext.cnf",
                "-out",
                "server.crt");
    assertThat(made).as("openssl made the test certificates").isTrue();

    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(dir.resolve("ca.crt"))) {
      trust.setCertificateEntry(
          "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    Path store = dir.resolve("trust.p12");
    try (OutputStream out = Files.newOutputStream(store)) {
      trust.store(out, "changeit".toCharArray());
    }
    for (int i = 0; i < TRUST_PROPERTIES.length; i++) {
      saved[i] = System.getProperty(TRUST_PROPERTIES[i]);
    }
    System.setProperty("javax.net.ssl.trustStore", store.toString());
    System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
    System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");

    server =
        RedisServer.startTlsOrSkip(
            dir.resolve("server.crt"), dir.resolve("server.key"), dir.resolve("ca.crt"));
  }

  @AfterAll
  static void stop() throws IOException {
    for (int i = 0; i < TRUST_PROPERTIES.length; i++) {
      if (saved[i] == null) {
        System.clearProperty(TRUST_PROPERTIES[i]);
      } else {
        System.setProperty(TRUST_PROPERTIES[i], saved[i]);
      }
    }
    if (server != null) {
      server.close();
    }
    if (dir != null) {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  private static boolean openssl(String... args) throws IOException, InterruptedException {
    Process p;
    try {
      p =
          new ProcessBuilder(
                  java.util.stream.Stream.concat(
                          java.util.stream.Stream.of("openssl"), List.of(args).stream())
                      .toList())
              .directory(dir == null ? null : dir.toFile())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      return false;
    }
    p.getInputStream().readAllBytes();
    return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  @Test
  void rediss_certificateForTheHostFromATrustedCa_works() {
    // A roomy timeout: the first TLS handshake of a JVM can take over a second on a busy machine,
    // and this test is about the certificate check, not about timeouts.
    try (RedisStores stores =
        RedisStores.builder()
            .uri("rediss://127.0.0.1:" + server.port)
            .keyPrefix("tls")
            .commandTimeout(Duration.ofSeconds(10))
            .build()) {
      Instant now = Instant.now();
      RefreshTokenFamily family =
          new RefreshTokenFamily("f1", "alice", now, now.plus(Duration.ofHours(1)));
      RefreshTokenRecord token =
          new RefreshTokenRecord("l1", "f1", "h", now, now.plus(Duration.ofMinutes(5)));
      stores.refreshTokenStore().create(family, token);
      assertThat(stores.refreshTokenStore().findByLookupId("l1").orElseThrow().family())
          .isEqualTo(family);
    }
  }

  @Test
  void rediss_hostNameNotInTheCertificate_isRefused() {
    assertThatThrownBy(() -> RedisStores.builder().uri("rediss://localhost:" + server.port).build())
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("cannot connect to Redis at localhost:" + server.port)
        .hasRootCauseInstanceOf(java.security.cert.CertificateException.class)
        .rootCause()
        .hasMessageContaining("localhost");
  }

  @Test
  void plaintextToTheTlsPort_isRefused() {
    assertThatThrownBy(
            () ->
                RedisStores.builder()
                    .uri("redis://127.0.0.1:" + server.port)
                    .commandTimeout(Duration.ofMillis(500))
                    .build())
        .isInstanceOf(StoreUnavailableException.class);
  }
}
