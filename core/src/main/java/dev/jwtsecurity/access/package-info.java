/**
 * The authenticated user, user status checks and ownership checks that answer like a missing
 * resource. Guide: "User Isolation", "Token Validation".
 */
package dev.jwtsecurity.access;
