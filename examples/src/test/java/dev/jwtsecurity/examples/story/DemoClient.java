package dev.jwtsecurity.examples.story;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A small HTTP client for the demos' API, over real sockets (java.net.http). */
public final class DemoClient {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final URI base;

  /**
   * A client of the demo at {@code base}.
   *
   * @param base the demo's base URI
   */
  public DemoClient(URI base) {
    this.base = base;
  }

  /**
   * One answer: status, headers and the raw body bytes (compared byte for byte in the 404 tests).
   */
  public static final class Answer {
    private final int status;
    private final java.net.http.HttpHeaders headers;
    private final byte[] body;

    Answer(int status, java.net.http.HttpHeaders headers, byte[] body) {
      this.status = status;
      this.headers = headers;
      this.body = body;
    }

    public int status() {
      return status;
    }

    public byte[] body() {
      return body.clone();
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    public List<String> setCookies() {
      return headers.allValues("Set-Cookie");
    }
  }

  /**
   * Builds and sends a request: {@code send("POST", "/api/todos", json, "Authorization", "Bearer
   * ...")}.
   */
  public Answer send(String method, String path, String jsonBody, String... headerPairs) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
    List<String> headers = new ArrayList<>(List.of(headerPairs));
    if (jsonBody != null && !headers.contains("Content-Type")) {
      headers.add("Content-Type");
      headers.add("application/json");
    }
    for (int i = 0; i < headers.size(); i += 2) {
      b.header(headers.get(i), headers.get(i + 1));
    }
    b.method(
        method,
        jsonBody == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Answer register(String username, String password) {
    return send("POST", "/api/auth/register", credentials(username, password));
  }

  public Answer login(String username, String password) {
    return send("POST", "/api/auth/login", credentials(username, password));
  }

  /** Registers and logs in; returns the login answer's JSON (access_token, refresh_token, ...). */
  public JsonNode newUser(String username, String password) {
    Answer r = register(username, password);
    if (r.status() != 201) {
      throw new AssertionError("register " + username + ": " + r.status() + " " + r.text());
    }
    Answer l = login(username, password);
    if (l.status() != 200) {
      throw new AssertionError("login " + username + ": " + l.status() + " " + l.text());
    }
    return l.json();
  }

  public Answer withToken(String method, String path, String jsonBody, String accessToken) {
    return send(method, path, jsonBody, "Authorization", "Bearer " + accessToken);
  }

  public Answer refresh(String refreshToken) {
    return send("POST", "/api/auth/refresh", "{\"refresh_token\":\"" + refreshToken + "\"}");
  }

  public static String credentials(String username, String password) {
    return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
  }
}
