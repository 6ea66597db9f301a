package dev.jwtsecurity.springdemo;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Strict JSON request bodies, with the Jetty demo's rules and details: 415 for another content
 * type, 413 over 16 KiB, 400 with a detail written here (which member, which rule) for malformed
 * JSON, duplicate, unknown or mistyped members. A detail never echoes the input.
 */
final class JsonRequests {

  static final int MAX_BODY_BYTES = 16 * 1024;

  private static final JsonMapper STRICT =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private JsonRequests() {}

  /** A request refused with 400 (or 409, 413, 415) and a fixed, input-free detail. */
  static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    BadRequest(String detail) {
      this(400, detail);
    }

    BadRequest(int status, String detail) {
      super(detail, null, false, false);
      this.status = status;
    }
  }

  static ObjectNode readObject(HttpServletRequest request, Set<String> allowed) throws IOException {
    if (!isJson(request.getContentType())) {
      throw new BadRequest(415, "send the body as Content-Type: application/json");
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      throw new BadRequest(413, "the body must be at most " + MAX_BODY_BYTES + " bytes");
    }
    JsonNode node;
    try {
      node = STRICT.readTree(body);
    } catch (JacksonException e) {
      throw new BadRequest("the body is not well-formed JSON");
    }
    if (node == null || !node.isObject()) {
      throw new BadRequest("the body must be a JSON object");
    }
    for (String name : node.propertyNames()) {
      if (!allowed.contains(name)) {
        throw new BadRequest(
            "unknown member; allowed members are " + String.join(", ", new TreeSet<>(allowed)));
      }
    }
    return (ObjectNode) node;
  }

  static String requiredText(ObjectNode obj, String name, int min, int max) {
    JsonNode n = obj.get(name);
    if (n == null || n.isNull()) {
      throw new BadRequest(name + " is required");
    }
    if (!n.isString()) {
      throw new BadRequest(name + " must be a string");
    }
    String s = n.stringValue();
    checkCharacters(name, s);
    int length = s.codePointCount(0, s.length());
    if (length < min || length > max) {
      throw new BadRequest(name + " must be " + min + " to " + max + " characters");
    }
    return s;
  }

  /**
   * A string member meant to be read by people (a title), as in the Jetty demo: as {@link
   * #requiredText}, with leading and trailing blanks (white space, other spaces such as U+00A0, and
   * invisible format characters such as U+200B) removed first; blank text is refused. Returns the
   * trimmed text, whose length ({@code 1..max} code points) is what was checked.
   */
  static String requiredVisibleText(ObjectNode obj, String name, int max) {
    String trimmed = trimBlanks(requiredText(obj, name, 0, Integer.MAX_VALUE));
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

  /**
   * No control characters, no unpaired surrogate (a JSON escape such as "\\ud800" can carry one).
   */
  private static void checkCharacters(String name, String s) {
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

  static boolean requiredBoolean(ObjectNode obj, String name) {
    JsonNode n = obj.get(name);
    if (n == null || n.isNull()) {
      throw new BadRequest(name + " is required");
    }
    if (!n.isBoolean()) {
      throw new BadRequest(name + " must be true or false");
    }
    return n.booleanValue();
  }

  static boolean optionalBoolean(ObjectNode obj, String name, boolean absent) {
    return obj.has(name) ? requiredBoolean(obj, name) : absent;
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semi = contentType.indexOf(';');
    String type =
        (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json");
  }
}
