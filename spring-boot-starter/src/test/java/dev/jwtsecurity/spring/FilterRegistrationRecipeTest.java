package dev.jwtsecurity.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.servlet.JwtAuthenticationFilter;
import dev.jwtsecurity.servlet.JwtSecurityFilters;
import dev.jwtsecurity.servlet.SecurityHeadersFilter;
import dev.jwtsecurity.testing.TestSecurity;
import java.security.Principal;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The finding behind the starter: the old README recipe, two {@code FilterRegistrationBean}s
 * ordered before Spring Security, does <em>not</em> make Spring Security see the user. The servlet
 * filter wraps the request ({@code getUserPrincipal()} works in a controller), but Spring Security
 * builds its {@code SecurityContext} from its own filters, so {@code anyRequest().authenticated()}
 * refuses the request with a valid token. This test keeps the README honest; it fails if Spring
 * Security ever starts to trust a wrapped request's principal.
 */
@SpringBootTest(
    classes = FilterRegistrationRecipeTest.OldRecipe.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FilterRegistrationRecipeTest {

  /** A Spring Boot application wired as the old README said, without the starter. */
  @SpringBootConfiguration
  @EnableAutoConfiguration(
      exclude = {
        JwtSecurityAutoConfiguration.class,
        JwtSecurityWebAutoConfiguration.class,
        JwtSecurityJdbcAutoConfiguration.class
      })
  static class OldRecipe {
    @Bean
    JwtSecurity jwtSecurity() {
      return TestSecurity.builder("alice").build();
    }

    @Bean
    JwtSecurityFilters jwtSecurityFilters(JwtSecurity security) {
      return JwtSecurityFilters.builder(security).unsafeAllowPlainHttpOnLoopback().build();
    }

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> jwtHeaders(JwtSecurityFilters filters) {
      var bean = new FilterRegistrationBean<>(filters.securityHeadersFilter());
      bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
      return bean;
    }

    @Bean
    FilterRegistrationBean<JwtAuthenticationFilter> jwtAuthentication(JwtSecurityFilters filters) {
      var bean = new FilterRegistrationBean<>(filters.authenticationFilter());
      bean.addUrlPatterns("/api/*");
      bean.setOrder(-110); // before Spring Security's DelegatingFilterProxy (-100)
      return bean;
    }

    @Bean
    SecurityFilterChain chain(HttpSecurity http) throws Exception {
      return http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
          .httpBasic(b -> {})
          .build();
    }

    @RestController
    static class Api {
      @GetMapping("/api/me")
      String me(Principal servletPrincipal, @AuthenticationPrincipal Object springPrincipal) {
        return servletPrincipal + " / " + springPrincipal;
      }
    }
  }

  @LocalServerPort int port;
  @Autowired JwtSecurity security;

  @Test
  void oldRecipe_validToken_springSecurityDoesNotSeeTheUser() {
    String token = TestSecurity.login(security, "alice").accessToken().value();

    Http.Answer a = new Http(port).get("/api/me", token);

    // The JWT filter accepted the token; Spring Security still treats the request as anonymous.
    assertThat(a.status()).isEqualTo(401);
    assertThat(a.header("WWW-Authenticate")).startsWith("Basic");
  }
}
