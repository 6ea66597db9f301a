/**
 * jwt-security Redis stores: refresh-token families, login-throttle counters and the access-token
 * denylist in Redis (standalone, Sentinel or Cluster), for several instances.
 *
 * <pre>{@code
 * module my.app {
 *   requires dev.jwtsecurity.redis;   // reads dev.jwtsecurity too
 * }
 * }</pre>
 */
module dev.jwtsecurity.redis {
  // The store SPIs appear in this module's API, so a user reads core.
  requires transitive dev.jwtsecurity;
  // Lettuce is an automatic module (its manifest names it lettuce.core); none of its types appear
  // in this module's API, so it stays an implementation detail.
  requires lettuce.core;

  exports dev.jwtsecurity.redis;
}
