package dev.jwtsecurity.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.StoreUnavailableException;
import dev.jwtsecurity.access.AccessTokenDenylist;
import dev.jwtsecurity.access.TokenAuthenticator;
import dev.jwtsecurity.audit.AuditOutcome;
import dev.jwtsecurity.audit.AuditRecord;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.refresh.TokenPair;
import dev.jwtsecurity.testing.TestSecurity;
import dev.jwtsecurity.throttle.ThrottleKey;
import dev.jwtsecurity.throttle.ThrottlePolicy;
import dev.jwtsecurity.token.IssuedAccessToken;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * When the database goes away, validation (the denylist check) and refresh fail closed: they throw
 * {@link StoreUnavailableException}, never answer "not revoked" or hand out tokens.
 */
class FailClosedTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  /**
   * Sets everything up on a live database, takes it away with {@code outage}, and checks every path
   * refuses.
   */
  private void assertFailsClosed(SwitchableDataSource source, Runnable outage) throws Exception {
    JdbcStores stores = JdbcStores.builder().dataSource(source).tablePrefix("fc_").build();
    stores.createSchema();
    AccessTokenDenylist denylist = stores.accessTokenDenylist();
    JwtSecurity tokens =
        TestSecurity.builder("alice")
            .refreshTokenStore(stores.refreshTokenStore())
            .denylist(denylist)
            .clock(clock)
            .build();
    TokenAuthenticator authenticator = tokens.authenticator();
    TokenPair pair = TestSecurity.login(tokens, "alice");
    IssuedAccessToken access = pair.accessToken();
    String refresh = pair.refreshToken().orElseThrow().value();
    assertThat(authenticator.authenticate(access.value(), RequestContext.UNKNOWN).user().userId())
        .isEqualTo("alice");

    outage.run();

    assertThatThrownBy(() -> authenticator.authenticate(access.value(), RequestContext.UNKNOWN))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("access-token denylist");
    assertThatThrownBy(() -> denylist.isDenied(TestSecurity.ISSUER, access.tokenId(), NOW))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(
            () -> denylist.deny(TestSecurity.ISSUER, access.tokenId(), access.expiresAt()))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> tokens.refresh(refresh, RequestContext.UNKNOWN))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("refresh-token store");
    assertThatThrownBy(() -> TestSecurity.login(tokens, "alice"))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(
            () ->
                stores
                    .throttleStore()
                    .recordFailure(
                        ThrottleKey.forAccount("a"), ThrottlePolicy.ACCOUNT_DEFAULT, NOW))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> stores.throttleStore().get(ThrottleKey.forAccount("a"), NOW))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(
            () ->
                stores
                    .auditTrail()
                    .append(AuditRecord.builder(NOW, "alice", "x", AuditOutcome.SUCCESS).build()))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> stores.purgeExpired(NOW))
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void h2ShutDown_validationAndRefreshFailClosed() throws Exception {
    String url = "jdbc:h2:mem:" + TestDatabase.uniquePrefix() + "closed;DB_CLOSE_DELAY=-1";
    SwitchableDataSource source = new SwitchableDataSource(TestDatabase.h2DataSource(url));
    assertFailsClosed(
        source,
        () -> {
          try (Connection c = source.getConnection();
              Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
          // Later connections reach a database that no longer has our tables: a lost database.
        });
  }

  @Test
  void deadPort_validationAndRefreshFailClosed() throws Exception {
    SwitchableDataSource source =
        new SwitchableDataSource(
            TestDatabase.h2DataSource(
                "jdbc:h2:mem:" + TestDatabase.uniquePrefix() + "dead;DB_CLOSE_DELAY=-1"));
    PGSimpleDataSource dead = new PGSimpleDataSource();
    dead.setURL("jdbc:postgresql://127.0.0.1:1/postgres?user=postgres&connectTimeout=2");
    assertFailsClosed(source, () -> source.switchTo(dead));
  }

  @Test
  void build_unreachableDatabase_throwsStoreUnavailable() {
    PGSimpleDataSource dead = new PGSimpleDataSource();
    dead.setURL("jdbc:postgresql://127.0.0.1:1/postgres?user=postgres&connectTimeout=2");
    assertThatThrownBy(() -> JdbcStores.builder().dataSource(dead).build())
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("cannot reach the database");
  }

  @Test
  void createSchema_isIdempotent() {
    DataSource ds =
        TestDatabase.h2DataSource(
            "jdbc:h2:mem:" + TestDatabase.uniquePrefix() + "idem;DB_CLOSE_DELAY=-1");
    JdbcStores stores = JdbcStores.builder().dataSource(ds).build();
    stores.createSchema();
    stores.accessTokenDenylist().deny("i", "j", NOW);
    stores.createSchema();
    assertThat(stores.accessTokenDenylist().isDenied("i", "j", NOW)).isTrue();
  }

  @Test
  void connection_autoCommitAndIsolationRestoredAfterEveryOperation() throws Exception {
    JdbcDataSource h2 =
        TestDatabase.h2DataSource(
            "jdbc:h2:mem:" + TestDatabase.uniquePrefix() + "pool;DB_CLOSE_DELAY=-1");
    // One physical connection handed out again and again, like a pool would.
    Connection shared = h2.getConnection();
    shared.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
    DataSource pool =
        new SwitchableDataSource(h2) {
          @Override
          public Connection getConnection() {
            return (Connection)
                java.lang.reflect.Proxy.newProxyInstance(
                    Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class},
                    (proxy, method, args) ->
                        method.getName().equals("close") ? null : method.invoke(shared, args));
          }
        };
    JdbcStores stores = JdbcStores.builder().dataSource(pool).build();
    stores.createSchema();
    stores
        .throttleStore()
        .recordFailure(ThrottleKey.forAccount("a"), ThrottlePolicy.ACCOUNT_DEFAULT, NOW);
    stores.accessTokenDenylist().deny("i", "j", NOW);
    assertThat(shared.getAutoCommit()).isTrue();
    assertThat(shared.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
    shared.close();
  }
}
