/**
 * jwt-security's Micrometer binding: {@link dev.jwtsecurity.micrometer.MicrometerSecurityMetrics}
 * records the front door's security events, timings and levels in any {@code MeterRegistry}.
 */
package dev.jwtsecurity.micrometer;
