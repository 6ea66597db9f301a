package dev.jwtsecurity.testing;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.config.Secret;
import dev.jwtsecurity.login.LoginResult;
import dev.jwtsecurity.login.UserCredentialsLookup;
import dev.jwtsecurity.login.UserCredentialsLookup.UserCredentials;
import dev.jwtsecurity.password.PasswordHasher;
import dev.jwtsecurity.password.PasswordHashingException;
import dev.jwtsecurity.password.PasswordTesting;
import dev.jwtsecurity.refresh.TokenPair;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A front door for tests of other modules: fixed settings, a user table whose every user has {@link
 * #PASSWORD}, and cheap password hashing, so a test can log a user in and get a token pair in one
 * line.
 *
 * <pre>{@code
 * JwtSecurity security = TestSecurity.builder("alice").refreshTokenStore(myStore).clock(clock).build();
 * TokenPair pair = TestSecurity.login(security, "alice");
 * }</pre>
 */
public final class TestSecurity {

  /** The password of every user of {@link #builder}. */
  public static final String PASSWORD = Secrets.register("test-password-for-every-user");

  /** The HMAC secret of {@link #settings()}. */
  public static final String SECRET =
      Secrets.register("Tq7Wm2Xc9Vb4Nz6Lk1Hj8Gf3Ds5Ap0Oi2Uy7Re4Qw9");

  /** The issuer of {@link #settings()}. */
  public static final String ISSUER = "https://issuer.test";

  private TestSecurity() {}

  /**
   * Returns HS256 settings with {@link #SECRET}, kid {@code k1} and issuer {@link #ISSUER}.
   *
   * @return the settings
   */
  public static JwtSettings settings() {
    return JwtSettings.builder().secret(Secret.ofUtf8(SECRET)).keyId("k1").issuer(ISSUER).build();
  }

  /**
   * Returns a builder over {@link #settings()} with a user table of {@code usernames} (each user id
   * is its name) and cheap password hashing; add stores, a clock or listeners and build.
   *
   * @param usernames the users, normalised names
   * @return the builder
   */
  public static JwtSecurity.Builder builder(String... usernames) {
    return JwtSecurity.builder(settings())
        .users(users(usernames))
        .unsafePasswordHashingForTesting(PasswordTesting.CHEAP);
  }

  /**
   * Returns a user table in which every user of {@code usernames} has {@link #PASSWORD}.
   *
   * @param usernames the users, normalised names; each is also the user id
   * @return the table
   */
  public static UserCredentialsLookup users(String... usernames) {
    PasswordHasher hasher =
        PasswordHasher.builder().unsafeParametersForTesting(PasswordTesting.CHEAP).build();
    Map<String, UserCredentials> table = new ConcurrentHashMap<>();
    try {
      String hash = hasher.hash(PASSWORD);
      for (String name : usernames) {
        table.put(name, new UserCredentials(name, hash, true, false));
      }
    } catch (PasswordHashingException e) {
      throw new IllegalStateException(e);
    }
    return new UserCredentialsLookup() {
      @Override
      public Optional<UserCredentials> findByUsername(String normalisedUsername) {
        return Optional.ofNullable(table.get(normalisedUsername));
      }

      @Override
      public boolean updatePasswordHash(String userId, String expectedCurrentHash, String newHash) {
        return false;
      }
    };
  }

  /**
   * Logs {@code username} in with {@link #PASSWORD} and returns its token pair.
   *
   * @param security a front door from {@link #builder}
   * @param username the user
   * @return the token pair
   * @throws AssertionError if the login fails
   */
  public static TokenPair login(JwtSecurity security, String username) {
    LoginResult r = security.login(username, PASSWORD, RequestContext.UNKNOWN);
    if (r instanceof LoginResult.Success ok) {
      return ok.tokens();
    }
    throw new AssertionError("login of " + username + " failed: " + r);
  }
}
