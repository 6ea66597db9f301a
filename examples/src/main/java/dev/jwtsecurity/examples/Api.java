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
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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
   * <p>The media type is read from the raw header, never through the container's charset handling
   * (Jetty throws on an unknown charset name): JSON is UTF-8 (RFC 8259), so a {@code charset} other
   * than UTF-8, or any other parameter, is refused with 415. The body arrives whole (the server
   * buffers it under a deadline before the servlet runs), so reading it never blocks on a slow
   * client.
   *
   * @throws BadRequest 415 for another content type or charset, 413 for a body over {@link
   *     #MAX_BODY_BYTES}, 400 for a body that is not strict UTF-8, malformed JSON, a non-object,
   *     duplicate or unknown members
   */
  static ObjectNode readObject(HttpServletRequest req, Set<String> allowed)
      throws BadRequest, IOException {
    if (!isJson(req.getHeader("Content-Type"))) {
      throw new BadRequest(415, "send the body as Content-Type: application/json (UTF-8)");
    }
    byte[] body;
    try (InputStream in = req.getInputStream()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      throw new BadRequest(413, "the body must be at most " + MAX_BODY_BYTES + " bytes");
    }
    return parseObject(body, allowed);
  }

  /**
   * Decodes {@code body} as strict UTF-8 and parses it as one JSON object with only the {@code
   * allowed} members.
   *
   * <p>Strict: overlong forms ({@code C0 BC} for {@code <}), encoded surrogates (CESU-8), code
   * points above U+10FFFF and truncated sequences are refused, never decoded or replaced, so the
   * text the application checks is the text the client sent.
   */
  static ObjectNode parseObject(byte[] body, Set<String> allowed) throws BadRequest {
    String text = strictUtf8(body);
    JsonNode node;
    try {
      node = JSON.readTree(text);
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

  /** The text of {@code bytes} as strict UTF-8; 400 for anything else. */
  static String strictUtf8(byte[] bytes) throws BadRequest {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new BadRequest("the body is not valid UTF-8");
    }
  }

  /** Whether the request has a body at all (a {@code Content-Length} above zero or chunked). */
  static boolean hasBody(HttpServletRequest req) {
    return req.getContentLengthLong() > 0 || req.getHeader("Transfer-Encoding") != null;
  }

  /**
   * A string member taken as it is (a password, a token): {@code min..max} Unicode code points, no
   * control characters, no unpaired surrogate (a JSON escape such as {@code "\\ud800"} can carry
   * one).
   */
  static String requiredText(ObjectNode obj, String name, int min, int max) throws BadRequest {
    JsonNode n = obj.get(name);
    if (n == null || n.isNull()) {
      throw new BadRequest(name + " is required");
    }
    if (!n.isTextual()) {
      throw new BadRequest(name + " must be a string");
    }
    String s = n.textValue();
    checkCharacters(name, s);
    int length = s.codePointCount(0, s.length());
    if (length < min || length > max) {
      throw new BadRequest(name + " must be " + min + " to " + max + " characters");
    }
    return s;
  }

  /**
   * A string member meant to be read by people (a title): as {@link #requiredText}, with leading
   * and trailing blanks (white space, other spaces such as U+00A0, and invisible format characters
   * such as U+200B) removed first; blank text is refused. Returns the trimmed text, whose length
   * ({@code 1..max} code points) is what was checked.
   */
  static String requiredVisibleText(ObjectNode obj, String name, int max) throws BadRequest {
    String s = requiredText(obj, name, 0, Integer.MAX_VALUE);
    String trimmed = trimBlanks(s);
    if (trimmed.isEmpty()) {
      throw new BadRequest(name + " must not be blank");
    }
    if (trimmed.codePointCount(0, trimmed.length()) > max) {
      throw new BadRequest(name + " must be 1 to " + max + " characters");
    }
    return trimmed;
  }

  static String trimBlanks(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isBlank(s.codePointAt(start))) {
      start += Character.charCount(s.codePointAt(start));
    }
    while (end > start && isBlank(s.codePointBefore(end))) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return s.substring(start, end);
  }

  private static boolean isBlank(int cp) {
    return Character.isWhitespace(cp)
        || Character.isSpaceChar(cp)
        || Character.getType(cp) == Character.FORMAT;
  }

  private static void checkCharacters(String name, String s) throws BadRequest {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c)) {
        throw new BadRequest(name + " must not contain control characters");
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new BadRequest(name + " must be valid Unicode text (an unpaired surrogate)");
      }
    }
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

  /**
   * Whether {@code contentType} is {@code application/json}, with at most a {@code charset}
   * parameter naming UTF-8. Parsed here from the raw header value: nothing is looked up by the
   * charset name the client sent.
   */
  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.split(";", -1);
    if (!parts[0].strip().toLowerCase(Locale.ROOT).equals("application/json")) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      int eq = p.indexOf('=');
      if (eq < 0 || !p.substring(0, eq).strip().equalsIgnoreCase("charset")) {
        return false;
      }
      String value = p.substring(eq + 1).strip();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      if (!value.equalsIgnoreCase("utf-8")) {
        return false;
      }
    }
    return true;
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
    p.put("title", ProblemResponses.title(e.status));
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
}
