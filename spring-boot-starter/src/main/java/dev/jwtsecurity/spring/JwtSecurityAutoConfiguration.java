package dev.jwtsecurity.spring;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.access.AccessTokenDenylist;
import dev.jwtsecurity.access.TokenAuthenticator;
import dev.jwtsecurity.access.UserDirectory;
import dev.jwtsecurity.audit.AuditTrail;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.login.UserCredentialsLookup;
import dev.jwtsecurity.refresh.RefreshTokenStore;
import dev.jwtsecurity.throttle.ThrottleStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Auto-configures the front door {@link JwtSecurity} and what a Spring application expects from it:
 * the {@link JwtSettings} from {@code jwt-security.*} properties and {@code JWT_*} variables, the
 * stores (in memory unless the application or {@code jwt-security-jdbc} provides them), the {@link
 * TokenAuthenticator}, a {@link PasswordEncoder} on the Argon2id hasher, and an {@code
 * AuthenticationProvider} for the library's tokens. Every bean backs off when the application
 * declares its own.
 *
 * <p>The front door takes the application's {@link UserCredentialsLookup} (enables login) and
 * {@link UserDirectory} beans when there are such, a {@code Clock} and {@code SecureRandom} bean
 * when there is one, adds every {@link SecurityEventListener} bean, publishes every security event
 * as a {@link JwtSecurityApplicationEvent}, and applies the {@link JwtSecurityBuilderCustomizer}
 * beans last.
 */
@AutoConfiguration(
    beforeName = {
      "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration"
    })
@EnableConfigurationProperties(JwtSecurityProperties.class)
public class JwtSecurityAutoConfiguration {

  /** Creates the auto-configuration; Spring calls it. */
  public JwtSecurityAutoConfiguration() {}

  /**
   * The settings: every {@code jwt-security.*} library property (or its {@code JWT_*} variable),
   * checked by the library's one rule set; a weak or missing secret fails start-up.
   *
   * @param properties the bound properties
   * @return the settings
   */
  @Bean
  @ConditionalOnMissingBean
  public JwtSettings jwtSettings(JwtSecurityProperties properties) {
    return JwtSettings.fromEnvironment(variables(properties));
  }

  /** The properties as the library's variables, so they meet the same rules and messages. */
  static Map<String, String> variables(JwtSecurityProperties p) {
    Map<String, String> env = new LinkedHashMap<>();
    put(env, "JWT_SECRET_KEY", p.getSecretKey());
    put(env, "JWT_ALGORITHM", p.getAlgorithm());
    put(env, "JWT_ACCESS_TOKEN_EXPIRE_MINUTES", p.getAccessTokenExpireMinutes());
    put(env, "JWT_CLOCK_SKEW_SECONDS", p.getClockSkewSeconds());
    put(env, "JWT_ISSUER", p.getIssuer());
    put(env, "JWT_AUDIENCE", p.getAudience());
    put(env, "JWT_ENVIRONMENT", p.getEnvironment());
    put(env, "JWT_KEY_ID", p.getKeyId());
    put(env, "JWT_PREVIOUS_SECRET_KEYS", p.getPreviousSecretKeys());
    put(env, "JWT_PRIVATE_JWK_FILE", p.getPrivateJwkFile());
    put(env, "JWT_PUBLIC_JWKS_FILE", p.getPublicJwksFile());
    put(env, "JWT_ISSUER_URI", p.getIssuerUri());
    put(env, "JWT_JWKS_URI", p.getJwksUri());
    put(env, "JWT_ROLES_CLAIM", p.getRolesClaim());
    put(env, "JWT_UNSAFE_ALLOW_PLAIN_HTTP_ON_LOOPBACK", p.getUnsafeAllowPlainHttpOnLoopback());
    return env;
  }

  private static void put(Map<String, String> env, String name, Object value) {
    if (value != null) {
      env.put(name, value.toString());
    }
  }

  /**
   * In-memory refresh-token families, for one instance.
   *
   * @return the store
   */
  @Bean
  @ConditionalOnMissingBean
  public RefreshTokenStore jwtRefreshTokenStore() {
    return RefreshTokenStore.inMemory();
  }

