package dev.jwtsecurity.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.StoreUnavailableException;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.refresh.RevocationReason;
import dev.jwtsecurity.refresh.TokenPair;
import dev.jwtsecurity.testing.Secrets;
import dev.jwtsecurity.testing.TestSecurity;
import dev.jwtsecurity.throttle.ThrottleKey;
import dev.jwtsecurity.throttle.ThrottlePolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An ACL user with only the commands the stores use and only the keys of its prefix (the rule the
 * README recommends), on a {@code redis-server} of the test's own whose default user is disabled.
 * The password is registered with the log-leak guard: the run fails if it is ever logged.
 */
class RedisAclTest {

  private static final String PASSWORD = Secrets.register("acl-Pa55word-" + System.nanoTime());

  /** The commands the stores and their scripts need; the README quotes this list. */
  static final String COMMANDS =
      "+ping +hello +auth +get +set +del +exists +hmget +zrange"
          + " +scan +eval +evalsha +hget +hset +hsetnx +hexists +hkeys +pexpire +pttl +zadd +zrem"
          + " +zremrangebyscore";

  /** What a Cluster client needs on top: reading the topology. */
  static final String CLUSTER_COMMANDS = "+cluster|nodes +info";

  private static RedisServer server;
  private final Clock clock = Clock.systemUTC();

  @BeforeAll
  static void start() {
    List<String> args = new ArrayList<>(List.of("--user", "default", "off"));
    args.addAll(
        List.of("--user", "jwtapp", "on", ">" + PASSWORD, "resetkeys", "~jwtacl:*", "-@all"));
    args.addAll(List.of(COMMANDS.split(" ")));
    server = RedisServer.startOrSkip(args.toArray(String[]::new));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private String uri(String user, String password) {
    return "redis://" + user + ":" + password + "@127.0.0.1:" + server.port;
  }

  @Test
  void aclUserLimitedToItsPrefix_everyOperationWorks() throws Exception {
    try (RedisStores stores =
        RedisStores.builder().uri(uri("jwtapp", PASSWORD)).keyPrefix("jwtacl").build()) {
      JwtSecurity tokens =
          TestSecurity.builder("alice")
              .refreshTokenStore(stores.refreshTokenStore())
              .throttleStore(stores.throttleStore())
              .denylist(stores.accessTokenDenylist())
              .clock(clock)
              .build();
      TokenPair pair = TestSecurity.login(tokens, "alice");
      TokenPair next =
          tokens.refresh(pair.refreshToken().orElseThrow().value(), RequestContext.UNKNOWN);
      assertThat(next.refreshToken()).isPresent();
      assertThat(
              stores
                  .refreshTokenStore()
                  .revokeAllForUser("alice", RevocationReason.LOGOUT_EVERYWHERE, clock.instant()))
          .isEqualTo(1);
      ThrottleKey key = ThrottleKey.forAccount("alice");
      stores.throttleStore().recordFailure(key, ThrottlePolicy.ACCOUNT_DEFAULT, clock.instant());
      assertThat(stores.throttleStore().get(key, clock.instant()).orElseThrow().failures())
          .isEqualTo(1);
      stores.throttleStore().reset(key);
      stores.accessTokenDenylist().deny("iss", "jti", clock.instant().plusSeconds(60));
      assertThat(stores.accessTokenDenylist().isDenied("iss", "jti", clock.instant())).isTrue();
      assertThat(stores.purgeExpired(clock.instant().plus(Duration.ofDays(400))).refreshFamilies())
          .isEqualTo(1);
    }
  }

  @Test
  void aclUserOnACluster_everyOperationWorks() throws Exception {
    String url = TestCluster.url();
    String password = Secrets.register("cluster-acl-Pa55word-" + System.nanoTime());
    io.lettuce.core.RedisClient admin = io.lettuce.core.RedisClient.create(url);
    try (var c = admin.connect()) {
      List<String> rule =
          new ArrayList<>(List.of("on", ">" + password, "resetkeys", "~jwtacl:*", "-@all"));
      rule.addAll(List.of((COMMANDS + " " + CLUSTER_COMMANDS).split(" ")));
      c.sync()
          .dispatch(
              io.lettuce.core.protocol.CommandType.ACL,
              new io.lettuce.core.output.StatusOutput<>(io.lettuce.core.codec.StringCodec.UTF8),
              new io.lettuce.core.protocol.CommandArgs<>(io.lettuce.core.codec.StringCodec.UTF8)
                  .add("SETUSER")
                  .add("jwtclus")
                  .addValues(rule));
    } finally {
      admin.shutdown();
    }
    String seed = url.replace("redis://", "redis://jwtclus:" + password + "@");
    try (RedisStores stores = RedisStores.builder().clusterUri(seed).keyPrefix("jwtacl").build()) {
      JwtSecurity tokens =
          TestSecurity.builder("alice")
              .refreshTokenStore(stores.refreshTokenStore())
              .throttleStore(stores.throttleStore())
              .denylist(stores.accessTokenDenylist())
              .clock(clock)
              .build();
      TokenPair pair = TestSecurity.login(tokens, "alice");
      assertThat(
              tokens
                  .refresh(pair.refreshToken().orElseThrow().value(), RequestContext.UNKNOWN)
                  .refreshToken())
          .isPresent();
      stores
          .throttleStore()
          .recordFailure(
              ThrottleKey.forAccount("a"), ThrottlePolicy.ACCOUNT_DEFAULT, clock.instant());
      stores.accessTokenDenylist().deny("iss", "jti", clock.instant().plusSeconds(60));
      assertThat(stores.accessTokenDenylist().isDenied("iss", "jti", clock.instant())).isTrue();
      assertThat(stores.purgeExpired(clock.instant().plus(Duration.ofDays(400))).refreshFamilies())
          .isEqualTo(1);
    }
  }

  @Test
  void keysOutsideTheAclPattern_failClosed() {
    try (RedisStores stores =
        RedisStores.builder().uri(uri("jwtapp", PASSWORD)).keyPrefix("other").build()) {
      assertThatThrownBy(() -> stores.accessTokenDenylist().isDenied("iss", "jti", clock.instant()))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("NOPERM");
    }
  }

  @Test
  void wrongPassword_throwsStoreUnavailableWithoutThePassword() {
    String wrong = Secrets.register("wrong-" + PASSWORD);
    assertThatThrownBy(() -> RedisStores.builder().uri(uri("jwtapp", wrong)).build())
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("cannot connect to Redis at 127.0.0.1:" + server.port)
        .hasMessageNotContaining(wrong)
        .hasMessageNotContaining(PASSWORD);
  }

  @Test
  void noCredentials_throwsStoreUnavailable() {
    assertThatThrownBy(() -> RedisStores.builder().uri("redis://127.0.0.1:" + server.port).build())
        .isInstanceOf(StoreUnavailableException.class);
  }
}
