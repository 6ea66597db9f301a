package dev.jwtsecurity.springdemo;

import dev.jwtsecurity.login.UserCredentialsLookup;
import dev.jwtsecurity.spring.JwtSecurityBuilderCustomizer;
import dev.jwtsecurity.spring.JwtSecurityConfigurer;
import dev.jwtsecurity.token.AccessTokenClaims;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The demo's security: the filter chain (jwt-security in one line) and the claims of its tokens.
 */
@Configuration(proxyBeanMethods = false)
class DemoSecurity {

  /** The role that may read the statistics. */
  static final String ADMIN_ROLE = "admin";

  /**
   * The page's policy: only its own script and style files; API calls to its own origin; no
   * framing, no plugins. It replaces the API's {@code default-src 'none'} on the three page files.
   */
  static final String PAGE_CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
          + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  /**
   * Protected: everything under {@code /api/} but register, login and refresh; the page is public.
   * Stateless, so Spring's CSRF filter has no session to defend: the library defends the cookies of
   * cookie mode itself.
   */
  @Bean
  SecurityFilterChain api(HttpSecurity http) throws Exception {
    RequestMatcher page =
        request ->
            List.of("/", "/index.html", "/app.js", "/app.css").contains(request.getRequestURI());
    return http.authorizeHttpRequests(
            a ->
                a.requestMatchers("/api/auth/register", "/api/auth/login", "/api/auth/refresh")
                    .permitAll()
                    .requestMatchers("/api/**")
                    .authenticated()
                    .anyRequest()
                    .permitAll())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(c -> c.disable())
        .headers(
            h ->
                h.addHeaderWriter(
                    new DelegatingRequestMatcherHeaderWriter(
                        page, new StaticHeadersWriter("Content-Security-Policy", PAGE_CSP))))
        .with(JwtSecurityConfigurer.jwtSecurity(), Customizer.withDefaults())
        .build();
  }

  /**
   * The claims of every access token: the role "user", and "admin" too for the names in {@code
   * ADMIN_USERNAMES}; asked at login and again at every refresh. The user table is asked on every
   * request (it is in memory), so a deleted user is refused at once.
   */
  @Bean
  JwtSecurityBuilderCustomizer claims(
      Users users, @Value("${ADMIN_USERNAMES:}") String adminUsernames) {
    Set<String> admins = parseAdmins(adminUsernames);
    return b ->
        b.claims(
                userId -> {
                  boolean admin = users.usernameOf(userId).map(admins::contains).orElse(false);
                  return AccessTokenClaims.forSubject(userId)
                      .roles(admin ? List.of("user", ADMIN_ROLE) : List.of("user"))
                      .build();
                })
            .userStatusCache(Duration.ZERO, 10_000);
  }

  /**
   * {@code ADMIN_USERNAMES}: comma-separated names, normalised like logins; an entry that is not a
   * user name stops start-up, naming its position only.
   */
  static Set<String> parseAdmins(String value) {
    if (value == null || value.isBlank()) {
      return Set.of();
    }
    Set<String> names = new LinkedHashSet<>();
    String[] entries = value.split(",", -1);
    for (int i = 0; i < entries.length; i++) {
      int position = i + 1;
      names.add(
          UserCredentialsLookup.normalizeUsername(entries[i])
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "ADMIN_USERNAMES: entry " + position + " is not a user name")));
    }
    return Set.copyOf(names);
  }
}
