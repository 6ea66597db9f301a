package dev.jwtsecurity.internal;

import dev.jwtsecurity.config.InsecureConfigurationException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one rule set for every setting that several builders accept: {@code JwtSettings}, the
 * access-token issuer and validator, the general verifier, key loading. Each method accepts or
 * refuses a value the same way wherever it is called, with the same message, so a value cannot be
 * fine in one place and refused (or silently different) in another. <strong>Not API</strong>: see
 * the package documentation.
 *
 * <p>Every refusal is an {@link InsecureConfigurationException} (an {@link
 * IllegalArgumentException}) whose message names the setting and its rule; it never contains the
 * refused value, which may be a secret pasted into the wrong place.
 */
public final class SettingRules {

  /** The longest issuer or audience, in chars. */
  public static final int MAX_CLAIM_VALUE_LENGTH = 512;

  /**
   * The longest key id, in chars. RFC 7517 §4.5 allows any string; a cap keeps headers, logs and
   * key-ring maps small whatever a key set says.
   */
  public static final int MAX_KEY_ID_LENGTH = 256;

  /** The default access-token lifetime. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(30);

  /** The default clock skew. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

  /** The default token size limit, in chars: 8 KiB. */
  public static final int DEFAULT_MAX_TOKEN_LENGTH = 8192;

  /** The shortest access-token lifetime. */
  public static final Duration MIN_LIFETIME = Duration.ofMinutes(1);

  /** The longest access-token lifetime without the {@code unsafe...} escape hatch. */
  public static final Duration MAX_LIFETIME = Duration.ofMinutes(60);

  /** The longest access-token lifetime even through the {@code unsafe...} escape hatch. */
  public static final Duration MAX_UNSAFE_LIFETIME = Duration.ofDays(30);

  /** The largest clock skew. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  /** The smallest and largest token size limits, in chars. */
  public static final int MIN_TOKEN_LENGTH_LIMIT = 1024;

  /** The largest token size limit, in chars. */
  public static final int MAX_TOKEN_LENGTH_LIMIT = 65536;

  private static final Pattern ENVIRONMENT = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern MEDIA_TYPE =
      Pattern.compile("[A-Za-z0-9!#$&^_.+-]{1,64}(/[A-Za-z0-9!#$&^_.+-]{1,64})?");
  private static final Pattern CLAIM_NAME = Pattern.compile("[\\x21-\\x7e]{1,64}");

  private SettingRules() {}

  /**
   * An issuer ({@code iss}): 1 to {@value #MAX_CLAIM_VALUE_LENGTH} characters, not blank, without
   * control characters or lone surrogates.
   *
   * @param issuer the value
   * @return {@code issuer}
   */
  public static String issuer(String issuer) {
    return claimValue("issuer", issuer);
  }

  /**
   * An audience ({@code aud}): the same rule as {@link #issuer}.
   *
   * @param audience the value
   * @return {@code audience}
   */
  public static String audience(String audience) {
    return claimValue("audience", audience);
  }

  /**
   * A deployment environment ({@code env} claim): 1 to 64 characters of {@code [A-Za-z0-9._-]}.
   *
   * @param environment the value
   * @return {@code environment}
   */
  public static String environment(String environment) {
    Objects.requireNonNull(environment, "environment");
    if (!ENVIRONMENT.matcher(environment).matches()) {
      throw new InsecureConfigurationException(
          "the environment must be 1 to 64 characters of A-Z a-z 0-9 . _ -, such as 'production'");
    }
    return environment;
  }

  /**
   * A key id ({@code kid}): RFC 7517 §4.5 allows any string, so any 1 to {@value
   * #MAX_KEY_ID_LENGTH} characters without control characters; lone surrogates are refused too,
   * since they cannot be written into the UTF-8 JSON of a header.
   *
   * @param keyId the value
   * @return {@code keyId}
   */
  public static String keyId(String keyId) {
    Objects.requireNonNull(keyId, "keyId");
    if (keyId.isEmpty()
        || keyId.length() > MAX_KEY_ID_LENGTH
        || hasControl(keyId)
        || !isWellFormed(keyId)) {
      throw new InsecureConfigurationException(
          "a key id (kid) must be 1 to "
              + MAX_KEY_ID_LENGTH
              + " characters without control characters");
    }
    return keyId;
  }

