package dev.jwtsecurity.spring;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.servlet.TokenCookies;
import jakarta.servlet.DispatcherType;
import java.util.Base64;
import java.util.Locale;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultWebSecurity;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The servlet side: the token cookies of cookie mode, the MVC answers to the library's exceptions,
 * and a default {@link SecurityFilterChain} when the application declares none: every request needs
 * a valid access token except the token endpoints, stateless, with {@link JwtSecurityConfigurer}.
 */
@AutoConfiguration(
    after = JwtSecurityAutoConfiguration.class,
    beforeName =
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({HttpSecurity.class, TokenCookies.class})
public class JwtSecurityWebAutoConfiguration {

  /** Creates the auto-configuration; Spring calls it. */
  public JwtSecurityWebAutoConfiguration() {}

  /**
   * The cookie writer of cookie mode, one per application: the authentication filter checks the
   * CSRF cookie it writes, in every filter chain.
   *
   * @param security the front door (its random source makes the CSRF key when none is set)
   * @param properties the cookie options
   * @return the cookie writer
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBooleanProperty("jwt-security.web.cookie-mode")
  public TokenCookies jwtTokenCookies(JwtSecurity security, JwtSecurityProperties properties) {
    JwtSecurityProperties.Web web = properties.getWeb();
    TokenCookies.Builder b =
        TokenCookies.builder()
            .refreshPath(web.getRefreshCookiePath())
            .sameSite(
                TokenCookies.SameSite.valueOf(web.getCookieSameSite().toUpperCase(Locale.ROOT)))
            .random(security.random());
    if (web.getCsrfKey() != null && !web.getCsrfKey().isBlank()) {
      byte[] key;
      try {
        key = Base64.getDecoder().decode(web.getCsrfKey().strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "jwt-security.web.csrf-key (JWT_CSRF_KEY) must be base64 of at least 32 random bytes",
            e);
      }
      b.csrfKey(key);
    }
    return b.build();
  }

  /** The MVC answers to the library's not-found and access-denied exceptions. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HandlerExceptionResolver.class)
  static class Mvc {
    @Bean
    @ConditionalOnMissingBean
    JwtSecurityExceptionResolver jwtSecurityExceptionResolver() {
      return new JwtSecurityExceptionResolver();
    }
  }

  /** The default filter chain, when the application declares no {@code SecurityFilterChain}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnDefaultWebSecurity
  static class DefaultChain {
    @Bean
    @Order(SecurityFilterProperties.BASIC_AUTH_ORDER)
    SecurityFilterChain jwtSecurityFilterChain(HttpSecurity http, JwtSecurityProperties properties)
        throws Exception {
      JwtSecurityProperties.Endpoints e = properties.getEndpoints();
      http.authorizeHttpRequests(
          a -> {
            // Error pages render the refusal of the original request; they are not a resource.
            a.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
            if (e.isEnabled()) {
              a.requestMatchers(e.getLogin(), e.getRefresh()).permitAll();
            }
            a.anyRequest().authenticated();
          });
      // Stateless: no HTTP session, so no session cookie for Spring's CSRF filter to defend; the
      // library defends its own cookies (cookie mode) itself.
      http.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
      http.csrf(c -> c.disable());
      http.with(JwtSecurityConfigurer.jwtSecurity(), Customizer.withDefaults());
      return http.build();
    }
  }
}
