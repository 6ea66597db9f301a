package example;

import dev.jwtsecurity.argon2.bouncycastle.BouncyCastleArgon2Engine;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.jdbc.JdbcStores;
import dev.jwtsecurity.micrometer.MicrometerSecurityMetrics;
import dev.jwtsecurity.redis.RedisStores;
import dev.jwtsecurity.servlet.JwtAuthenticationFilter;
import dev.jwtsecurity.spring.JwtSecurityAutoConfiguration;
import java.util.List;

/** Compiles only if every artifact the BOM manages resolved onto the class path. */
public final class Application {
  private Application() {}

  /** One type from each published module. */
  public static List<Class<?>> modules() {
    return List.of(
        JwtSettings.class,
        JwtAuthenticationFilter.class,
        JdbcStores.class,
        MicrometerSecurityMetrics.class,
        RedisStores.class,
        BouncyCastleArgon2Engine.class,
        JwtSecurityAutoConfiguration.class);
  }
}
