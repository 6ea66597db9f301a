/**
 * Security events named by the OWASP Logging Vocabulary, the listener SPI that receives them,
 * alerting on suspicious patterns and the audit trail.
 */
package dev.jwtsecurity.audit;
