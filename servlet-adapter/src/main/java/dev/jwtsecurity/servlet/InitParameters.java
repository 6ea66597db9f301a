package dev.jwtsecurity.servlet;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.access.TokenAuthenticator;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.config.JwtSettings;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds filter settings from {@code web.xml} init-parameters, {@code ServletContext} attributes
 * and the environment, for the no-argument constructors. Names are listed in README ("web.xml").
 */
final class InitParameters {

  static final String DEFAULT_SECURITY_ATTRIBUTE = "dev.jwtsecurity.JwtSecurity";
  static final String DEFAULT_AUTHENTICATOR_ATTRIBUTE = "dev.jwtsecurity.access.TokenAuthenticator";
  static final String DEFAULT_EVENTS_ATTRIBUTE = "dev.jwtsecurity.audit.SecurityEventListener";
  static final String DEFAULT_THROTTLE_ATTRIBUTE = "dev.jwtsecurity.servlet.LoginThrottleGate";

  private InitParameters() {}

  static JwtAuthenticationSettings authentication(
      Function<String, String> params,
      Function<String, Object> attributes,
      Map<String, String> env) {
    JwtAuthenticationSettings.Builder b = JwtAuthenticationSettings.builder();
    JwtSecurity security = security(params, attributes);
    SecurityEventListener events =
        attribute(
            attributes,
            param(params, "events-attribute", DEFAULT_EVENTS_ATTRIBUTE),
            SecurityEventListener.class);
    TokenAuthenticator authenticator =
        attribute(
            attributes,
            param(params, "authenticator-attribute", DEFAULT_AUTHENTICATOR_ATTRIBUTE),
            TokenAuthenticator.class);
    LoginThrottleGate gate =
        attribute(
            attributes,
            param(params, "login-throttle-attribute", DEFAULT_THROTTLE_ATTRIBUTE),
            LoginThrottleGate.class);
    if (security != null) {
      // The front door provides all four; a second source could disagree with it.
      if (events != null || authenticator != null || gate != null) {
        throw new IllegalStateException(
            "the ServletContext holds a JwtSecurity: remove the separate SecurityEventListener,"
                + " TokenAuthenticator and LoginThrottleGate attributes (add listeners with"
                + " JwtSecurity.Builder.events)");
      }
      b.authenticator(security.authenticator())
          .events(security.events())
          .clock(security.clock())
          .random(security.random());
      gate = LoginThrottleGate.checking(security.loginThrottle());
    } else {
      if (events != null) {
        b.events(events);
      }
      // A TokenAuthenticator the application put in the ServletContext wins; otherwise the
      // environment configures the front door, which refuses a weak secret.
      b.authenticator(authenticator != null ? authenticator : fromEnvironment(env, events));
    }
    String realm = params.apply("realm");
    if (realm != null) {
      b.realm(realm.trim());
    }
    b.publicPaths(list(params.apply("public-paths")).toArray(String[]::new));
    String[] login = list(params.apply("login-paths")).toArray(String[]::new);
    if (login.length > 0) {
      if (gate == null) {
        throw new IllegalStateException(
            "init-param login-paths needs the application's JwtSecurity in the ServletContext"
                + " attribute "
                + param(params, "security-attribute", DEFAULT_SECURITY_ATTRIBUTE)
                + ", or a LoginThrottleGate in "
                + param(params, "login-throttle-attribute", DEFAULT_THROTTLE_ATTRIBUTE));
      }
      b.loginPaths(login).loginThrottle(gate);
    }
    if (bool(params, "cookie-mode")) {
      TokenCookies.Builder cookies = TokenCookies.builder();
      String sameSite = params.apply("cookie-same-site");
      if (sameSite != null) {
        cookies.sameSite(
            switch (sameSite.trim().toLowerCase(Locale.ROOT)) {
              case "strict" -> TokenCookies.SameSite.STRICT;
              case "lax" -> TokenCookies.SameSite.LAX;
              default ->
                  throw new IllegalArgumentException(
                      "init-param cookie-same-site must be Strict or Lax");
            });
      }
      String refreshPath = params.apply("refresh-path");
      if (refreshPath != null) {
        cookies.refreshPath(refreshPath.trim());
      }
      String key = env.get("JWT_CSRF_KEY");
      if (key != null) {
        cookies.csrfKey(decodeKey(key));
      }
      b.cookies(cookies.build());
    }
    b.allowedOrigins(list(params.apply("allowed-origins")).toArray(String[]::new));
    if (params.apply("trusted-proxies") != null) {
      // A second list could disagree with the first; the headers filter resolves for both.
      throw new IllegalArgumentException(
          "init-param trusted-proxies belongs to SecurityHeadersFilter, which resolves the client"
              + " for both filters; move it there");
    }
    for (String name : list(params.apply("not-found-exceptions"))) {
      b.notFoundException(throwableClass(name));
    }
    String max = params.apply("max-token-length");
    if (max != null) {
      b.maxTokenLength(parseInt("max-token-length", max));
    }
    return b.build();
  }

