package dev.jwtsecurity.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One Lua script from this jar ({@code dev/jwtsecurity/redis/*.lua}, with {@code lib.lua} in front)
 * and its SHA-1, for {@code EVALSHA}. Each script is one atomic state transition.
 */
final class Script {

  static final Script REFRESH_CREATE = load("refresh-create");
  static final Script REFRESH_ROTATE = load("refresh-rotate");
  static final Script REFRESH_REVOKE = load("refresh-revoke");
  static final Script REFRESH_PURGE = load("refresh-purge");
  static final Script COMPARE_AND_SET = load("compare-and-set");
  static final Script DENY = load("deny");

  final String name;
  final String text;
  final String sha1;

  private Script(String name, String text) {
    this.name = name;
    this.text = text;
    try {
      this.sha1 =
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }

  private static Script load(String name) {
    return new Script(name, resource("lib") + "\n" + resource(name));
  }

  private static String resource(String name) {
    String path = name + ".lua";
    try (InputStream in = Script.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(
            "missing script " + path + " in the jwt-security-redis jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "Script[" + name + "]";
  }
}
