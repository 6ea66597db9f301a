package dev.jwtsecurity.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.util.List;

/**
 * A servlet container started on 127.0.0.1 with an HTTP and an HTTPS connector on ephemeral ports.
 */
interface EmbeddedContainer {

  /** A filter and the URL patterns it is mapped to, for the REQUEST dispatcher. */
  record FilterMapping(String name, Filter filter, List<String> urlPatterns) {}

  int httpPort();

  int httpsPort();

  String name();

  void stop() throws Exception;

  /** Starts a container with the filters in order and one servlet mapped to {@code /*}. */
  interface Factory {
    EmbeddedContainer start(List<FilterMapping> filters, Servlet servlet) throws Exception;
  }
}
