/**
 * Opaque refresh tokens in rotating families with reuse detection (RFC 9700 §4.14.2), their storage
 * SPI and an in-memory store, and {@link dev.jwtsecurity.refresh.TokenPairService}, the one service
 * an application calls to log in, refresh and log out. Guide: "Token Transmission" (refresh token
 * mechanism).
 */
package dev.jwtsecurity.refresh;
