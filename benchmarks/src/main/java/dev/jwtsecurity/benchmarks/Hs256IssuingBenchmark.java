package dev.jwtsecurity.benchmarks;

import static dev.jwtsecurity.benchmarks.Fixtures.AUDIENCE;
import static dev.jwtsecurity.benchmarks.Fixtures.ISSUER;
import static dev.jwtsecurity.benchmarks.Fixtures.KID;
import static dev.jwtsecurity.benchmarks.Fixtures.ROLE;
import static dev.jwtsecurity.benchmarks.Fixtures.SUBJECT;

import com.auth0.jwt.JWT;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.token.AccessTokenClaims;
import dev.jwtsecurity.token.AccessTokenIssuer;
import dev.jwtsecurity.token.AccessTokenValidator;
import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.IssuedAccessToken;
import io.jsonwebtoken.Jwts;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issuing one HS256 access token with the same header ({@code alg}, {@code typ at+jwt}, {@code
 * kid}) and claims ({@code iss}, {@code sub}, {@code aud}, {@code iat}, {@code exp}, a fresh
 * 128-bit {@code jti}, {@code roles}): ours, raw jose4j, Nimbus, jjwt, auth0 and the JCA floor
 * ({@link JcaHs256IssueFloor}). Goal: ours at most 2x the floor. Setup proves that our validator
 * accepts every implementation's token, so they all do the same work.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Hs256IssuingBenchmark {

  private static final long LIFETIME = JwtSettings.DEFAULT_LIFETIME.toSeconds();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  /**
   * Per thread: the peers' signers are thread-safe, but the floor's cached Mac and every
   * SecureRandom stay local.
   */
  @State(Scope.Thread)
  public static class Issuers {
    byte[] secret;
    SecretKey key;
    SecureRandom random;
    AccessTokenIssuer ours;
    AccessTokenClaims claims;
    MACSigner nimbusSigner;
    JWSHeader nimbusHeader;
    com.auth0.jwt.algorithms.Algorithm auth0;
    JcaHs256IssueFloor floor;

    @Setup
    public void setUp() throws Exception {
      Fixtures.Keyed hs = new Fixtures.Keyed(Algorithm.HS256);
      secret = hs.secret;
      key = hs.hmacKey();
      random = new SecureRandom();
      ours =
          AccessTokenIssuer.builder()
              .keyRing(hs.ring)
              .issuer(ISSUER)
              .audience(AUDIENCE)
              .random(random)
              .build();
      claims = Fixtures.claims();
      nimbusSigner = new MACSigner(secret);
      nimbusHeader =
          new JWSHeader.Builder(JWSAlgorithm.HS256)
              .type(new JOSEObjectType("at+jwt"))
              .keyID(KID)
              .build();
      auth0 = com.auth0.jwt.algorithms.Algorithm.HMAC256(secret);
      floor =
          new JcaHs256IssueFloor(key, KID, ISSUER, AUDIENCE, Clock.systemUTC(), random, LIFETIME);

      AccessTokenValidator v = hs.validator;
      Fixtures.proveChecks("issue ours", () -> v.validate(ours.issue(claims).value()), () -> null);
      Fixtures.proveChecks("issue jose4j", () -> v.validate(jose4jIssue(this)), () -> null);
      Fixtures.proveChecks("issue nimbus", () -> v.validate(nimbusIssue(this)), () -> null);
      Fixtures.proveChecks("issue jjwt", () -> v.validate(jjwtIssue(this)), () -> null);
      Fixtures.proveChecks("issue auth0", () -> v.validate(auth0Issue(this)), () -> null);
      Fixtures.proveChecks("issue floor", () -> v.validate(floor.issue(SUBJECT, ROLE)), () -> null);
    }

    String jti() {
      byte[] id = new byte[16];
      random.nextBytes(id);
      return B64.encodeToString(id);
    }
  }

  @Benchmark
  public IssuedAccessToken ours(Issuers s) {
    return s.ours.issue(s.claims);
  }

  @Benchmark
  public String jose4j(Issuers s) throws JoseException {
    return jose4jIssue(s);
  }

  static String jose4jIssue(Issuers s) throws JoseException {
    long now = Instant.now().getEpochSecond();
    JwtClaims c = new JwtClaims();
    c.setIssuer(ISSUER);
    c.setSubject(SUBJECT);
    c.setAudience(AUDIENCE);
    c.setIssuedAt(NumericDate.fromSeconds(now));
    c.setExpirationTime(NumericDate.fromSeconds(now + LIFETIME));
    c.setJwtId(s.jti());
    c.setStringListClaim("roles", List.of(ROLE));
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(c.toJson());
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
    jws.setHeader("typ", "at+jwt");
    jws.setKeyIdHeaderValue(KID);
    jws.setKey(s.key);
    return jws.getCompactSerialization();
  }

  @Benchmark
  public String nimbus(Issuers s) throws JOSEException {
    return nimbusIssue(s);
  }

  static String nimbusIssue(Issuers s) throws JOSEException {
    Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
    JWTClaimsSet c =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject(SUBJECT)
            .audience(AUDIENCE)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(LIFETIME)))
            .jwtID(s.jti())
            .claim("roles", List.of(ROLE))
            .build();
    SignedJWT jwt = new SignedJWT(s.nimbusHeader, c);
    jwt.sign(s.nimbusSigner);
    return jwt.serialize();
  }

  @Benchmark
  public String jjwt(Issuers s) {
    return jjwtIssue(s);
  }

  static String jjwtIssue(Issuers s) {
    Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
    return Jwts.builder()
        .header()
        .type("at+jwt")
        .keyId(KID)
        .and()
        .issuer(ISSUER)
        .subject(SUBJECT)
        .audience()
        .add(AUDIENCE)
        .and()
        .issuedAt(Date.from(now))
        .expiration(Date.from(now.plusSeconds(LIFETIME)))
        .id(s.jti())
        .claim("roles", List.of(ROLE))
        .signWith(s.key, Jwts.SIG.HS256)
        .compact();
  }

  @Benchmark
  public String auth0(Issuers s) {
    return auth0Issue(s);
  }

  static String auth0Issue(Issuers s) {
    Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
    return JWT.create()
        .withHeader(Map.of("typ", "at+jwt"))
        .withKeyId(KID)
        .withIssuer(ISSUER)
        .withSubject(SUBJECT)
        .withAudience(AUDIENCE)
        .withIssuedAt(now)
        .withExpiresAt(now.plusSeconds(LIFETIME))
        .withJWTId(s.jti())
        .withClaim("roles", List.of(ROLE))
        .sign(s.auth0);
  }

  @Benchmark
  public String jcaFloor(Issuers s) {
    return s.floor.issue(SUBJECT, ROLE);
  }
}
