package dev.jwtsecurity.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on a free loopback port whose answers a test scripts path by path, and which
 * counts every request: for what a real identity provider will not do on demand (fail, stall,
 * answer huge or wrong, redirect elsewhere, publish bad keys). Shared with other modules through
 * core's test-jar.
 */
public final class ScriptedServer implements AutoCloseable {

  /** One scripted answer. */
  @FunctionalInterface
  public interface Answer {
    void answer(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();

  private ScriptedServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    server.setExecutor(executor);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          total.incrementAndGet();
          hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
          try (exchange) {
            Answer a = answers.get(path);
            if (a == null) {
              send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
            } else {
              a.answer(exchange);
            }
          } catch (IOException | RuntimeException e) {
            // The client went away (a cut-off answer): nothing to do.
          }
        });
    server.start();
  }

  public static ScriptedServer start() throws IOException {
    return new ScriptedServer();
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public URI uri(String path) {
    return URI.create(url(path));
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public ScriptedServer on(String path, Answer answer) {
    answers.put(path, answer);
    return this;
  }

  /** Answers {@code path} with 200, the media type and the body. */
  public ScriptedServer json(String path, String contentType, String body, String... headers) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return on(
        path,
        ex -> {
          for (int i = 0; i + 1 < headers.length; i += 2) {
            ex.getResponseHeaders().add(headers[i], headers[i + 1]);
          }
          send(ex, 200, contentType, b);
        });
  }

  /** Answers {@code path} with a JWK Set. */
  public ScriptedServer jwks(String path, String jwkSetJson, String... headers) {
    return json(path, "application/jwk-set+json", jwkSetJson, headers);
  }

  public int hits(String path) {
    AtomicInteger n = hits.get(path);
    return n == null ? 0 : n.get();
  }

  public int totalHits() {
    return total.get();
  }

  public static void send(HttpExchange ex, int status, String contentType, byte[] body)
      throws IOException {
    if (contentType != null) {
      ex.getResponseHeaders().set("Content-Type", contentType);
    }
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  public static void redirect(HttpExchange ex, int status, String location) throws IOException {
    ex.getResponseHeaders().set("Location", location);
    ex.sendResponseHeaders(status, -1);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
