package dev.jwtsecurity.examples;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jwtsecurity.servlet.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * Strict JSON in, JSON out, and the demo's error answers. Every 4xx body is an RFC 9457 problem; a
 * 400 carries a {@code detail} written by the demo (which field, which rule), never the input, a
 * parser message or a stack trace.
 */
final class Api {

  /** Request bodies above this size are refused before parsing. */
  static final int MAX_BODY_BYTES = 16 * 1024;

  static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(JsonParser.Feature.ALLOW_COMMENTS)
          .build();

  static {
    JSON.getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(8)
                .maxStringLength(MAX_BODY_BYTES)
                .build());
  }

  private Api() {}

  /** A request the demo refuses with 400 (or another 4xx) and a fixed, input-free detail. */
  static final class BadRequest extends Exception {
    final int status;

    BadRequest(String detail) {
      this(400, detail);
    }

    BadRequest(int status, String detail) {
      super(detail, null, false, false);
      this.status = status;
    }
  }

  /**
   * Reads the body as one JSON object with only the {@code allowed} members.
   *
   * @throws BadRequest 415 for another content type, 413 for a body over {@link #MAX_BODY_BYTES},
   *     400 for malformed JSON, a non-object, duplicate or unknown members
   */
  static ObjectNode readObject(HttpServletRequest req, Set<String> allowed)
      throws BadRequest, IOException {
    if (!isJson(req.getContentType())) {
      throw new BadRequest(415, "send the body as Content-Type: application/json");
    }
    byte[] body;
    try (InputStream in = req.getInputStream()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      throw new BadRequest(413, "the body must be at most " + MAX_BODY_BYTES + " bytes");
    }
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (JacksonException e) {
      throw new BadRequest("the body is not well-formed JSON");
    }
    if (node == null || !node.isObject()) {
      throw new BadRequest("the body must be a JSON object");
    }
    ObjectNode obj = (ObjectNode) node;
    for (Iterator<String> names = obj.fieldNames(); names.hasNext(); ) {
      if (!allowed.contains(names.next())) {
        throw new BadRequest(
            "unknown member; allowed members are "
                + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
    return obj;
  }

  /** Whether the request has a body at all (a {@code Content-Length} above zero or chunked). */
  static boolean hasBody(HttpServletRequest req) {
    return req.getContentLengthLong() > 0 || req.getHeader("Transfer-Encoding") != null;
  }

  static String requiredText(ObjectNode obj, String name, int min, int max) throws BadRequest {
    JsonNode n = obj.get(name);
    if (n == null || n.isNull()) {
      throw new BadRequest(name + " is required");
    }
    if (!n.isTextual()) {
      throw new BadRequest(name + " must be a string");
    }
    String s = n.textValue();
    int length = s.codePointCount(0, s.length());
    if (length < min || length > max) {
      throw new BadRequest(name + " must be " + min + " to " + max + " characters");
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        throw new BadRequest(name + " must not contain control characters");
      }
    }
    return s;
  }

  static boolean requiredBoolean(ObjectNode obj, String name) throws BadRequest {
    JsonNode n = obj.get(name);
    if (n == null || n.isNull()) {
      throw new BadRequest(name + " is required");
    }
    if (!n.isBoolean()) {
      throw new BadRequest(name + " must be true or false");
    }
    return n.booleanValue();
  }

  static boolean optionalBoolean(ObjectNode obj, String name, boolean absent) throws BadRequest {
    return obj.has(name) ? requiredBoolean(obj, name) : absent;
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

  static void writeJson(HttpServletResponse resp, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    resp.setStatus(status);
    resp.setHeader("Cache-Control", "no-store");
    resp.setContentType("application/json");
    resp.setCharacterEncoding(StandardCharsets.UTF_8.name());
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
  }

  /**
   * Writes a problem with the demo's own detail (400, 409, 413, 415); other statuses get the
   * library's generic body.
   */
  static void problem(HttpServletResponse resp, BadRequest e) throws IOException {
    if (e.status == 401 || e.status == 403 || e.status == 404) {
      ProblemResponses.send(resp, e.status);
      return;
    }
    ObjectNode p = JSON.createObjectNode();
    p.put("type", "about:blank");
    p.put("title", title(e.status));
    p.put("status", e.status);
    p.put("detail", e.getMessage());
    byte[] bytes = JSON.writeValueAsBytes(p);
    resp.resetBuffer();
    resp.setStatus(e.status);
    resp.setHeader("Cache-Control", "no-store");
    resp.setContentType("application/problem+json");
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
  }

  static void methodNotAllowed(HttpServletResponse resp, String allow) throws IOException {
    resp.setHeader("Allow", allow);
    ProblemResponses.send(resp, 405);
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 409 -> "Conflict";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      default -> "Error";
    };
  }
}
