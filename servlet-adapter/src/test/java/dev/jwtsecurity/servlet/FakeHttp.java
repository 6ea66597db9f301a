package dev.jwtsecurity.servlet;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * In-process requests and responses for unit and property tests of the filters, without a
 * container: only what the filters call is answered, anything else fails the test loudly.
 */
final class FakeHttp {

  private FakeHttp() {}

  /** A request under construction. */
  static final class Request {
    private final String method;
    private final String uri;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final Map<String, Object> attributes = new HashMap<>();
    private String remoteAddr = "127.0.0.1";
    private String serverName = "app.example";
    private int serverPort = 443;
    private boolean secure = true;

    Request(String method, String uri) {
      this.method = method;
      this.uri = uri;
    }

    Request header(String name, String value) {
      headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
      return this;
    }

    Request plainHttp(String serverName, int port) {
      this.secure = false;
      this.serverName = serverName;
      this.serverPort = port;
      return this;
    }

    Request remoteAddr(String address) {
      this.remoteAddr = address;
      return this;
    }

    HttpServletRequest build() {
      return (HttpServletRequest)
          Proxy.newProxyInstance(
              FakeHttp.class.getClassLoader(),
              new Class<?>[] {HttpServletRequest.class},
              (proxy, m, args) ->
                  switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getRequestURI" -> uri;
                    case "getContextPath" -> "";
                    case "getRemoteAddr" -> remoteAddr;
                    case "isSecure" -> secure;
                    case "getScheme" -> secure ? "https" : "http";
                    case "getServerName" -> serverName;
                    case "getServerPort" -> serverPort;
                    case "getHeaders" ->
                        Collections.enumeration(
                            headers.getOrDefault(
                                ((String) args[0]).toLowerCase(Locale.ROOT), List.of()));
                    case "getHeader" -> {
                      List<String> v = headers.get(((String) args[0]).toLowerCase(Locale.ROOT));
                      yield v == null ? null : v.get(0);
                    }
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> {
                      attributes.put((String) args[0], args[1]);
                      yield null;
                    }
                    case "removeAttribute" -> {
                      attributes.remove((String) args[0]);
                      yield null;
                    }
                    case "toString" -> "FakeHttp.Request[" + method + " " + uri + "]";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default ->
                        throw new UnsupportedOperationException(
                            "FakeHttp request does not answer " + m.getName());
                  });
    }
  }

  /** A response that records what was written. */
  static final class Response {
    int status = 200;
    final Map<String, List<String>> headers = new LinkedHashMap<>();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    boolean committed;

    String header(String name) {
      List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
      return v == null ? null : v.get(v.size() - 1);
    }

    String body() {
      return body.toString(StandardCharsets.UTF_8);
    }

    HttpServletResponse build() {
      ServletOutputStream out =
          new ServletOutputStream() {
            @Override
            public void write(int b) {
              body.write(b);
            }

            @Override
            public boolean isReady() {
              return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
              throw new UnsupportedOperationException();
            }

            @Override
            public void flush() {
              committed = true;
            }
          };
      return (HttpServletResponse)
          Proxy.newProxyInstance(
              FakeHttp.class.getClassLoader(),
              new Class<?>[] {HttpServletResponse.class},
              (proxy, m, args) ->
                  switch (m.getName()) {
                    case "setStatus" -> {
                      status = (Integer) args[0];
                      yield null;
                    }
                    case "getStatus" -> status;
                    case "sendError" -> {
                      status = (Integer) args[0];
                      committed = true;
                      yield null;
                    }
                    case "setHeader" -> {
                      headers.put(
                          ((String) args[0]).toLowerCase(Locale.ROOT),
                          new ArrayList<>(List.of((String) args[1])));
                      yield null;
                    }
                    case "addHeader" -> {
                      headers
                          .computeIfAbsent(
                              ((String) args[0]).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                          .add((String) args[1]);
                      yield null;
                    }
                    case "getHeader" -> header((String) args[0]);
                    case "setContentType" -> {
                      headers.put("content-type", new ArrayList<>(List.of((String) args[0])));
                      yield null;
                    }
                    case "setContentLength" -> null;
                    case "getOutputStream" -> out;
                    case "isCommitted" -> committed;
                    case "resetBuffer" -> {
                      body.reset();
                      yield null;
                    }
                    case "flushBuffer" -> {
                      committed = true;
                      yield null;
                    }
                    case "toString" -> "FakeHttp.Response[" + status + "]";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default ->
                        throw new UnsupportedOperationException(
                            "FakeHttp response does not answer " + m.getName());
                  });
    }
  }

  /** A chain that records the request it was called with. */
  static final class Chain implements FilterChain {
    HttpServletRequest request;
    Runnable action = () -> {};

    @Override
    public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
      request = (HttpServletRequest) req;
      action.run();
    }
  }
}
