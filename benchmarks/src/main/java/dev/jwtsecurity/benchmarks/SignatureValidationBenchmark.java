package dev.jwtsecurity.benchmarks;

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
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
 * RS256, ES256 and EdDSA validation with every check on: ours and the peers that support the
 * algorithm, against the raw JCA cost of {@code Signature.verify} on the same signing input and
 * signature ({@code *_jcaVerify}, a cached {@link Signature} per thread). Goal: ours at most 1.15x
 * the raw verification.
 *
 * <p>Not measured: Nimbus EdDSA (needs Google Tink on the class path), auth0 EdDSA (not supported
 * by java-jwt).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SignatureValidationBenchmark {

  /** One algorithm's token, our validator and the peers that support it. */
  abstract static class Asym {
    Fixtures.Keyed keyed;
    String token;
    AccessTokenValidator ours;
    JwtConsumer jose4j;
    DefaultJWTProcessor<SecurityContext> nimbus;
    JwtParser jjwt;
    JWTVerifier auth0;

    void init(
        Algorithm alg,
        JWSAlgorithm nimbusAlg,
        Function<PublicKey, com.auth0.jwt.algorithms.Algorithm> auth0Alg) {
      keyed = new Fixtures.Keyed(alg);
      token = keyed.token;
      ours = keyed.validator;
      PublicKey pub = keyed.keyPair.getPublic();
      String name = alg.jwsName();
      String bad = keyed.tampered();
      jose4j = Peers.jose4j(name, pub);
      jjwt = Peers.jjwt(pub);
      Fixtures.proveChecks(name + " ours", () -> ours.validate(token), () -> ours.validate(bad));
      Fixtures.proveChecks(
          name + " jose4j", () -> jose4j.processToClaims(token), () -> jose4j.processToClaims(bad));
      Fixtures.proveChecks(
          name + " jjwt",
          () -> Peers.jjwtValidate(jjwt, token, name),
          () -> Peers.jjwtValidate(jjwt, bad, name));
      if (nimbusAlg != null) {
        nimbus = Peers.nimbus(nimbusAlg, pub);
        Fixtures.proveChecks(
            name + " nimbus", () -> nimbus.process(token, null), () -> nimbus.process(bad, null));
      }
      if (auth0Alg != null) {
        auth0 = Peers.auth0(auth0Alg.apply(pub));
        Fixtures.proveChecks(
            name + " auth0",
            () -> Peers.auth0Validate(auth0, token),
            () -> Peers.auth0Validate(auth0, bad));
      }
    }
  }

  @State(Scope.Benchmark)
  public static class Rs extends Asym {
    @Setup
    public void setUp() {
      init(
          Algorithm.RS256,
          JWSAlgorithm.RS256,
          pub -> com.auth0.jwt.algorithms.Algorithm.RSA256((RSAPublicKey) pub, null));
    }
  }

  @State(Scope.Benchmark)
  public static class Es extends Asym {
    @Setup
    public void setUp() {
      init(
          Algorithm.ES256,
          JWSAlgorithm.ES256,
          pub -> com.auth0.jwt.algorithms.Algorithm.ECDSA256((ECPublicKey) pub, null));
    }
  }

  @State(Scope.Benchmark)
  public static class Ed extends Asym {
    @Setup
    public void setUp() {
      init(Algorithm.EDDSA, null, null);
    }
  }

  /**
   * The raw JCA cost: a cached {@link Signature} per thread, fed the token's signing input and its
   * decoded signature (ES256 in the JWS's raw R||S form, verified through the JDK's P1363 variant,
   * so no DER conversion is charged).
   */
  abstract static class Jca {
    Signature signature;
    byte[] signingInput;
    byte[] sig;

    void init(Asym a, String jcaName) {
      try {
        signature = Signature.getInstance(jcaName);
        signature.initVerify(a.keyed.keyPair.getPublic());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
      signingInput = Fixtures.ascii(Fixtures.signingInput(a.token));
      sig = Fixtures.signature(a.token);
      if (!verify()) {
        throw new IllegalStateException(jcaName + ": the JCA refused our token's signature");
      }
    }

    boolean verify() {
      try {
        signature.update(signingInput);
        return signature.verify(sig);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @State(Scope.Thread)
  public static class RsJca extends Jca {
    @Setup
    public void setUp(Rs rs) {
      init(rs, "SHA256withRSA");
    }
  }

  @State(Scope.Thread)
  public static class EsJca extends Jca {
    @Setup
    public void setUp(Es es) {
      init(es, "SHA256withECDSAinP1363Format");
    }
  }

  @State(Scope.Thread)
  public static class EdJca extends Jca {
    @Setup
    public void setUp(Ed ed) {
      init(ed, "Ed25519");
    }
  }

  @Benchmark
  public VerifiedAccessToken rs256_ours(Rs s) throws InvalidTokenException {
    return s.ours.validate(s.token);
  }

  @Benchmark
  public JwtClaims rs256_jose4j(Rs s) throws Exception {
    return s.jose4j.processToClaims(s.token);
  }

  @Benchmark
  public Claims rs256_jjwt(Rs s) {
    return Peers.jjwtValidate(s.jjwt, s.token, "RS256");
  }

  @Benchmark
  public JWTClaimsSet rs256_nimbus(Rs s) throws Exception {
    return s.nimbus.process(s.token, null);
  }

  @Benchmark
  public DecodedJWT rs256_auth0(Rs s) {
    return Peers.auth0Validate(s.auth0, s.token);
  }

  @Benchmark
  public boolean rs256_jcaVerify(RsJca j) {
    return j.verify();
  }

  @Benchmark
  public VerifiedAccessToken es256_ours(Es s) throws InvalidTokenException {
    return s.ours.validate(s.token);
  }

  @Benchmark
  public JwtClaims es256_jose4j(Es s) throws Exception {
    return s.jose4j.processToClaims(s.token);
  }

  @Benchmark
  public Claims es256_jjwt(Es s) {
    return Peers.jjwtValidate(s.jjwt, s.token, "ES256");
  }

  @Benchmark
  public JWTClaimsSet es256_nimbus(Es s) throws Exception {
    return s.nimbus.process(s.token, null);
  }

  @Benchmark
  public DecodedJWT es256_auth0(Es s) {
    return Peers.auth0Validate(s.auth0, s.token);
  }

  @Benchmark
  public boolean es256_jcaVerify(EsJca j) {
    return j.verify();
  }

  @Benchmark
  public VerifiedAccessToken eddsa_ours(Ed s) throws InvalidTokenException {
    return s.ours.validate(s.token);
  }

  @Benchmark
  public JwtClaims eddsa_jose4j(Ed s) throws Exception {
    return s.jose4j.processToClaims(s.token);
  }

  @Benchmark
  public Claims eddsa_jjwt(Ed s) {
    return Peers.jjwtValidate(s.jjwt, s.token, "EdDSA");
  }

  @Benchmark
  public boolean eddsa_jcaVerify(EdJca j) {
    return j.verify();
  }
}
