package dev.jwtsecurity.benchmarks;

import static dev.jwtsecurity.benchmarks.Fixtures.AUDIENCE;
import static dev.jwtsecurity.benchmarks.Fixtures.ISSUER;
import static dev.jwtsecurity.benchmarks.Fixtures.SKEW_SECONDS;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.JWTVerifier;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import java.security.Key;
import java.security.PublicKey;
import java.util.Set;
import javax.crypto.SecretKey;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * The peers, each configured for the same rules as our validator: algorithm pinned to the key's,
 * {@code typ at+jwt} (natively where the library can, else checked on the parsed header), {@code
 * exp}/{@code nbf} with 30 s of skew, {@code iss} and {@code aud} exact, {@code sub}, {@code exp},
 * {@code iat} and {@code jti} required.
 */
final class Peers {

  private Peers() {}

  static JwtConsumer jose4j(String jwsAlg, Key verificationKey) {
    return new JwtConsumerBuilder()
        .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, jwsAlg)
        .setVerificationKey(verificationKey)
        .setExpectedType(true, "at+jwt")
        .setRequireExpirationTime()
        .setRequireIssuedAt()
        .setRequireSubject()
        .setRequireJwtId()
        .setAllowedClockSkewInSeconds((int) SKEW_SECONDS)
        .setExpectedIssuer(ISSUER)
        .setExpectedAudience(AUDIENCE)
        .build();
  }

  static DefaultJWTProcessor<SecurityContext> nimbus(JWSAlgorithm alg, Key verificationKey) {
    DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
    p.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
    p.setJWSKeySelector(new SingleKeyJWSKeySelector<>(alg, verificationKey));
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            AUDIENCE,
            new JWTClaimsSet.Builder().issuer(ISSUER).build(),
            Set.of("sub", "exp", "iat", "jti"));
    claims.setMaxClockSkew((int) SKEW_SECONDS);
    p.setJWTClaimsSetVerifier(claims);
    return p;
  }

  static JwtParser jjwt(SecretKey key) {
    return Jwts.parser()
        .verifyWith(key)
        .requireIssuer(ISSUER)
        .requireAudience(AUDIENCE)
        .clockSkewSeconds(SKEW_SECONDS)
        .build();
  }

  static JwtParser jjwt(PublicKey key) {
    return Jwts.parser()
        .verifyWith(key)
        .requireIssuer(ISSUER)
        .requireAudience(AUDIENCE)
        .clockSkewSeconds(SKEW_SECONDS)
        .build();
  }

  /**
   * jjwt cannot pin {@code alg} or {@code typ} in the parser: both are checked on the parsed
   * header.
   */
  static Claims jjwtValidate(JwtParser parser, String token, String jwsAlg) {
    Jws<Claims> jws = parser.parseSignedClaims(token);
    if (!jwsAlg.equals(jws.getHeader().getAlgorithm())
        || !"at+jwt".equals(jws.getHeader().getType())) {
      throw new IllegalArgumentException("header");
    }
    Claims c = jws.getPayload();
    if (c.getSubject() == null
        || c.getId() == null
        || c.getIssuedAt() == null
        || c.getExpiration() == null) {
      throw new IllegalArgumentException("claims");
    }
    return c;
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

  /**
   * auth0 pins the algorithm in the verifier but cannot require {@code typ}: checked on the decoded
   * header.
   */
  static DecodedJWT auth0Validate(JWTVerifier verifier, String token) {
    DecodedJWT d = verifier.verify(token);
    if (!"at+jwt".equals(d.getType())) {
      throw new IllegalArgumentException("typ");
    }
    return d;
  }
}
