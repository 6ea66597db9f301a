package dev.jwtsecurity.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Requests over real sockets to a test application. */
final class Http {

  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final URI base;

  Http(int port) {
    this.base = URI.create("http://127.0.0.1:" + port);
  }

  URI base() {
    return base;
  }

  record Answer(int status, HttpHeaders headers, String body) {
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    List<String> setCookies() {
      return headers.allValues("Set-Cookie");
    }

    String cookie(String name) {
      for (String c : setCookies()) {
        if (c.startsWith(name + "=")) {
          int end = c.indexOf(';');
          return c.substring(name.length() + 1, end < 0 ? c.length() : end);
        }
      }
      throw new AssertionError("no Set-Cookie " + name + " in " + setCookies());
    }

    /** A string member of a flat JSON body (enough for the token answers). */
    String json(String member) {
      String key = "\"" + member + "\":\"";
      int i = body.indexOf(key);
      if (i < 0) {
        return null;
      }
      int start = i + key.length();
      return body.substring(start, body.indexOf('"', start));
    }
  }

  Answer send(String method, String path, String body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> r =
          client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Answer login(String username, String password, String... headers) {
    return send(
        "POST",
        "/api/auth/login",
        "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}",
        headers);
  }

  Answer get(String path, String accessToken) {
    return send("GET", path, null, "Authorization", "Bearer " + accessToken);
  }
}