  /**
   * In-memory login throttle counters, for one instance.
   *
   * @return the store
   */
  @Bean
  @ConditionalOnMissingBean
  public ThrottleStore jwtThrottleStore() {
    return ThrottleStore.inMemory();
  }

  /**
   * In-memory access-token denylist, for one instance.
   *
   * @return the denylist
   */
  @Bean
  @ConditionalOnMissingBean
  public AccessTokenDenylist jwtAccessTokenDenylist() {
    return AccessTokenDenylist.inMemory();
  }

  /**
   * In-memory audit trail (bounded), kept for {@code jwt-security.audit-retention}.
   *
   * @return the audit trail
   */
  @Bean
  @ConditionalOnMissingBean
  public AuditTrail jwtAuditTrail() {
    return AuditTrail.inMemory();
  }

  /**
   * The front door.
   *
   * @param settings the settings
   * @param properties the properties
   * @param refreshTokens the refresh-token store
   * @param throttle the throttle store
   * @param denylist the denylist
   * @param audit the audit trail
   * @param users the application's user table for login, if any
   * @param directory the application's user directory, if any
   * @param clock the application's clock, if any
   * @param random the application's random source, if any
   * @param listeners the application's security event listeners
   * @param customizers the application's builder customizers
   * @param publisher where security events are published as application events
   * @return the front door
   * @throws IllegalStateException if the token endpoints are enabled without one {@link
   *     UserCredentialsLookup} bean to check passwords against
   */
  @Bean
  @ConditionalOnMissingBean
  public JwtSecurity jwtSecurity(
      JwtSettings settings,
      JwtSecurityProperties properties,
      RefreshTokenStore refreshTokens,
      ThrottleStore throttle,
      AccessTokenDenylist denylist,
      AuditTrail audit,
      ObjectProvider<UserCredentialsLookup> users,
      ObjectProvider<UserDirectory> directory,
      ObjectProvider<Clock> clock,
      ObjectProvider<SecureRandom> random,
      ObjectProvider<SecurityEventListener> listeners,
      ObjectProvider<JwtSecurityBuilderCustomizer> customizers,
      ApplicationEventPublisher publisher) {
    JwtSecurity.Builder b =
        JwtSecurity.builder(settings)
            .refreshTokenStore(refreshTokens)
            .throttleStore(throttle)
            .denylist(denylist)
            .auditTrail(audit, properties.getAuditRetention());
    UserCredentialsLookup lookup = users.getIfUnique();
    if (lookup != null) {
      b.users(lookup);
    } else if (properties.getEndpoints().isEnabled()) {
      // Without a user table every login would fail at request time: refuse to start instead.
      throw new IllegalStateException(
          "jwt-security.endpoints.enabled=true needs your user table: declare one"
              + " UserCredentialsLookup bean (or mark one @Primary), which the login endpoint checks"
              + " passwords against");
    }
    directory.ifUnique(b::userDirectory);
    clock.ifUnique(b::clock);
    random.ifUnique(b::random);
    listeners.orderedStream().forEach(b::events);
    b.events(new ApplicationEventBridge(publisher));
    customizers.orderedStream().forEach(c -> c.customize(b));
    return b.build();
  }

  /**
   * The front door's authenticator: the one every request goes through.
   *
   * @param security the front door
   * @return its authenticator
   */
  @Bean
  @ConditionalOnMissingBean
  public TokenAuthenticator jwtTokenAuthenticator(JwtSecurity security) {
    return security.authenticator();
  }

  /**
   * Spring Security's password encoder on the front door's Argon2id hasher.
   *
   * @param security the front door
   * @return the encoder
   */
  @Bean
  @ConditionalOnMissingBean
  public PasswordEncoder jwtPasswordEncoder(JwtSecurity security) {
    return new JwtSecurityPasswordEncoder(security.passwords());
  }

  /**
   * The authentication provider for the library's tokens.
   *
   * @param authenticator the authenticator
   * @param properties the authority prefixes
   * @return the provider
   */
  @Bean
  @ConditionalOnMissingBean
  public JwtSecurityAuthenticationProvider jwtSecurityAuthenticationProvider(
      TokenAuthenticator authenticator, JwtSecurityProperties properties) {
    return new JwtSecurityAuthenticationProvider(
        authenticator,
        properties.getAuthorities().getRolePrefix(),
        properties.getAuthorities().getScopePrefix());
  }
}
