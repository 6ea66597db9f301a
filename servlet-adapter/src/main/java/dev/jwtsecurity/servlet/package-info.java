/**
 * Jakarta Servlet 6.0 filters over jwt-security-core: {@link
 * dev.jwtsecurity.servlet.JwtAuthenticationFilter} (Bearer header or cookie authentication, CSRF
 * defence, login throttling, ownership 404) and {@link
 * dev.jwtsecurity.servlet.SecurityHeadersFilter} (HTTPS enforcement, trusted proxies, security
 * headers), configured from the front door in one step by {@link
 * dev.jwtsecurity.servlet.JwtSecurityFilters}. Runs unchanged on Jetty 12 (ee10) and Tomcat
 * 10.1/11.
 */
package dev.jwtsecurity.servlet;