  static SecurityHeadersSettings headers(
      Function<String, String> params, Function<String, Object> attributes) {
    SecurityHeadersSettings.Builder b = SecurityHeadersSettings.builder();
    JwtSecurity security = security(params, attributes);
    SecurityEventListener events =
        attribute(
            attributes,
            param(params, "events-attribute", DEFAULT_EVENTS_ATTRIBUTE),
            SecurityEventListener.class);
    if (security != null) {
      if (events != null) {
        throw new IllegalStateException(
            "the ServletContext holds a JwtSecurity: remove the separate SecurityEventListener"
                + " attribute (add listeners with JwtSecurity.Builder.events)");
      }
      b.events(security.events()).clock(security.clock()).random(security.random());
    } else if (events != null) {
      b.events(events);
    }
    for (String name :
        new String[] {
          "X-Content-Type-Options",
          "X-Frame-Options",
          "X-XSS-Protection",
          "Content-Security-Policy",
          "Referrer-Policy"
        }) {
      String value = params.apply(name.toLowerCase(Locale.ROOT));
      if (value != null) {
        if (value.trim().equalsIgnoreCase("off")) {
          b.withoutHeader(name);
        } else {
          b.header(name, value.trim());
        }
      }
    }
    String hsts = params.apply("strict-transport-security");
    if (hsts != null) {
      b.strictTransportSecurity(hsts.trim());
    }
    String plain = params.apply("plain-http");
    if (plain != null) {
      switch (plain.trim().toLowerCase(Locale.ROOT)) {
        case "refuse" -> {}
        case "redirect" -> b.redirectPlainHttp();
        default ->
            throw new IllegalArgumentException("init-param plain-http must be refuse or redirect");
      }
    }
    if (bool(params, "unsafe-allow-plain-http-on-loopback")) {
      b.unsafeAllowPlainHttpOnLoopback();
    }
    b.trustedProxies(list(params.apply("trusted-proxies")).toArray(String[]::new));
    return b.build();
  }

  /**
   * The authenticator core's facade wires from the environment ({@code JWT_SECRET_KEY}, {@code
   * JWT_ALGORITHM}, ...; see {@code JwtSettings.fromEnvironment}), which refuses weak or
   * placeholder secrets at start-up.
   */
  static TokenAuthenticator fromEnvironment(Map<String, String> env, SecurityEventListener events) {
    JwtSecurity.Builder security = JwtSecurity.builder(JwtSettings.fromEnvironment(env));
    if (events != null) {
      security.events(events);
    }
    return security.build().authenticator();
  }

  private static byte[] decodeKey(String key) {
    try {
      return Base64.getUrlDecoder().decode(key.trim().replace('+', '-').replace('/', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "JWT_CSRF_KEY must be base64 of at least 32 random bytes", e);
    }
  }

  /** The application's front door, when a {@code ServletContextListener} put it in the context. */
  private static JwtSecurity security(
      Function<String, String> params, Function<String, Object> attributes) {
    return attribute(
        attributes,
        param(params, "security-attribute", DEFAULT_SECURITY_ATTRIBUTE),
        JwtSecurity.class);
  }

  /** A configuration list: elements separated by commas and/or whitespace. */
  static List<String> list(String value) {
    if (value == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String element : value.split("[,\\s]+", -1)) {
      if (!element.isEmpty()) {
        out.add(element);
      }
    }
    return out;
  }

  private static String param(Function<String, String> params, String name, String defaultValue) {
    String v = params.apply(name);
    return v == null || v.isBlank() ? defaultValue : v.trim();
  }

  private static boolean bool(Function<String, String> params, String name) {
    String v = params.apply(name);
    if (v == null) {
      return false;
    }
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException("init-param " + name + " must be true or false");
    };
  }

  private static int parseInt(String name, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("init-param " + name + " must be a number", e);
    }
  }

  private static <T> T attribute(Function<String, Object> attributes, String name, Class<T> type) {
    Object o = attributes.apply(name);
    if (o == null) {
      return null;
    }
    if (!type.isInstance(o)) {
      throw new IllegalStateException(
          "ServletContext attribute "
              + name
              + " must be a "
              + type.getName()
              + ", was "
              + o.getClass().getName());
    }
    return type.cast(o);
  }

  private static Class<? extends Throwable> throwableClass(String name) {
    try {
      return Class.forName(name, false, Thread.currentThread().getContextClassLoader())
          .asSubclass(Throwable.class);
    } catch (ClassNotFoundException | ClassCastException e) {
      throw new IllegalArgumentException(
          "init-param not-found-exceptions: " + name + " is not an exception class", e);
    }
  }
}
