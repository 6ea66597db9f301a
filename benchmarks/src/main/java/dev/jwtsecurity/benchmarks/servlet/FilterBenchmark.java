package dev.jwtsecurity.benchmarks.servlet;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.access.TokenAuthenticator;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.config.Secret;
import dev.jwtsecurity.servlet.JwtAuthenticationFilter;
import dev.jwtsecurity.servlet.JwtAuthenticationSettings;
import dev.jwtsecurity.token.AccessTokenClaims;
import dev.jwtsecurity.token.AccessTokenValidator;
import dev.jwtsecurity.token.InvalidTokenException;
import dev.jwtsecurity.token.KeyRing;
import dev.jwtsecurity.token.VerifiedAccessToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The servlet adapter's {@link JwtAuthenticationFilter} per request, in process: a GET with a valid
 * bearer token through the filter to a chain that reads the user, against the same request straight
 * to the chain ({@code noFilter}) and our validation of the same token alone ({@code
 * validateOnly}). The difference is what the filter adds to validation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FilterBenchmark {

  /** Per thread: requests and responses are not shared between threads in a container either. */
  @State(Scope.Thread)
  public static class Env {
    JwtAuthenticationFilter filter;
    AccessTokenValidator validator;
    String token;
    BenchRequest request;
    BenchResponse response;
    final Chain chain = new Chain();

    @Setup
    public void setUp() throws Exception {
      byte[] secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      JwtSettings settings =
          JwtSettings.builder()
              .secret(Secret.of(secret))
              .keyId("bench-1")
              .issuer("api.example.com")
              .audience("todo-api")
              .build();
      JwtSecurity security = JwtSecurity.builder(settings).build();
      KeyRing ring = security.keyRing();
      // A token as the front door issues it: bound to its session (sid), so the authenticator
      // makes its second denylist look-up, for the session.
      token =
          settings
              .issuerBuilder(ring)
              .build()
              .issue(
                  AccessTokenClaims.forSubject("user-4711").roles("user").build(),
                  "s.bench-session-1",
                  null)
              .value();
      validator = settings.validatorBuilder(ring).build();
      TokenAuthenticator authenticator = security.authenticator();
      filter =
          new JwtAuthenticationFilter(
              JwtAuthenticationSettings.builder().authenticator(authenticator).build());
      request = new BenchRequest("/api/hello", "Bearer " + token);
      response = new BenchResponse();

      // Prove the filter really authenticates here: the valid token reaches the chain as its user,
      // a tampered one
      // gets 401 and never reaches it.
      filter.doFilter(request, response, chain);
      if (!"user-4711".equals(chain.user) || response.getStatus() != 200) {
        throw new IllegalStateException(
            "the filter did not pass the valid token: status " + response.getStatus());
      }
      chain.user = null;
      BenchRequest bad = new BenchRequest("/api/hello", "Bearer " + Tokens.tamper(token));
      BenchResponse badResponse = new BenchResponse();
      filter.doFilter(bad, badResponse, chain);
      if (chain.user != null || badResponse.getStatus() != 401) {
        throw new IllegalStateException(
            "the filter passed a tampered token: status " + badResponse.getStatus());
      }
    }
  }

  /** The application: reads the authenticated user, as a protected endpoint does. */
  static final class Chain implements FilterChain {
    String user;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response)
        throws IOException, ServletException {
      user = ((HttpServletRequest) request).getRemoteUser();
    }
  }

  @Benchmark
  public String filter(Env e) throws IOException, ServletException {
    e.request.recycle();
    e.response.recycle();
    e.filter.doFilter(e.request, e.response, e.chain);
    return e.chain.user;
  }

  @Benchmark
  public String noFilter(Env e) throws IOException, ServletException {
    e.request.recycle();
    e.response.recycle();
    e.chain.doFilter(e.request, e.response);
    return e.chain.user;
  }

  @Benchmark
  public VerifiedAccessToken validateOnly(Env e) throws InvalidTokenException {
    return e.validator.validate(e.token);
  }
}
