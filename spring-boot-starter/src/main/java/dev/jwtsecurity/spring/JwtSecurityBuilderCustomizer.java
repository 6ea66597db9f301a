package dev.jwtsecurity.spring;

import dev.jwtsecurity.JwtSecurity;

/**
 * Customises the {@link JwtSecurity.Builder} of the auto-configured front door, for the options
 * that have no property: the claims function, role grants, policies, alert thresholds.
 *
 * <pre>{@code
 * @Bean
 * JwtSecurityBuilderCustomizer claims(UserTable users) {
 *   return builder -> builder
 *       .claims(userId -> AccessTokenClaims.forSubject(userId).roles(users.rolesOf(userId)).build())
 *       .grant("admin", "todo:delete");
 * }
 * }</pre>
 *
 * <p>Customizers run in their {@code @Order}, after the starter has set what it manages (settings,
 * stores, users, user directory, clock, random source, event listeners). Each builder option may be
 * set once: a customizer that sets one of those again fails start-up with the builder's message;
 * replace the bean instead (for example declare your own {@code RefreshTokenStore}).
 */
@FunctionalInterface
public interface JwtSecurityBuilderCustomizer {

  /**
   * Customises the builder.
   *
   * @param builder the builder of the application's front door
   */
  void customize(JwtSecurity.Builder builder);
}
