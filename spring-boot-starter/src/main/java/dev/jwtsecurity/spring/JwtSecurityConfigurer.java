package dev.jwtsecurity.spring;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.access.TokenAuthenticator;
import dev.jwtsecurity.servlet.JwtAuthenticationFilter;
import dev.jwtsecurity.servlet.JwtAuthenticationSettings;
import dev.jwtsecurity.servlet.LoginThrottleGate;
import dev.jwtsecurity.servlet.SecurityHeadersFilter;
import dev.jwtsecurity.servlet.SecurityHeadersSettings;
import dev.jwtsecurity.servlet.TokenCookies;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import org.springframework.context.ApplicationContext;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.config.annotation.web.configurers.ExceptionHandlingConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Adds jwt-security to a Spring Security filter chain in one line: authentication by the library's
 * access tokens, its 401 and 403 answers, HTTPS enforcement with trusted proxies, the security
 * headers Spring does not send, and, when enabled, the token endpoints.
 *
 * <pre>{@code
 * @Bean
 * SecurityFilterChain api(HttpSecurity http) throws Exception {
 *   return http
 *       .authorizeHttpRequests(a -> a
 *           .requestMatchers("/api/admin/**").hasRole("admin")
 *           .anyRequest().authenticated())
 *       .with(JwtSecurityConfigurer.jwtSecurity(), Customizer.withDefaults())
 *       .build();
 * }
 * }</pre>
 *
 * <p>What it adds, and what it leaves to Spring Security:
 *
 * <ul>
 *   <li>Right after Spring's {@code HeaderWriterFilter}, the servlet adapter's HTTPS check: plain
 *       HTTP refused with 403 (or redirected), the client address and scheme resolved through
 *       {@code jwt-security.web.trusted-proxies}, {@code Strict-Transport-Security} on HTTPS.
 *   <li>Before {@code BasicAuthenticationFilter}, the authentication filter: a token from {@code
 *       Authorization: Bearer} (or, in cookie mode, the {@code __Host-access_token} cookie) is
 *       validated by the {@link TokenAuthenticator} bean and becomes a {@link
 *       JwtSecurityAuthentication} in the {@code SecurityContext}; invalid: 401 with {@code
 *       error="invalid_token"}; malformed: 400; a cookie-authenticated write failing the CSRF
 *       checks: 403. No token: the request goes on anonymous and Spring's authorization decides.
 *   <li>Default answers for Spring's own refusals: {@link JwtSecurityAuthenticationEntryPoint}
 *       (401) and {@link JwtSecurityAccessDeniedHandler} (403), as defaults only, so an entry point
 *       or handler the chain sets itself wins.
 *   <li>Headers: Spring Security's header support stays on and writes {@code
 *       X-Content-Type-Options}, {@code X-Frame-Options}, {@code X-XSS-Protection: 0} and {@code
 *       Cache-Control}; this adds {@code Content-Security-Policy} and {@code Referrer-Policy} only
 *       to responses that have none, so the chain's own header configuration always wins.
 *   <li>CSRF: requests carrying a jwt-security token, and the token endpoints, are exempt from
 *       Spring's CSRF filter, because the library defends them itself (a bearer header is never
 *       sent by a browser on its own; a cookie-authenticated write must pass the library's checks;
 *       the refresh cookie is read only with same-origin evidence). Everything else, such as a
 *       session of the same application, keeps Spring's CSRF protection.
 * </ul>
 */
