package dev.jwtsecurity.config;

import dev.jwtsecurity.internal.LogSafe;
import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.TrustedIssuer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@link JwtSettings} from environment variables: the variable syntax only (numbers, the
 * {@code kid:secret} list, files to read). Every value goes through the same {@link
 * JwtSettings.Builder} setters as code does, so the rules are the builder's; a refusal is prefixed
 * with the variable's name.
 */
final class EnvironmentSettings {

  private static final Logger LOG = LoggerFactory.getLogger(JwtSettings.class);

  private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,9}");

  /**
   * In {@code JWT_PREVIOUS_SECRET_KEYS}, the text before the first {@code :} is a key id only when
   * it looks like one; otherwise the whole entry is the secret, so that a secret containing {@code
   * :} still works without a key id.
   */
  private static final Pattern PREVIOUS_KID = Pattern.compile("[A-Za-z0-9._~+/=@-]{1,256}");

  private static final String KEYGEN = "generate one with `jwt-security keygen`";

  static final Set<String> KNOWN_VARIABLES =
      Collections.unmodifiableSet(
          new TreeSet<>(
              List.of(
                  "JWT_SECRET_KEY",
                  "JWT_ALGORITHM",
                  "JWT_ACCESS_TOKEN_EXPIRE_MINUTES",
                  "JWT_ISSUER",
                  "JWT_AUDIENCE",
                  "JWT_CLOCK_SKEW_SECONDS",
                  "JWT_KEY_ID",
                  "JWT_PREVIOUS_SECRET_KEYS",
                  "JWT_ENVIRONMENT",
                  "JWT_PRIVATE_JWK_FILE",
                  "JWT_PUBLIC_JWKS_FILE",
                  "JWT_ISSUER_URI",
                  "JWT_JWKS_URI",
                  "JWT_ROLES_CLAIM",
                  "JWT_UNSAFE_ALLOW_PLAIN_HTTP_ON_LOOPBACK")));

  /**
   * Variables of the same environment read by other jwt-security modules (the servlet adapter's
   * CSRF key): not misspelt, so not reported.
   */
  private static final Set<String> READ_BY_OTHER_MODULES = Set.of("JWT_CSRF_KEY");

  private EnvironmentSettings() {}

  static JwtSettings read(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    warnAboutUnknownVariables(env);
    JwtSettings.Builder b = JwtSettings.builder();
    String ownSecret = env.get("JWT_SECRET_KEY");
    if (optional(env, "JWT_ISSUER_URI") != null
        && (ownSecret == null || ownSecret.isEmpty())
        && optional(env, "JWT_PRIVATE_JWK_FILE") == null) {
      return resourceServer(env, b);
    }
    Algorithm algorithm = Algorithm.HS256;
    String alg = optional(env, "JWT_ALGORITHM");
    if (alg != null) {
      try {
        algorithm = Algorithm.fromName(alg);
      } catch (IllegalArgumentException e) {
        throw new InsecureConfigurationException("JWT_ALGORITHM: " + e.getMessage());
      }
      b.algorithm(algorithm);
    }
    String minutes = optional(env, "JWT_ACCESS_TOKEN_EXPIRE_MINUTES");
    if (minutes != null) {
      long m = wholeNumber("JWT_ACCESS_TOKEN_EXPIRE_MINUTES", minutes, "minutes from 1 to 60");
      set("JWT_ACCESS_TOKEN_EXPIRE_MINUTES", () -> b.accessTokenLifetime(Duration.ofMinutes(m)));
    }
    String skew = optional(env, "JWT_CLOCK_SKEW_SECONDS");
    if (skew != null) {
      long s = wholeNumber("JWT_CLOCK_SKEW_SECONDS", skew, "seconds from 0 to 300");
      set("JWT_CLOCK_SKEW_SECONDS", () -> b.clockSkew(Duration.ofSeconds(s)));
    }
    ifPresent(env, "JWT_ISSUER", v -> b.issuer(v));
    ifPresent(env, "JWT_AUDIENCE", v -> b.audience(v));
    ifPresent(env, "JWT_ENVIRONMENT", v -> b.environment(v));
    ifPresent(env, "JWT_KEY_ID", v -> b.keyId(v));
    String secret = env.get("JWT_SECRET_KEY");
    String previous = optional(env, "JWT_PREVIOUS_SECRET_KEYS");
    String privateFile = optional(env, "JWT_PRIVATE_JWK_FILE");
    String publicFile = optional(env, "JWT_PUBLIC_JWKS_FILE");
    if (algorithm.isHmac()) {
      if (privateFile != null || publicFile != null) {
        throw new InsecureConfigurationException(
            "JWT_PRIVATE_JWK_FILE and JWT_PUBLIC_JWKS_FILE are for RS/PS/ES/EdDSA; with "
                + algorithm.jwsName()
                + " remove them, or set JWT_ALGORITHM to the key's algorithm");
      }
      if (secret == null || secret.isEmpty()) {
        throw new InsecureConfigurationException(
            "JWT_SECRET_KEY is missing; "
                + KEYGEN
                + " and set it in the environment (never in code)");
      }
      b.secret(Secret.ofUtf8(secret), "JWT_SECRET_KEY");
      if (previous != null) {
        parsePrevious(previous, b);
      }
    } else {
      if (secret != null && !secret.isEmpty()) {
        throw new InsecureConfigurationException(
            "JWT_SECRET_KEY is set but JWT_ALGORITHM is "
                + algorithm.jwsName()
                + ", which signs with a private key; remove JWT_SECRET_KEY and set"
                + " JWT_PRIVATE_JWK_FILE");
      }
      if (previous != null) {
        throw new InsecureConfigurationException(
            "JWT_PREVIOUS_SECRET_KEYS is for HS* algorithms; list previous public keys in"
                + " JWT_PUBLIC_JWKS_FILE");
      }
      if (privateFile == null) {
        throw new InsecureConfigurationException(
            "JWT_PRIVATE_JWK_FILE is missing: "
                + algorithm.jwsName()
                + " needs a private JWK; generate one with `jwt-security keygen --algorithm "
                + algorithm.jwsName()
                + "`");
      }
      b.privateJwk(readFile("JWT_PRIVATE_JWK_FILE", privateFile), "JWT_PRIVATE_JWK_FILE");
      if (publicFile != null) {
        b.publicJwkSet(readFile("JWT_PUBLIC_JWKS_FILE", publicFile), "JWT_PUBLIC_JWKS_FILE");
      }
    }
    Duration clockSkew =
        skew == null ? JwtSettings.DEFAULT_CLOCK_SKEW : Duration.ofSeconds(Long.parseLong(skew));
    TrustedIssuer trusted =
        trustedIssuerFromEnvironment(
            env, optional(env, "JWT_ISSUER"), optional(env, "JWT_AUDIENCE"), clockSkew);
    if (trusted != null) {
      b.trustedIssuer(trusted);
    }
    return b.build();
  }

  /**
   * A resource server: {@code JWT_ISSUER_URI} without a key of the application's own. What only
   * shapes own tokens is refused, so that a forgotten {@code JWT_SECRET_KEY} does not pass for this
   * choice silently.
   */
  private static JwtSettings resourceServer(Map<String, String> env, JwtSettings.Builder b) {
    for (String own :
        List.of(
            "JWT_ALGORITHM",
            "JWT_ACCESS_TOKEN_EXPIRE_MINUTES",
            "JWT_ISSUER",
            "JWT_KEY_ID",
            "JWT_PREVIOUS_SECRET_KEYS",
            "JWT_PUBLIC_JWKS_FILE")) {
      if (optional(env, own) != null) {
        throw new InsecureConfigurationException(
            own
                + " shapes this application's own tokens, but neither JWT_SECRET_KEY nor"
                + " JWT_PRIVATE_JWK_FILE is set, so with JWT_ISSUER_URI this is a resource server"
                + " that only accepts the identity provider's tokens: set the own key to issue"
                + " tokens too, or remove "
                + own);
      }
    }
    b.resourceServerOnly();
    String skew = optional(env, "JWT_CLOCK_SKEW_SECONDS");
    Duration clockSkew = JwtSettings.DEFAULT_CLOCK_SKEW;
    if (skew != null) {
      long s = wholeNumber("JWT_CLOCK_SKEW_SECONDS", skew, "seconds from 0 to 300");
      set("JWT_CLOCK_SKEW_SECONDS", () -> b.clockSkew(Duration.ofSeconds(s)));
      clockSkew = Duration.ofSeconds(s);
    }
    String audience = optional(env, "JWT_AUDIENCE");
    if (audience != null) {
      set("JWT_AUDIENCE", () -> b.audience(audience));
    }
    ifPresent(env, "JWT_ENVIRONMENT", v -> b.environment(v));
    b.trustedIssuer(trustedIssuerFromEnvironment(env, null, audience, clockSkew));
    return b.build();
  }

  /** The identity provider of {@code JWT_ISSUER_URI} and its companions, or {@code null}. */
  private static TrustedIssuer trustedIssuerFromEnvironment(
      Map<String, String> env, String ownIssuer, String audience, Duration clockSkew) {
    String issuerUri = optional(env, "JWT_ISSUER_URI");
    String jwksUri = optional(env, "JWT_JWKS_URI");
    String rolesClaim = optional(env, "JWT_ROLES_CLAIM");
    String plainHttp = optional(env, "JWT_UNSAFE_ALLOW_PLAIN_HTTP_ON_LOOPBACK");
    if (issuerUri == null) {
      if (jwksUri != null || rolesClaim != null || plainHttp != null) {
        throw new InsecureConfigurationException(
            "JWT_JWKS_URI, JWT_ROLES_CLAIM and JWT_UNSAFE_ALLOW_PLAIN_HTTP_ON_LOOPBACK describe an"
                + " identity provider: set JWT_ISSUER_URI to its issuer (the 'iss' of its tokens)");
      }
      return null;
    }
    if (audience == null) {
      throw new InsecureConfigurationException(
          "JWT_ISSUER_URI needs JWT_AUDIENCE: the audience this API has at the provider (the 'aud'"
              + " its tokens carry); without it, tokens the provider issued for other APIs would be"
              + " accepted");
    }
    if (issuerUri.equals(ownIssuer)) {
      throw new InsecureConfigurationException(
          "JWT_ISSUER_URI (the identity provider) and JWT_ISSUER (this application's own tokens)"
              + " must differ, or no one could tell whose keys sign a token");
    }
    boolean plain = false;
    if (plainHttp != null) {
      if (!plainHttp.equals("true") && !plainHttp.equals("false")) {
        throw new InsecureConfigurationException(
            "JWT_UNSAFE_ALLOW_PLAIN_HTTP_ON_LOOPBACK must be true or false");
      }
      plain = plainHttp.equals("true");
    }
    try {
      TrustedIssuer.Builder t = TrustedIssuer.builder(issuerUri);
      if (jwksUri != null) {
        t.jwksUri(jwksUri);
      } else {
        t.discoverKeys();
      }
      t.audiences(audience).clockSkew(clockSkew);
      if (rolesClaim != null) {
        List<String> paths = new ArrayList<>();
        for (String p : rolesClaim.split(",", -1)) {
          paths.add(p.strip());
        }
        t.rolesClaim(paths.toArray(new String[0]));
      }
      if (plain) {
        t.unsafeAllowPlainHttpOnLoopback();
      }
      TrustedIssuer trusted = t.build();
      if (plain) {
        LOG.warn(
            "JWT_UNSAFE_ALLOW_PLAIN_HTTP_ON_LOOPBACK is on: the keys of {} may be fetched over plain"
                + " HTTP from a loopback address; for development only",
            LogSafe.clean(issuerUri));
      }
      return trusted;
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new InsecureConfigurationException(
          "JWT_ISSUER_URI, JWT_JWKS_URI or JWT_ROLES_CLAIM is refused: "
              + LogSafe.clean(e.getMessage(), 300));
    }
  }

  /** Applies one variable; a refusal by the builder's rule is prefixed with the variable's name. */
  private static void set(String variable, Runnable apply) {
    try {
      apply.run();
    } catch (InsecureConfigurationException e) {
      throw new InsecureConfigurationException(variable + ": " + e.getMessage());
    }
  }

  private static void ifPresent(Map<String, String> env, String variable, Consumer<String> apply) {
    String v = optional(env, variable);
    if (v != null) {
      set(variable, () -> apply.accept(v));
    }
  }

  /**
   * A misspelt variable (JWT_ACCESS_TOKEN_EXPIRE_MINUTE) would silently fall back to a default: say
   * so.
   */
  private static void warnAboutUnknownVariables(Map<String, String> env) {
    List<String> unknown = new ArrayList<>();
    for (String name : env.keySet()) {
      if (name != null
          && name.startsWith("JWT_")
          && !KNOWN_VARIABLES.contains(name)
          && !READ_BY_OTHER_MODULES.contains(name)) {
        unknown.add(LogSafe.clean(name, 64)); // the name only, never the value
      }
    }
    if (!unknown.isEmpty()) {
      Collections.sort(unknown);
      LOG.warn(
          "ignoring unknown environment variables {}: jwt-security reads only {}",
          unknown,
          KNOWN_VARIABLES);
    }
  }

  private static void parsePrevious(String value, JwtSettings.Builder b) {
    int start = 0;
    int index = 1;
    while (start <= value.length()) {
      int comma = value.indexOf(',', start);
      int end = comma < 0 ? value.length() : comma;
      String entry = value.substring(start, end);
      String where = "JWT_PREVIOUS_SECRET_KEYS entry " + index;
      if (entry.isEmpty()) {
        throw new InsecureConfigurationException(
            where + " is empty; the format is kid:secret,kid:secret");
      }
      int colon = entry.indexOf(':');
      if (colon > 0 && PREVIOUS_KID.matcher(entry.substring(0, colon)).matches()) {
        String kid = entry.substring(0, colon);
        Secret secret = Secret.ofUtf8(entry.substring(colon + 1));
        set(where, () -> b.previousSecret(kid, secret, where));
      } else {
        b.previousSecret(null, Secret.ofUtf8(entry), where);
      }
      index++;
      if (comma < 0) {
        break;
      }
      start = comma + 1;
    }
  }

  private static String optional(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v;
  }

  private static long wholeNumber(String name, String value, String what) {
    if (!WHOLE_NUMBER.matcher(value).matches()) {
      throw new InsecureConfigurationException(
          name + " must be a whole number of " + what + "; got '" + LogSafe.clean(value, 32) + "'");
    }
    return Long.parseLong(value);
  }

  private static String readFile(String name, String path) {
    try {
      return Files.readString(Path.of(path), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new InsecureConfigurationException(
          name
              + " names a file that cannot be read ("
              + LogSafe.clean(path, 200)
              + "); check the path and its permissions");
    }
  }
}
