package dev.jwtsecurity.benchmarks;

import static dev.jwtsecurity.benchmarks.Fixtures.AUDIENCE;
import static dev.jwtsecurity.benchmarks.Fixtures.ISSUER;
import static dev.jwtsecurity.benchmarks.Fixtures.KID;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.config.Secret;
import dev.jwtsecurity.micrometer.MicrometerSecurityMetrics;
import dev.jwtsecurity.token.AccessTokenValidator;
import dev.jwtsecurity.token.InvalidTokenException;
import dev.jwtsecurity.token.KeyRing;
import dev.jwtsecurity.token.VerifiedAccessToken;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What metrics cost on the token-validation path: the front door's {@code authenticate} (HS256,
 * every check on, in-memory denylist) without metrics, and with {@code MicrometerSecurityMetrics}
 * on a Micrometer {@code SimpleMeterRegistry} and on a {@code PrometheusMeterRegistry}; baseline:
 * the same front door without metrics. Goal: without a registry nothing is wrapped, so the row
 * allocates exactly what it did before metrics existed; with one, the timers add no allocation.
 * {@code validateOnly} (the standalone validator) shows what the front door itself adds.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MetricsOverheadBenchmark {

  private static final RequestContext CTX = RequestContext.of("192.0.2.10", "bench", "r-1");

  /** Three front doors over one key, and a token all three accept. */
  @State(Scope.Benchmark)
  public static class Shared {
    JwtSettings settings;
    String token;
    String bad;
    AccessTokenValidator validator;
    JwtSecurity noMetrics;
    JwtSecurity simple;
    JwtSecurity prometheus;

    @Setup
    public void setUp() {
      byte[] random = new byte[48];
      new SecureRandom().nextBytes(random);
      settings =
          JwtSettings.builder()
              .secret(Secret.ofUtf8(Base64.getUrlEncoder().withoutPadding().encodeToString(random)))
              .keyId(KID)
              .issuer(ISSUER)
              .audience(AUDIENCE)
              .build();
      KeyRing ring = settings.newKeyRing();
      token = settings.issuerBuilder(ring).build().issue(Fixtures.claims()).value();
      bad = Fixtures.tamperSignature(token);
      validator = settings.validatorBuilder(ring).build();
      noMetrics = JwtSecurity.builder(settings()).build();
      simple =
          JwtSecurity.builder(settings())
              .metrics(MicrometerSecurityMetrics.of(new SimpleMeterRegistry()))
              .build();
      prometheus =
          JwtSecurity.builder(settings())
              .metrics(
                  MicrometerSecurityMetrics.of(
                      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)))
              .build();
      Fixtures.proveChecks(
          "validator", () -> validator.validate(token), () -> validator.validate(bad));
      for (JwtSecurity s : new JwtSecurity[] {noMetrics, simple, prometheus}) {
        Fixtures.proveChecks(
            s.toString(), () -> s.authenticate(token, CTX), () -> s.authenticate(bad, CTX));
      }
    }

    private JwtSettings settings() {
      return settings;
    }
  }

  @Benchmark
  public Authentication noMetrics(Shared s) throws InvalidTokenException {
    return s.noMetrics.authenticate(s.token, CTX);
  }

  @Benchmark
  public Authentication simpleRegistry(Shared s) throws InvalidTokenException {
    return s.simple.authenticate(s.token, CTX);
  }

  @Benchmark
  public Authentication prometheusRegistry(Shared s) throws InvalidTokenException {
    return s.prometheus.authenticate(s.token, CTX);
  }

  @Benchmark
  public VerifiedAccessToken validateOnly(Shared s) throws InvalidTokenException {
    return s.validator.validate(s.token);
  }
}
