/**
 * JMH benchmarks of jwt-security against its peers (jose4j, Nimbus JOSE+JWT, jjwt, auth0 java-jwt)
 * and a minimal JCA floor, plus the mains of the loopback load harness. Not API, not deployed; run
 * with {@code scripts/bench.sh}.
 *
 * <p>Every validation benchmark of one algorithm checks the same token with the same rules:
 * signature, algorithm pinned, {@code typ at+jwt} where the library can, {@code exp}/{@code
 * iat}/{@code nbf} with 30 s of skew, {@code iss}, {@code aud}, and {@code sub}/{@code jti}
 * present. Every benchmark's {@code @Setup} proves that its implementation accepts the token and
 * refuses a tampered one, so a fast number can never come from a check that was skipped.
 */
package dev.jwtsecurity.benchmarks;
