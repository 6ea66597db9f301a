package dev.jwtsecurity.examples;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;

/**
 * The issuer of the demo's tokens when they are signed with a private key: the demo's own URL, so
 * that the discovery document it publishes at {@code /.well-known/openid-configuration} names it
 * and other services (jwt-security's {@code TrustedIssuer.discoverKeys()} among them) find the keys
 * from the issuer alone.
 */
final class DemoKeys {

  static final String ISSUER = "JWT_ISSUER";

  private DemoKeys() {}

  /**
   * Returns {@code env} with {@code JWT_ISSUER} set to {@code http://host:port} when the demo signs
   * with a private key, no issuer is set, and the demo listens on loopback (a discovery document
   * names an https URL, or plain http on loopback for development); otherwise {@code env} as is.
   */
  static Map<String, String> withIssuer(
      Map<String, String> env, String host, int port, PrintStream err) {
    boolean asymmetric =
        env.containsKey("JWT_PRIVATE_JWK_FILE") || env.containsKey("JWT_PRIVATE_JWK");
    if (!asymmetric || env.containsKey(ISSUER)) {
      return env;
    }
    if (!isLoopback(host)) {
      err.println(
          "Note: JWT_ISSUER is not set, so only /.well-known/jwks.json is published; set it to"
              + " the https URL clients use to publish /.well-known/openid-configuration too.");
      return env;
    }
    String authority = host.contains(":") ? "[" + host + "]" : host;
    Map<String, String> copy = new HashMap<>(env);
    copy.put(ISSUER, "http://" + authority + ":" + port);
    err.println(
        "Note: tokens are signed with a private key; issuer "
            + copy.get(ISSUER)
            + ", keys at "
            + copy.get(ISSUER)
            + "/.well-known/jwks.json");
    return copy;
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
