/**
 * jwt-security core: access tokens, refresh tokens, passwords, throttling, login, access checks and
 * security events, behind the front door {@link dev.jwtsecurity.JwtSecurity}.
 *
 * <pre>{@code
 * module my.app {
 *   requires dev.jwtsecurity;
 * }
 * }</pre>
 *
 * <p>Every exported package is API. {@code dev.jwtsecurity.internal} is shared with the other
 * jwt-security modules only and is not API. On the module path, the bcrypt jar (which declares no
 * module name) must keep its Maven file name, {@code bcrypt-<version>.jar}, so that its module is
 * called {@code bcrypt}.
 *
 * <p>The password hasher finds an {@link dev.jwtsecurity.password.Argon2Engine} provider (such as
 * module {@code dev.jwtsecurity.argon2.bouncycastle}) through the service loader when the native
 * engine does not load; on the module path argon2-jvm stays required, so the default engine is
 * always the native one there.
 */
// The modules internal is exported to are built after this one, so they are not found here.
@SuppressWarnings("module")
module dev.jwtsecurity {
  // JWK Sets and discovery documents of identity providers; TrustedIssuer takes an HttpClient.
  requires transitive java.net.http;
  requires org.slf4j;
  requires org.jose4j;
  requires de.mkammerer.argon2.nolibs;
  requires de.mkammerer.argon2; // the native Argon2 libraries, loaded by JNA from this jar
  requires com.sun.jna;
  requires bcrypt;

  // Not "requires static" for argon2-jvm: its explicit nolibs module would then be resolved only if
  // the application named it, and a modular application would silently lose the native default.
  uses dev.jwtsecurity.password.Argon2Engine;

  exports dev.jwtsecurity;
  exports dev.jwtsecurity.access;
  exports dev.jwtsecurity.audit;
  exports dev.jwtsecurity.config;
  exports dev.jwtsecurity.login;
  exports dev.jwtsecurity.metrics;
  exports dev.jwtsecurity.password;
  exports dev.jwtsecurity.refresh;
  exports dev.jwtsecurity.throttle;
  exports dev.jwtsecurity.token;
  // The other jwt-security modules and this repository's tools; never an application.
  exports dev.jwtsecurity.internal to
      dev.jwtsecurity.servlet,
      dev.jwtsecurity.jdbc,
      dev.jwtsecurity.redis,
      dev.jwtsecurity.micrometer,
      dev.jwtsecurity.spring,
      dev.jwtsecurity.argon2.bouncycastle,
      dev.jwtsecurity.cli,
      dev.jwtsecurity.examples,
      dev.jwtsecurity.benchmarks;
}
