package dev.jwtsecurity.examples;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Serves the demo page: exactly three files from the class path, nothing else (no directory
 * listing, no path resolution). The page's own Content-Security-Policy replaces the API's {@code
 * default-src 'none'}: scripts, styles and fetches from this origin only, no inline script.
 */
final class StaticServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /**
   * The page's policy: only its own script and style files; API calls to its own origin; no
   * framing, no plugins.
   */
  static final String PAGE_CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
          + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  private static final class Resource {
    private final String contentType;
    private final byte[] bytes;

    Resource(String contentType, byte[] bytes) {
      this.contentType = contentType;
      this.bytes = bytes;
    }

    String contentType() {
      return contentType;
    }

    byte[] bytes() {
      return bytes; // never modified: only written to responses
    }
  }

  private final transient Map<String, Resource> files =
      Map.of(
          "/", load("index.html", "text/html; charset=utf-8"),
          "/app.js", load("app.js", "text/javascript; charset=utf-8"),
          "/app.css", load("app.css", "text/css; charset=utf-8"));

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
    Resource r = files.get(path.isEmpty() ? "/" : path);
    if (r == null) {
      resp.sendError(404);
      return;
    }
    if (!req.getMethod().equals("GET") && !req.getMethod().equals("HEAD")) {
      Api.methodNotAllowed(resp, "GET, HEAD");
      return;
    }
    resp.setHeader("Content-Security-Policy", PAGE_CSP);
    resp.setHeader("Cache-Control", "no-cache");
    resp.setContentType(r.contentType());
    resp.setContentLength(r.bytes().length);
    if (req.getMethod().equals("GET")) {
      resp.getOutputStream().write(r.bytes());
    }
  }

  private static Resource load(String name, String contentType) {
    try (InputStream in = StaticServlet.class.getResourceAsStream("/static/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource /static/" + name);
      }
      return new Resource(contentType, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
