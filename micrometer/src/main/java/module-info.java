/**
 * jwt-security's Micrometer binding: hand {@link
 * dev.jwtsecurity.micrometer.MicrometerSecurityMetrics} to the front door.
 *
 * <pre>{@code
 * module my.app {
 *   requires dev.jwtsecurity.micrometer;   // reads dev.jwtsecurity and micrometer.core too
 * }
 * }</pre>
 */
module dev.jwtsecurity.micrometer {
  // Both appear in this module's API (SecurityMetrics, MeterRegistry and Tag), so a user reads
  // them.
  requires transitive dev.jwtsecurity;
  requires transitive micrometer.core;

  exports dev.jwtsecurity.micrometer;
}
