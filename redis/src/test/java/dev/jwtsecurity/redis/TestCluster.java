package dev.jwtsecurity.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;

/**
 * One Redis Cluster node per test JVM, started on first use and stopped when the JVM exits: it owns
 * every slot, so clients work as on a real cluster (slot routing, {@code CROSSSLOT} checks).
 */
final class TestCluster {

  private static RedisServer server;

  private TestCluster() {}

  static synchronized String url() {
    if (server == null) {
      RedisServer s =
          RedisServer.startOrSkip(
              "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf");
      Runtime.getRuntime().addShutdownHook(new Thread(s::close));
      RedisClient client = RedisClient.create(s.url());
      try (StatefulRedisConnection<String, String> c = client.connect()) {
        RedisCommands<String, String> raw = c.sync();
        raw.dispatch(
            CommandType.CLUSTER,
            new StatusOutput<>(StringCodec.UTF8),
            new CommandArgs<>(StringCodec.UTF8).add("ADDSLOTSRANGE").add(0).add(16383));
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!raw.clusterInfo().contains("cluster_state:ok")) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the test cluster did not become ready");
          }
          RedisServer.sleep(50);
        }
      } finally {
        client.shutdown();
      }
      server = s;
    }
    return server.url();
  }
}
