package dev.jwtsecurity.spring;

import dev.jwtsecurity.internal.Json;
import dev.jwtsecurity.internal.JsonWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Strict JSON request bodies for the token endpoints, with the Jetty demo's answers: 415 for
 * another content type, 413 over 16 KiB, 400 with a fixed {@code detail} (which member, which rule)
 * for malformed JSON, duplicate, unknown or mistyped members. A detail never echoes the input.
 */
final class JsonBodies {

  /** Request bodies above this size are refused before parsing. */
  static final int MAX_BODY_BYTES = 16 * 1024;

  private JsonBodies() {}

  /** A refused body: the status and a detail written by the library. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    Refused(int status, String detail) {
      super(detail, null, false, false);
      this.status = status;
    }

    Refused(String detail) {
      this(400, detail);
    }
  }

  static boolean hasBody(HttpServletRequest request) {
    return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
  }

  static Map<String, Object> readObject(HttpServletRequest request, Set<String> allowed)
      throws Refused, IOException {
    if (!isJson(request.getContentType())) {
      throw new Refused(415, "send the body as Content-Type: application/json");
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      throw new Refused(413, "the body must be at most " + MAX_BODY_BYTES + " bytes");
    }
    Map<String, Object> members;
    try {
      members = Json.parseObject(body, 0, body.length, 8);
    } catch (Json.MalformedJsonException e) {
      throw new Refused(
          startsLikeOtherJsonValue(body)
              ? "the body must be a JSON object"
              : "the body is not well-formed JSON");
    }
    for (String name : members.keySet()) {
      if (!allowed.contains(name)) {
        throw new Refused(
            "unknown member; allowed members are " + String.join(", ", new TreeSet<>(allowed)));
      }
    }
    return members;
  }

  static String requiredText(Map<String, Object> body, String name, int min, int max)
      throws Refused {
    Object v = body.get(name);
    if (v == null || v == Json.NULL) {
      throw new Refused(name + " is required");
    }
    if (!(v instanceof String s)) {
      throw new Refused(name + " must be a string");
    }
    int length = s.codePointCount(0, s.length());
    if (length < min || length > max) {
      throw new Refused(name + " must be " + min + " to " + max + " characters");
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        throw new Refused(name + " must not contain control characters");
      }
    }
    return s;
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semi = contentType.indexOf(';');
    String type =
        (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json");
  }

  /** Whether a body that is not an object starts like another JSON value (array, string, ...). */
  private static boolean startsLikeOtherJsonValue(byte[] body) {
    for (byte c : body) {
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        continue;
      }
      return c == '['
          || c == '"'
          || c == '-'
          || (c >= '0' && c <= '9')
          || c == 't'
          || c == 'f'
          || c == 'n';
    }
    return false;
  }

  static void writeJson(HttpServletResponse response, JsonWriter json) throws IOException {
    response.setStatus(200);
    response.setHeader("Cache-Control", "no-store");
    response.setContentType("application/json");
    response.setContentLength(json.length());
    response.getOutputStream().write(json.buffer(), 0, json.length());
  }

  /** The problem body of a refused request body: the generic fields plus the fixed detail. */
  static void problem(HttpServletResponse response, Refused e) throws IOException {
    JsonWriter json =
        new JsonWriter(256)
            .beginObject()
            .member("type", "about:blank")
            .member("title", title(e.status))
            .member("status", e.status)
            .member("detail", e.getMessage())
            .endObject();
    response.resetBuffer();
    response.setStatus(e.status);
    response.setHeader("Cache-Control", "no-store");
    response.setContentType("application/problem+json");
    response.setContentLength(json.length());
    response.getOutputStream().write(json.buffer(), 0, json.length());
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      default -> "Error";
    };
  }
}
