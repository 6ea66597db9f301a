/**
 * The authenticated user, user status checks and ownership checks that answer like a missing
 * resource.
 */
package dev.jwtsecurity.access;
