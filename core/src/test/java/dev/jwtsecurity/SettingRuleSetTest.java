package dev.jwtsecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.jwtsecurity.config.InsecureConfigurationException;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.config.Secret;
import dev.jwtsecurity.testing.TestSecurity;
import dev.jwtsecurity.token.AccessTokenIssuer;
import dev.jwtsecurity.token.AccessTokenValidator;
import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.JwtKey;
import dev.jwtsecurity.token.JwtVerifier;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One rule set per setting: every builder that takes a setting accepts and refuses the same values
 * with the same message; the environment only prefixes the variable's name.
 */
class SettingRuleSetTest {

  private static final byte[] SECRET =
      TestSecurity.SECRET.getBytes(StandardCharsets.UTF_8); // registered with the leak guard

  /** Where one setting can be given: a name for the report and how to give it a value. */
  record Entry<T>(String where, Consumer<T> set) {
    @Override
    public String toString() {
      return where;
    }
  }

  private static Map<String, Consumer<String>> issuers() {
    Map<String, Consumer<String>> m = new LinkedHashMap<>();
    m.put("JwtSettings.issuer", v -> JwtSettings.builder().issuer(v));
    m.put("AccessTokenIssuer.issuer", v -> AccessTokenIssuer.builder().issuer(v));
    m.put("AccessTokenValidator.issuer", v -> AccessTokenValidator.builder().issuer(v));
    m.put("JwtVerifier.requireIssuer", v -> JwtVerifier.builder().requireIssuer(v));
    return m;
  }

  private static Map<String, Consumer<String>> audiences() {
    Map<String, Consumer<String>> m = new LinkedHashMap<>();
    m.put("JwtSettings.audience", v -> JwtSettings.builder().audience(v));
    m.put("AccessTokenIssuer.audience", v -> AccessTokenIssuer.builder().audience(v));
    m.put("AccessTokenValidator.audience", v -> AccessTokenValidator.builder().audience(v));
    m.put("JwtVerifier.requireAudience", v -> JwtVerifier.builder().requireAudience(v));
    return m;
  }

  private static Map<String, Consumer<String>> environments() {
    Map<String, Consumer<String>> m = new LinkedHashMap<>();
    m.put("JwtSettings.environment", v -> JwtSettings.builder().environment(v));
    m.put("AccessTokenIssuer.environment", v -> AccessTokenIssuer.builder().environment(v));
    m.put("AccessTokenValidator.environment", v -> AccessTokenValidator.builder().environment(v));
    return m;
  }

  private static Map<String, Consumer<String>> keyIds() {
    Map<String, Consumer<String>> m = new LinkedHashMap<>();
    m.put("JwtSettings.keyId", v -> JwtSettings.builder().keyId(v));
    m.put(
        "JwtSettings.previousSecret",
        v -> JwtSettings.builder().previousSecret(v, Secret.of(SECRET)));
    m.put("JwtKey.hmac", v -> JwtKey.hmac(v, Algorithm.HS256, SECRET));
    m.put("JwtKey.generate", v -> JwtKey.generate(Algorithm.HS256, v, new SecureRandom()));
    return m;
  }

  private static Map<String, Consumer<Duration>> lifetimes() {
    Map<String, Consumer<Duration>> m = new LinkedHashMap<>();
    m.put("JwtSettings.accessTokenLifetime", v -> JwtSettings.builder().accessTokenLifetime(v));
    m.put(
        "AccessTokenIssuer.accessTokenLifetime",
        v -> AccessTokenIssuer.builder().accessTokenLifetime(v));
    return m;
  }

  private static Map<String, Consumer<Duration>> unsafeLifetimes() {
    Map<String, Consumer<Duration>> m = new LinkedHashMap<>();
    m.put(
        "JwtSettings.unsafeAccessTokenLifetime",
        v -> JwtSettings.builder().unsafeAccessTokenLifetime(v));
    m.put(
        "AccessTokenIssuer.unsafeAccessTokenLifetime",
        v -> AccessTokenIssuer.builder().unsafeAccessTokenLifetime(v));
    return m;
  }

  private static Map<String, Consumer<Duration>> skews() {
    Map<String, Consumer<Duration>> m = new LinkedHashMap<>();
    m.put("JwtSettings.clockSkew", v -> JwtSettings.builder().clockSkew(v));
    m.put("AccessTokenValidator.clockSkew", v -> AccessTokenValidator.builder().clockSkew(v));
    m.put("JwtVerifier.clockSkew", v -> JwtVerifier.builder().clockSkew(v));
    return m;
  }

  private static Map<String, Consumer<Integer>> tokenLengths() {
    Map<String, Consumer<Integer>> m = new LinkedHashMap<>();
    m.put(
        "AccessTokenValidator.maxTokenLength",
        v -> AccessTokenValidator.builder().maxTokenLength(v));
    m.put("JwtVerifier.maxTokenLength", v -> JwtVerifier.builder().maxTokenLength(v));
    return m;
  }

