package dev.jwtsecurity.benchmarks;

import static dev.jwtsecurity.benchmarks.Fixtures.AUDIENCE;
import static dev.jwtsecurity.benchmarks.Fixtures.ISSUER;
import static dev.jwtsecurity.benchmarks.Fixtures.KID;
import static dev.jwtsecurity.benchmarks.Fixtures.SKEW_SECONDS;

import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.JWTVerifier;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.jwtsecurity.token.AccessTokenValidator;
import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.InvalidTokenException;
import dev.jwtsecurity.token.VerifiedAccessToken;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtParser;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * HS256 validation of one token with every check on, side by side: ours, raw jose4j, Nimbus, jjwt,
 * auth0 and the JCA floor ({@link JcaHs256Floor}). Goal: ours at most 1.5x the floor, allocating no
 * more per operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Hs256ValidationBenchmark {

  /** Thread-safe validators, shared by every thread, as an application would hold them. */
  @State(Scope.Benchmark)
  public static class Shared {
    Fixtures.Keyed hs;
    String token;
    AccessTokenValidator ours;
    JwtConsumer jose4j;
    DefaultJWTProcessor<SecurityContext> nimbus;
    JwtParser jjwt;
    JWTVerifier auth0;

    @Setup
    public void setUp() {
      hs = new Fixtures.Keyed(Algorithm.HS256);
      token = hs.token;
      ours = hs.validator;
      jose4j = Peers.jose4j("HS256", hs.hmacKey());
      nimbus = Peers.nimbus(JWSAlgorithm.HS256, hs.hmacKey());
      jjwt = Peers.jjwt(hs.hmacKey());
      auth0 = Peers.auth0(com.auth0.jwt.algorithms.Algorithm.HMAC256(hs.secret));
      String bad = hs.tampered();
      Fixtures.proveChecks("ours", () -> ours.validate(token), () -> ours.validate(bad));
      Fixtures.proveChecks(
          "jose4j", () -> jose4j.processToClaims(token), () -> jose4j.processToClaims(bad));
      Fixtures.proveChecks(
          "nimbus", () -> nimbus.process(token, null), () -> nimbus.process(bad, null));
      Fixtures.proveChecks(
          "jjwt",
          () -> Peers.jjwtValidate(jjwt, token, "HS256"),
          () -> Peers.jjwtValidate(jjwt, bad, "HS256"));
      Fixtures.proveChecks(
          "auth0", () -> Peers.auth0Validate(auth0, token), () -> Peers.auth0Validate(auth0, bad));
    }
  }

  /**
   * The floor caches its {@code Mac}, so each thread has its own (as a ThreadLocal would give it).
   */
  @State(Scope.Thread)
  public static class Floor {
    JcaHs256Floor floor;

    @Setup
    public void setUp(Shared shared) {
      floor =
          new JcaHs256Floor(
              shared.hs.hmacKey(), KID, ISSUER, AUDIENCE, Clock.systemUTC(), SKEW_SECONDS);
      String bad = shared.hs.tampered();
      Fixtures.proveChecks(
          "jca floor", () -> floor.validate(shared.token), () -> floor.validate(bad));
    }
  }

  @Benchmark
  public VerifiedAccessToken ours(Shared s) throws InvalidTokenException {
    return s.ours.validate(s.token);
  }

  @Benchmark
  public JwtClaims jose4j(Shared s) throws Exception {
    return s.jose4j.processToClaims(s.token);
  }

  @Benchmark
  public JWTClaimsSet nimbus(Shared s) throws Exception {
    return s.nimbus.process(s.token, null);
  }

  @Benchmark
  public Claims jjwt(Shared s) {
    return Peers.jjwtValidate(s.jjwt, s.token, "HS256");
  }

  @Benchmark
  public DecodedJWT auth0(Shared s) {
    return Peers.auth0Validate(s.auth0, s.token);
  }

  @Benchmark
  public String jcaFloor(Shared s, Floor f) {
    return f.floor.validate(s.token);
  }
}
