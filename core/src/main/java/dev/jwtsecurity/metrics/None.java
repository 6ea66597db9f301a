package dev.jwtsecurity.metrics;

/**
 * The implementation of {@link SecurityMetrics#none()}: every default, and one identity the front
 * door recognises so it wraps nothing.
 */
enum None implements SecurityMetrics {
  INSTANCE
}