public final class JwtSecurityConfigurer
    extends AbstractHttpConfigurer<JwtSecurityConfigurer, HttpSecurity> {

  private JwtSecurityConfigurer() {}

  /**
   * Returns a configurer for one filter chain, wired from the application context's beans.
   *
   * @return a new configurer
   */
  public static JwtSecurityConfigurer jwtSecurity() {
    return new JwtSecurityConfigurer();
  }

  @Override
  @SuppressWarnings("unchecked") // getConfigurer takes the raw configurer class
  public void init(HttpSecurity http) {
    Beans beans = beans(http);
    ExceptionHandlingConfigurer<HttpSecurity> exceptions =
        http.getConfigurer(ExceptionHandlingConfigurer.class);
    if (exceptions != null) {
      exceptions.defaultAuthenticationEntryPointFor(
          new JwtSecurityAuthenticationEntryPoint(beans.properties.getWeb().getRealm()),
          AnyRequestMatcher.INSTANCE);
      exceptions.defaultAccessDeniedHandlerFor(
          new JwtSecurityAccessDeniedHandler(beans.security), AnyRequestMatcher.INSTANCE);
    }
    CsrfConfigurer<HttpSecurity> csrf = http.getConfigurer(CsrfConfigurer.class);
    if (csrf != null) {
      csrf.ignoringRequestMatchers(new DefendedByLibrary(beans));
    }
    HeadersConfigurer<HttpSecurity> headers = http.getConfigurer(HeadersConfigurer.class);
    if (headers != null) {
      headers.addHeaderWriter(
          new AbsentHeadersWriter(
              beans.properties.getWeb().getContentSecurityPolicy(),
              beans.properties.getWeb().getReferrerPolicy()));
    }
  }

  @Override
  public void configure(HttpSecurity http) {
    Beans beans = beans(http);
    JwtSecurityProperties.Web web = beans.properties.getWeb();
    JwtSecurity security = beans.security;

    SecurityHeadersSettings.Builder https =
        SecurityHeadersSettings.builder()
            .events(security.events())
            .clock(security.clock())
            .random(security.random())
            .trustedProxies(web.getTrustedProxies().toArray(String[]::new))
            .strictTransportSecurity(web.getStrictTransportSecurity());
    // Spring Security writes these (and the application may configure them there): not twice.
    for (String name : SPRING_WRITES) {
      https.withoutHeader(name);
    }
    if (web.isRedirectPlainHttp()) {
      https.redirectPlainHttp();
    }
    if (web.isUnsafeAllowPlainHttpOnLoopback()) {
      https.unsafeAllowPlainHttpOnLoopback();
    }

    JwtAuthenticationSettings.Builder authentication =
        JwtAuthenticationSettings.builder()
            .authenticator(beans.authenticator)
            .events(security.events())
            .clock(security.clock())
            .random(security.random())
            .realm(web.getRealm())
            .maxTokenLength(web.getMaxTokenLength())
            .allowedOrigins(web.getAllowedOrigins().toArray(String[]::new))
            .authorizationByFramework();
    List<String> loginPaths = new ArrayList<>(web.getLoginPaths());
    if (beans.properties.getEndpoints().isEnabled()) {
      loginPaths.add(beans.properties.getEndpoints().getLogin());
    }
    if (!loginPaths.isEmpty()) {
      authentication
          .loginPaths(loginPaths.toArray(String[]::new))
          .loginThrottle(LoginThrottleGate.checking(security.loginThrottle()));
    }
    if (beans.cookies != null) {
      authentication.cookies(beans.cookies);
    }

    SecurityContextBridge bridge =
        new SecurityContextBridge(
            new JwtAuthenticationFilter(authentication.build()),
            beans.properties.getAuthorities().getRolePrefix(),
            beans.properties.getAuthorities().getScopePrefix());
    http.addFilterAfter(new SecurityHeadersFilter(https.build()), HeaderWriterFilter.class);
    http.addFilterBefore(bridge, BasicAuthenticationFilter.class);
    if (beans.properties.getEndpoints().isEnabled()) {
      http.addFilterAfter(
          new TokenEndpoints(
              security,
              beans.properties.getEndpoints(),
              beans.cookies,
              new JwtSecurityAuthenticationEntryPoint(web.getRealm())),
          SecurityContextBridge.class);
    }
  }

  /** The headers Spring Security's own header support writes. */
  private static final List<String> SPRING_WRITES =
      List.of(
          "X-Content-Type-Options",
          "X-Frame-Options",
          "X-XSS-Protection",
          "Content-Security-Policy",
          "Referrer-Policy");

  /** What the configurer takes from the application context. */
  private record Beans(
      JwtSecurity security,
      TokenAuthenticator authenticator,
      JwtSecurityProperties properties,
      TokenCookies cookies) {}

  private static Beans beans(HttpSecurity http) {
    ApplicationContext context = http.getSharedObject(ApplicationContext.class);
    if (context == null) {
      throw new IllegalStateException(
          "JwtSecurityConfigurer needs the application context; use it inside a Spring"
              + " application with the jwt-security starter");
    }
    return new Beans(
        context.getBean(JwtSecurity.class),
        context.getBean(TokenAuthenticator.class),
        context.getBean(JwtSecurityProperties.class),
        context.getBeanProvider(TokenCookies.class).getIfAvailable());
  }

  /**
   * Requests whose CSRF defence is the library's: they carry a jwt-security token (a bearer header
   * or the access-token cookie), or they go to a token endpoint.
   */
  private static final class DefendedByLibrary implements RequestMatcher {
    private final List<String> endpoints;
    private final boolean cookieMode;

    DefendedByLibrary(Beans beans) {
      JwtSecurityProperties.Endpoints e = beans.properties.getEndpoints();
      this.endpoints =
          e.isEnabled()
              ? List.of(e.getLogin(), e.getRefresh(), e.getLogout(), e.getLogoutAll())
              : List.of();
      this.cookieMode = beans.cookies != null;
    }

    @Override
    public boolean matches(HttpServletRequest request) {
      Enumeration<String> authorization = request.getHeaders("Authorization");
      while (authorization != null && authorization.hasMoreElements()) {
        String value = authorization.nextElement();
        if (value != null && value.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
          return true;
        }
      }
      if (cookieMode) {
        Enumeration<String> cookies = request.getHeaders("Cookie");
        while (cookies != null && cookies.hasMoreElements()) {
          String value = cookies.nextElement();
          if (value != null && value.contains(TokenCookies.ACCESS_COOKIE + "=")) {
            return true;
          }
        }
      }
      return endpoints.contains(TokenEndpoints.path(request));
    }
  }
}