  /** One case: a setting, a value, whether it is refused, and every place that takes it. */
  private static <T> Arguments setting(
      String setting, T value, boolean refused, Map<String, Consumer<T>> places) {
    List<Entry<T>> entries = new ArrayList<>();
    places.forEach((where, set) -> entries.add(new Entry<>(where, set)));
    return Arguments.of(setting, value, refused, entries);
  }

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    for (String bad : List.of("", " ", "a\nb", "x".repeat(513), "\ud800x", "tab\there")) {
      all.add(setting("issuer", bad, true, issuers()));
      all.add(setting("audience", bad, true, audiences()));
    }
    for (String good : List.of("https://api.example.com", "x".repeat(512), "été api", "urn:a")) {
      all.add(setting("issuer", good, false, issuers()));
      all.add(setting("audience", good, false, audiences()));
    }
    for (String bad : List.of("", "prod uction", "x".repeat(65), "\u00e9t\u00e9", "a/b")) {
      all.add(setting("environment", bad, true, environments()));
    }
    for (String good : List.of("production", "staging-2", "a.b_c", "x".repeat(64))) {
      all.add(setting("environment", good, false, environments()));
    }
    for (String bad : List.of("", "a\u0000b", "k".repeat(257), "\udc00", "new\nline", "\u0085")) {
      all.add(setting("kid", bad, true, keyIds()));
    }
    for (String good :
        List.of(
            "bilbo.baggins@hobbiton.example",
            "a+b/c=",
            "0123456789abcdef",
            "urn:x:y",
            "with space",
            "quote\"and\\backslash",
            "\u00e9\ud83d\udd11",
            "k".repeat(256))) {
      all.add(setting("kid", good, false, keyIds()));
    }
    for (Duration bad :
        List.of(
            Duration.ZERO, Duration.ofSeconds(59), Duration.ofMinutes(61), Duration.ofDays(1))) {
      all.add(setting("lifetime", bad, true, lifetimes()));
    }
    for (Duration good : List.of(Duration.ofMinutes(1), Duration.ofMinutes(60))) {
      all.add(setting("lifetime", good, false, lifetimes()));
    }
    for (Duration bad : List.of(Duration.ZERO, Duration.ofSeconds(-1), Duration.ofDays(31))) {
      all.add(setting("unsafe lifetime", bad, true, unsafeLifetimes()));
    }
    all.add(setting("unsafe lifetime", Duration.ofDays(30), false, unsafeLifetimes()));
    for (Duration bad : List.of(Duration.ofSeconds(-1), Duration.ofSeconds(301))) {
      all.add(setting("clock skew", bad, true, skews()));
    }
    for (Duration good : List.of(Duration.ZERO, Duration.ofMinutes(5))) {
      all.add(setting("clock skew", good, false, skews()));
    }
    for (int bad : List.of(1023, 65_537, 0, -1)) {
      all.add(setting("token size limit", bad, true, tokenLengths()));
    }
    for (int good : List.of(1024, 65_536)) {
      all.add(setting("token size limit", good, false, tokenLengths()));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} = {1}: refused {2}")
  @MethodSource("cases")
  <T> void setting_sameValue_sameVerdictAndMessageFromEveryBuilder(
      String setting, T value, boolean refused, List<Entry<T>> places) {
    Map<String, String> messages = new LinkedHashMap<>();
    for (Entry<T> place : places) {
      Throwable t = catchThrowable(() -> place.set().accept(value));
      if (refused) {
        assertThat(t)
            .as("%s refuses %s", place, setting)
            .isInstanceOf(InsecureConfigurationException.class);
        messages.put(place.where(), t.getMessage());
      } else {
        assertThat(t).as("%s accepts %s", place, setting).isNull();
      }
    }
    if (refused) {
      assertThat(messages.values().stream().distinct())
          .as("one message for %s from %s", setting, messages.keySet())
          .hasSize(1);
      String message = messages.values().iterator().next();
      if (value instanceof String s && s.length() > 1) {
        assertThat(message).as("the message never repeats the value").doesNotContain(s);
      }
    }
  }

  static Stream<Arguments> environmentCases() {
    return Stream.of(
        Arguments.of(
            "JWT_ISSUER", "a\u0001b", (Consumer<String>) v -> JwtSettings.builder().issuer(v)),
        Arguments.of(
            "JWT_AUDIENCE",
            "x".repeat(513),
            (Consumer<String>) v -> JwtSettings.builder().audience(v)),
        Arguments.of(
            "JWT_ENVIRONMENT",
            "prod uction",
            (Consumer<String>) v -> JwtSettings.builder().environment(v)),
        Arguments.of(
            "JWT_KEY_ID", "k".repeat(257), (Consumer<String>) v -> JwtSettings.builder().keyId(v)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("environmentCases")
  void fromEnvironment_badValue_sameMessagePrefixedWithTheVariable(
      String variable, String value, Consumer<String> builder) {
    Throwable fromBuilder = catchThrowable(() -> builder.accept(value));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("JWT_SECRET_KEY", TestSecurity.SECRET);
    env.put(variable, value);

    Throwable fromEnv = catchThrowable(() -> JwtSettings.fromEnvironment(env));

    assertThat(fromEnv)
        .isInstanceOf(InsecureConfigurationException.class)
        .hasMessage(variable + ": " + fromBuilder.getMessage());
  }
}
