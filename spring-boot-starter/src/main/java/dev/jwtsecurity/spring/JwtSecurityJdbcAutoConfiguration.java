package dev.jwtsecurity.spring;

import dev.jwtsecurity.access.AccessTokenDenylist;
import dev.jwtsecurity.audit.AuditTrail;
import dev.jwtsecurity.jdbc.JdbcStores;
import dev.jwtsecurity.refresh.RefreshTokenStore;
import dev.jwtsecurity.throttle.ThrottleStore;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.context.annotation.Bean;

/**
 * The stores on the application's database when it has one {@link DataSource} and {@code
 * jwt-security-jdbc} is on the class path: refresh-token families, throttle counters, the
 * access-token denylist and the audit trail shared by every instance. {@code
 * jwt-security.jdbc.enabled=false} keeps the in-memory stores; the tables are created at start-up
 * for an embedded database ({@code jwt-security.jdbc.initialize-schema}: {@code embedded}, {@code
 * always}, {@code never}), as Spring Boot does for its own schemas.
 */
@AutoConfiguration(
    afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    before = JwtSecurityAutoConfiguration.class)
@ConditionalOnClass({JdbcStores.class, DataSource.class, EmbeddedDatabaseConnection.class})
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnBooleanProperty(name = "jwt-security.jdbc.enabled", matchIfMissing = true)
@EnableConfigurationProperties(JwtSecurityProperties.class)
public class JwtSecurityJdbcAutoConfiguration {

  /** Creates the auto-configuration; Spring calls it. */
  public JwtSecurityJdbcAutoConfiguration() {}

  /**
   * The JDBC stores on the application's data source.
   *
   * @param dataSource the application's data source
   * @param properties the table prefix and schema choice
   * @return the stores
   */
  @Bean
  @ConditionalOnMissingBean
  public JdbcStores jwtJdbcStores(DataSource dataSource, JwtSecurityProperties properties) {
    JdbcStores stores =
        JdbcStores.builder()
            .dataSource(dataSource)
            .tablePrefix(properties.getJdbc().getTablePrefix())
            .build();
    JwtSecurityProperties.Jdbc.SchemaInitialization mode =
        properties.getJdbc().getInitializeSchema();
    if (mode == JwtSecurityProperties.Jdbc.SchemaInitialization.ALWAYS
        || (mode == JwtSecurityProperties.Jdbc.SchemaInitialization.EMBEDDED
            && EmbeddedDatabaseConnection.isEmbedded(dataSource))) {
      stores.createSchema(); // CREATE ... IF NOT EXISTS: harmless when the tables are there
    }
    return stores;
  }

  /**
   * Refresh-token families in the database.
   *
   * @param stores the JDBC stores
   * @return the store
   */
  @Bean
  @ConditionalOnMissingBean
  public RefreshTokenStore jwtRefreshTokenStore(JdbcStores stores) {
    return stores.refreshTokenStore();
  }

  /**
   * Throttle counters in the database.
   *
   * @param stores the JDBC stores
   * @return the store
   */
  @Bean
  @ConditionalOnMissingBean
  public ThrottleStore jwtThrottleStore(JdbcStores stores) {
    return stores.throttleStore();
  }

  /**
   * The access-token denylist in the database.
   *
   * @param stores the JDBC stores
   * @return the denylist
   */
  @Bean
  @ConditionalOnMissingBean
  public AccessTokenDenylist jwtAccessTokenDenylist(JdbcStores stores) {
    return stores.accessTokenDenylist();
  }

  /**
   * The audit trail in the database.
   *
   * @param stores the JDBC stores
   * @return the audit trail
   */
  @Bean
  @ConditionalOnMissingBean
  public AuditTrail jwtAuditTrail(JdbcStores stores) {
    return stores.auditTrail();
  }
}
