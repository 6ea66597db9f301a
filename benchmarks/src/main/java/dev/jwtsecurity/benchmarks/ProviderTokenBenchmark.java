package dev.jwtsecurity.benchmarks;

import static dev.jwtsecurity.benchmarks.Fixtures.AUDIENCE;
import static dev.jwtsecurity.benchmarks.Fixtures.ISSUER;
import static dev.jwtsecurity.benchmarks.Fixtures.KID;
import static dev.jwtsecurity.benchmarks.Fixtures.SKEW_SECONDS;
import static dev.jwtsecurity.benchmarks.Fixtures.SUBJECT;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.sun.net.httpserver.HttpServer;
import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.InvalidTokenException;
import dev.jwtsecurity.token.JwtKey;
import dev.jwtsecurity.token.ProviderTokenValidator;
import dev.jwtsecurity.token.TrustedIssuer;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Another issuer's access token, as identity providers write them: header by another library (auth0
 * java-jwt: {@code typ: JWT}, its own member order), claims {@code iss}, {@code aud}, {@code sub},
 * {@code iat}, {@code nbf}, {@code exp}, {@code jti} and a {@code roles} array that the caller
 * reads. HS256 and RS256, each against the JCA floor ({@link JcaProviderFloor}) and auth0 java-jwt;
 * RS256 also with the key from a warm remote key cache (a JWK Set served on loopback) against the
 * same key pinned. Goals: ours at most 1.25x the floor and ahead of auth0; the warm cache at most
 * 1.1x the pinned key.
 *
 * <p>The RS256 rows also report {@code cpuUsPerOp}, the benchmark thread's own CPU time per token:
 * on a shared machine, wall time counts the time other processes hold the core, CPU time does not,
 * so the ratio of CPU times survives a load that makes the wall-time ratio meaningless.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ProviderTokenBenchmark {

  /** Tokens, validators and the JWK Set server, shared by every thread. */
  @State(Scope.Benchmark)
  public static class Shared {
    byte[] secret;
    KeyPair rsa;
    String hsToken;
    String rsToken;
    ProviderTokenValidator hsOurs;
    ProviderTokenValidator rsPinned;
    ProviderTokenValidator rsRemote;
    JWTVerifier hsAuth0;
    JWTVerifier rsAuth0;
    HttpServer jwks;

    @Setup
    public void setUp() throws Exception {
      secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      rsa = Fixtures.generate(Algorithm.RS256);
      com.auth0.jwt.algorithms.Algorithm hs = com.auth0.jwt.algorithms.Algorithm.HMAC256(secret);
      com.auth0.jwt.algorithms.Algorithm rs =
          com.auth0.jwt.algorithms.Algorithm.RSA256(
              (RSAPublicKey) rsa.getPublic(), (RSAPrivateKey) rsa.getPrivate());
      hsToken = token(hs);
      rsToken = token(rs);

      JwtKey hsKey = JwtKey.hmac(KID, Algorithm.HS256, secret);
      JwtKey rsKey = JwtKey.verificationOnly(KID, Algorithm.RS256, rsa.getPublic());
      hsOurs = pinned(hsKey);
      rsPinned = pinned(rsKey);

      byte[] set = JwtKey.toPublicJwkSet(List.of(rsKey)).getBytes(StandardCharsets.UTF_8);
      jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      jwks.createContext(
          "/jwks",
          ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
            ex.sendResponseHeaders(200, set.length);
            try (OutputStream out = ex.getResponseBody()) {
              out.write(set);
            }
          });
      jwks.start();
      rsRemote =
          ProviderTokenValidator.builder()
              .trust(
                  TrustedIssuer.builder(ISSUER)
                      .jwksUri("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks")
                      .audiences(AUDIENCE)
                      .algorithms(Algorithm.RS256)
                      .cacheTtl(Duration.ofHours(1), Duration.ofHours(1))
                      .unsafeAllowPlainHttpOnLoopback()
                      .build())
              .events(e -> {})
              .build();

      hsAuth0 = auth0(hs);
      rsAuth0 = auth0(rs);

      String hsBad = Fixtures.tamperSignature(hsToken);
      String rsBad = Fixtures.tamperSignature(rsToken);
      Fixtures.proveChecks("ours hs256", () -> roles(hsOurs, hsToken), () -> roles(hsOurs, hsBad));
      Fixtures.proveChecks(
          "ours rs256", () -> roles(rsPinned, rsToken), () -> roles(rsPinned, rsBad));
      Fixtures.proveChecks(
          "remote rs256", () -> roles(rsRemote, rsToken), () -> roles(rsRemote, rsBad));
      Fixtures.proveChecks(
          "auth0 hs256", () -> auth0Roles(hsAuth0, hsToken), () -> auth0Roles(hsAuth0, hsBad));
      Fixtures.proveChecks(
          "auth0 rs256", () -> auth0Roles(rsAuth0, rsToken), () -> auth0Roles(rsAuth0, rsBad));
    }

    @TearDown
    public void tearDown() {
      jwks.stop(0);
    }

    static String token(com.auth0.jwt.algorithms.Algorithm alg) {
      Instant now = Instant.now();
      return JWT.create()
          .withKeyId(KID)
          .withIssuer(ISSUER)
          .withAudience(AUDIENCE)
          .withSubject(SUBJECT)
          .withIssuedAt(Date.from(now))
          .withNotBefore(Date.from(now))
          .withExpiresAt(Date.from(now.plus(Duration.ofHours(2))))
          .withJWTId("7c1f3a9e-42d4-4c3e-9a57-0d5b2f6e8a11")
          .withArrayClaim("roles", new String[] {"user", "auditor"})
          .sign(alg);
    }

    static ProviderTokenValidator pinned(JwtKey key) {
      return ProviderTokenValidator.builder()
          .trust(TrustedIssuer.builder(ISSUER).keys(List.of(key)).audiences(AUDIENCE).build())
          .events(e -> {})
          .build();
    }

    static JWTVerifier auth0(com.auth0.jwt.algorithms.Algorithm alg) {
      return JWT.require(alg)
          .withIssuer(ISSUER)
          .withAudience(AUDIENCE)
          .withClaimPresence("sub")
          .withClaimPresence("exp")
          .withClaimPresence("iat")
          .withClaimPresence("jti")
          .acceptLeeway(SKEW_SECONDS)
          .build();
    }
  }

  /** The floors cache their JCA objects, so each thread has its own. */
  @State(Scope.Thread)
  public static class Floors {
    JcaProviderFloor hs;
    JcaProviderFloor rs;

    @Setup
    public void setUp(Shared s) {
      hs =
          JcaProviderFloor.hs256(
              new SecretKeySpec(s.secret, "HmacSHA256"),
              KID,
              ISSUER,
              AUDIENCE,
              Clock.systemUTC(),
              SKEW_SECONDS);
      rs =
          JcaProviderFloor.rs256(
              s.rsa.getPublic(), KID, ISSUER, AUDIENCE, Clock.systemUTC(), SKEW_SECONDS);
      Fixtures.proveChecks(
          "floor hs256",
          () -> hs.validate(s.hsToken),
          () -> hs.validate(Fixtures.tamperSignature(s.hsToken)));
      Fixtures.proveChecks(
          "floor rs256",
          () -> rs.validate(s.rsToken),
          () -> rs.validate(Fixtures.tamperSignature(s.rsToken)));
    }
  }

  static Set<String> roles(ProviderTokenValidator v, String token) throws InvalidTokenException {
    return v.validate(token).roles();
  }

  static List<String> auth0Roles(JWTVerifier v, String token) {
    if (!"JWT".equals(v.verify(token).getType())) {
      throw new IllegalArgumentException("typ");
    }
    return v.verify(token).getClaim("roles").asList(String.class);
  }

  @Benchmark
  public Set<String> hs256_ours(Shared s) throws InvalidTokenException {
    return roles(s.hsOurs, s.hsToken);
  }

  @Benchmark
  public List<String> hs256_jcaFloor(Shared s, Floors f) {
    return f.hs.validate(s.hsToken);
  }

  @Benchmark
  public List<String> hs256_auth0(Shared s) {
    return s.hsAuth0.verify(s.hsToken).getClaim("roles").asList(String.class);
  }

  /**
   * CPU time per token, from the thread's own CPU clock: read once per call (the difference to the
   * previous read covers one call and the harness loop), so every row pays the same one read.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class CpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private long last;
    private long cpuNanos;
    private long calls;

    /** The average so far: JMH reports the last value of each iteration. */
    public double cpuUsPerOp;

    @Setup(Level.Iteration)
    public void reset() {
      last = 0;
      cpuNanos = 0;
      calls = 0;
      cpuUsPerOp = 0;
    }

    void tick() {
      long now = THREADS.getCurrentThreadCpuTime();
      if (last != 0) {
        cpuNanos += now - last;
        calls++;
        cpuUsPerOp = cpuNanos / 1e3 / calls;
      }
      last = now;
    }
  }

  @Benchmark
  public Set<String> rs256_ours(Shared s, CpuTime cpu) throws InvalidTokenException {
    cpu.tick();
    return roles(s.rsPinned, s.rsToken);
  }

  @Benchmark
  public Set<String> rs256_remoteCache(Shared s, CpuTime cpu) throws InvalidTokenException {
    cpu.tick();
    return roles(s.rsRemote, s.rsToken);
  }

  @Benchmark
  public List<String> rs256_jcaFloor(Shared s, Floors f, CpuTime cpu) {
    cpu.tick();
    return f.rs.validate(s.rsToken);
  }

  @Benchmark
  public List<String> rs256_auth0(Shared s, CpuTime cpu) {
    cpu.tick();
    return s.rsAuth0.verify(s.rsToken).getClaim("roles").asList(String.class);
  }
}
