/**
 * The instrumentation SPI: what jwt-security measures (security events, token validation, password
 * hashing, store operations, live levels), for a metrics library such as Micrometer ({@code
 * jwt-security-micrometer}) to record. Core depends on no metrics library.
 */
package dev.jwtsecurity.metrics;
