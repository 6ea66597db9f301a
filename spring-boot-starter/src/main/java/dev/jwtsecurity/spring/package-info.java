/** Spring Boot auto-configuration and Spring Security integration for jwt-security. */
package dev.jwtsecurity.spring;
