package dev.jwtsecurity.spring;

import dev.jwtsecurity.password.PasswordHasher;
import dev.jwtsecurity.password.PasswordHashingException;
import java.util.Objects;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Spring Security's {@link PasswordEncoder} on the library's {@link PasswordHasher}: new hashes are
 * Argon2id PHC strings, verification accepts what the hasher accepts (Argon2 and, for migration,
 * bcrypt), and {@link #upgradeEncoding} answers the hasher's needs-rehash, so Spring's {@code
 * DaoAuthenticationProvider} re-hashes old passwords at the next login.
 *
 * <pre>{@code
 * @Autowired PasswordEncoder encoder;                 // auto-configured from JwtSecurity.passwords()
 * String phc = encoder.encode(rawPassword);          // $argon2id$v=19$m=19456,t=2,p=1$...
 * boolean ok = encoder.matches(rawPassword, phc);
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <p>bcrypt hashes are verified only, never produced, and always need a rehash. A stored hash with
 * parameters beyond the hasher's limits, or of any other scheme, never matches. When the hashing
 * budget is exhausted {@link #encode} throws {@link IllegalStateException} (answer 503) and {@link
 * #matches} answers {@code false}: under overload a login fails, it never succeeds.
 */
public final class JwtSecurityPasswordEncoder implements PasswordEncoder {

  private final PasswordHasher hasher;

  /**
   * An encoder on {@code hasher}.
   *
   * @param hasher the front door's {@code passwords()}
   */
  public JwtSecurityPasswordEncoder(PasswordHasher hasher) {
    this.hasher = Objects.requireNonNull(hasher, "hasher");
  }

  /**
   * Hashes a password with Argon2id.
   *
   * @param rawPassword the password; {@code null} gives {@code null}, as Spring's encoders do
   * @return the PHC string
   * @throws IllegalArgumentException if the password is empty or longer than the hasher accepts
   * @throws IllegalStateException if the hashing budget stayed exhausted for its busy timeout
   */
  @Override
  @SuppressWarnings("nullness") // Spring Security 7 declares encode(null) returns null
  public String encode(CharSequence rawPassword) {
    if (rawPassword == null) {
      return null;
    }
    try {
      return hasher.hash(rawPassword);
    } catch (PasswordHashingException e) {
      if (e.reason() == PasswordHashingException.Reason.BUSY) {
        throw new IllegalStateException("password hashing is busy; retry later", e);
      }
      throw new IllegalArgumentException("the password is " + describe(e.reason()), e);
    }
  }

  @Override
  public boolean matches(CharSequence rawPassword, String encodedPassword) {
    if (rawPassword == null || encodedPassword == null || encodedPassword.isEmpty()) {
      return false;
    }
    return hasher.verify(rawPassword, encodedPassword).matches();
  }

  @Override
  public boolean upgradeEncoding(String encodedPassword) {
    return encodedPassword != null
        && !encodedPassword.isEmpty()
        && hasher.needsRehash(encodedPassword);
  }

  private static String describe(PasswordHashingException.Reason reason) {
    return reason == PasswordHashingException.Reason.EMPTY ? "empty" : "too long";
  }

  @Override
  public String toString() {
    return "JwtSecurityPasswordEncoder[" + hasher.parameters() + "]";
  }
}