  /**
   * An access-token lifetime: 1 to 60 minutes; longer sessions use refresh tokens.
   *
   * @param lifetime the value
   * @return {@code lifetime}
   */
  public static Duration accessTokenLifetime(Duration lifetime) {
    Objects.requireNonNull(lifetime, "lifetime");
    if (lifetime.compareTo(MIN_LIFETIME) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0) {
      throw new InsecureConfigurationException(
          "the access-token lifetime must be 1 to 60 minutes; use refresh tokens for longer"
              + " sessions (or unsafeAccessTokenLifetime, if you really must)");
    }
    return lifetime;
  }

  /**
   * An access-token lifetime through an {@code unsafe...} method: positive and at most 30 days.
   *
   * @param lifetime the value
   * @return {@code lifetime}
   */
  public static Duration unsafeAccessTokenLifetime(Duration lifetime) {
    Objects.requireNonNull(lifetime, "lifetime");
    if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_UNSAFE_LIFETIME) > 0) {
      throw new InsecureConfigurationException(
          "the unsafe access-token lifetime must be positive and at most 30 days");
    }
    return lifetime;
  }

  /**
   * A clock skew: 0 to 300 seconds; wider means fixing the clocks (NTP).
   *
   * @param clockSkew the value
   * @return {@code clockSkew}
   */
  public static Duration clockSkew(Duration clockSkew) {
    Objects.requireNonNull(clockSkew, "clockSkew");
    if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
      throw new InsecureConfigurationException(
          "the clock skew must be 0 to 300 seconds; fix the clocks (NTP) instead of widening it");
    }
    return clockSkew;
  }

  /**
   * A required header {@code typ}: a media type such as {@code at+jwt} or {@code application/jwt}.
   *
   * @param type the value
   * @return {@code type}
   */
  public static String tokenType(String type) {
    Objects.requireNonNull(type, "type");
    if (!MEDIA_TYPE.matcher(type).matches()) {
      throw new InsecureConfigurationException(
          "the token type must be a media type such as at+jwt or application/jwt");
    }
    return type;
  }

  /**
   * A token size limit: 1024 to 65536 characters.
   *
   * @param maxTokenLength the value
   * @return {@code maxTokenLength}
   */
  public static int maxTokenLength(int maxTokenLength) {
    if (maxTokenLength < MIN_TOKEN_LENGTH_LIMIT || maxTokenLength > MAX_TOKEN_LENGTH_LIMIT) {
      throw new InsecureConfigurationException(
          "the token size limit must be 1024 to 65536 characters");
    }
    return maxTokenLength;
  }

  /**
   * The name of a claim a verifier requires: 1 to 64 printable ASCII characters.
   *
   * @param name the value
   * @return {@code name}
   */
  public static String claimName(String name) {
    Objects.requireNonNull(name, "name");
    if (!CLAIM_NAME.matcher(name).matches()) {
      throw new InsecureConfigurationException(
          "a claim name must be 1 to 64 printable ASCII characters without spaces");
    }
    return name;
  }

  private static String claimValue(String what, String value) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()
        || value.length() > MAX_CLAIM_VALUE_LENGTH
        || hasControl(value)
        || !isWellFormed(value)) {
      throw new InsecureConfigurationException(
          "the "
              + what
              + " must be 1 to "
              + MAX_CLAIM_VALUE_LENGTH
              + " characters, not blank, without control characters");
    }
    return value;
  }

  private static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Whether every surrogate is part of a pair: the string is valid Unicode text. */
  public static boolean isWellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
