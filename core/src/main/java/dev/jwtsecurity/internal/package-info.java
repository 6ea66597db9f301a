/**
 * What the jwt-security modules share and applications must not use: the one rule set for settings
 * ({@link dev.jwtsecurity.internal.SettingRules}), the set-once guard of builders, the strict JSON
 * reader and writer, constant-time comparison, log-safe text and wipeable UTF-8 conversion.
 * <strong>Not API</strong>: anything here may change or disappear in any release. The module {@code
 * dev.jwtsecurity} exports this package only to the other jwt-security modules, and the API listing
 * of core leaves it out.
 */
package dev.jwtsecurity.internal;
