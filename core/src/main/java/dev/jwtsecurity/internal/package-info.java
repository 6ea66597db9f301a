/**
 * Helpers shared by the jwt-security modules. <strong>Not API</strong>: anything here may change or
 * disappear in any release; application code must not use it.
 */
package dev.jwtsecurity.internal;
