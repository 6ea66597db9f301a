package dev.jwtsecurity.examples;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;

/**
 * Closes a new connection at once when its client address already holds {@code limit} open ones, so
 * one client cannot take every connection slot (Jetty's {@code NetworkConnectionLimit} bounds the
 * total, not a client's share).
 *
 * <pre>{@code
 * connector.addEventListener(new ConnectionsPerClient(32));
 * }</pre>
 *
 * <p>The address is the TCP peer: behind a reverse proxy every client shares the proxy's address,
 * and the limit belongs in the proxy instead (nginx {@code limit_conn}).
 */
final class ConnectionsPerClient implements Connection.Listener {

  private final int limit;
  private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();

  // A closed channel no longer knows its peer: remember each connection's address from its opening.
  private final Map<Connection, InetAddress> clients = new ConcurrentHashMap<>();

  ConnectionsPerClient(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("the connection limit per client must be at least 1");
    }
    this.limit = limit;
  }

  @Override
  public void onOpened(Connection connection) {
    InetAddress client = client(connection);
    if (client == null) {
      return;
    }
    clients.put(connection, client);
    int now = open.merge(client, 1, Integer::sum);
    if (now > limit) {
      connection.getEndPoint().close();
    }
  }

  @Override
  public void onClosed(Connection connection) {
    InetAddress client = clients.remove(connection);
    if (client != null) {
      open.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
    }
  }

  private static InetAddress client(Connection connection) {
    SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
    return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
  }
}
