package dev.jwtsecurity.benchmarks.servlet;

import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A GET request with one {@code Authorization} header, as a container would hand it to the filter.
 */
final class BenchRequest extends AbstractRequest {

  private final String uri;
  private final List<String> authorization;
  private final Map<String, Object> attributes = new HashMap<>();

  BenchRequest(String uri, String authorization) {
    this.uri = uri;
    this.authorization = authorization == null ? List.of() : List.of(authorization);
  }

  /** Forgets what the previous operation stored, as a container recycles its request objects. */
  void recycle() {
    attributes.clear();
  }

  @Override
  public String getMethod() {
    return "GET";
  }

  @Override
  public String getRequestURI() {
    return uri;
  }

  @Override
  public String getContextPath() {
    return "";
  }

  @Override
  public String getServletPath() {
    return uri;
  }

  @Override
  public String getHeader(String name) {
    return "Authorization".equalsIgnoreCase(name) && !authorization.isEmpty()
        ? authorization.get(0)
        : null;
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    return Collections.enumeration(
        "Authorization".equalsIgnoreCase(name) ? authorization : List.of());
  }

  @Override
  public Enumeration<String> getHeaderNames() {
    return Collections.enumeration(authorization.isEmpty() ? List.of() : List.of("Authorization"));
  }

  @Override
  public Object getAttribute(String name) {
    return attributes.get(name);
  }

  @Override
  public void setAttribute(String name, Object value) {
    attributes.put(name, value);
  }

  @Override
  public void removeAttribute(String name) {
    attributes.remove(name);
  }

  @Override
  public String getRemoteAddr() {
    return "127.0.0.1";
  }

  @Override
  public String getRemoteHost() {
    return "127.0.0.1";
  }

  @Override
  public String getServerName() {
    return "localhost";
  }

  @Override
  public int getServerPort() {
    return 8080;
  }

  @Override
  public String getScheme() {
    return "http";
  }

  @Override
  public String getProtocol() {
    return "HTTP/1.1";
  }

  @Override
  public boolean isSecure() {
    return false;
  }

  @Override
  public jakarta.servlet.DispatcherType getDispatcherType() {
    return jakarta.servlet.DispatcherType.REQUEST;
  }
}
