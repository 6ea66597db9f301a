package dev.jwtsecurity.spring;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.header.HeaderWriter;

/**
 * Writes the library's API defaults for the two headers Spring Security does not send by default,
 * {@code Content-Security-Policy} and {@code Referrer-Policy}, only where the response has none: a
 * policy the application or the chain's own header configuration set always wins.
 */
final class AbsentHeadersWriter implements HeaderWriter {

  private final String contentSecurityPolicy;
  private final String referrerPolicy;

  AbsentHeadersWriter(String contentSecurityPolicy, String referrerPolicy) {
    this.contentSecurityPolicy = contentSecurityPolicy;
    this.referrerPolicy = referrerPolicy;
  }

  @Override
  public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
    if (contentSecurityPolicy != null
        && !contentSecurityPolicy.isBlank()
        && !response.containsHeader("Content-Security-Policy")) {
      response.setHeader("Content-Security-Policy", contentSecurityPolicy);
    }
    if (referrerPolicy != null
        && !referrerPolicy.isBlank()
        && !response.containsHeader("Referrer-Policy")) {
      response.setHeader("Referrer-Policy", referrerPolicy);
    }
  }
}
