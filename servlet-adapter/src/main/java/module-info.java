/**
 * jwt-security servlet adapter: the security-headers and authentication filters, configured from
 * the front door by {@link dev.jwtsecurity.servlet.JwtSecurityFilters}.
 *
 * <pre>{@code
 * module my.app {
 *   requires dev.jwtsecurity.servlet;   // reads dev.jwtsecurity and jakarta.servlet too
 * }
 * }</pre>
 */
module dev.jwtsecurity.servlet {
  // Both appear in this module's API (JwtSecurity, Filter, HttpServletRequest), so a user reads
  // them.
  requires transitive dev.jwtsecurity;
  requires transitive jakarta.servlet;

  exports dev.jwtsecurity.servlet;
}
