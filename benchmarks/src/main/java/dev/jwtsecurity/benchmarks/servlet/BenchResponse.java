package dev.jwtsecurity.benchmarks.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A response that keeps status and headers and discards the body. */
final class BenchResponse extends AbstractResponse {

  private final Map<String, List<String>> headers = new HashMap<>();
  private int status = 200;
  private boolean committed;

  private final ServletOutputStream out =
      new ServletOutputStream() {
        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {}

        @Override
        public void write(int b) {
          committed = true;
        }

        @Override
        public void write(byte[] b, int off, int len) {
          committed = true;
        }
      };

  private final PrintWriter writer = new PrintWriter(Writer.nullWriter());

  void recycle() {
    headers.clear();
    status = 200;
    committed = false;
  }

  @Override
  public void setHeader(String name, String value) {
    List<String> l = new ArrayList<>(1);
    l.add(value);
    headers.put(name, l);
  }

  @Override
  public void addHeader(String name, String value) {
    headers.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
  }

  @Override
  public boolean containsHeader(String name) {
    return headers.containsKey(name);
  }

  @Override
  public String getHeader(String name) {
    List<String> l = headers.get(name);
    return l == null ? null : l.get(0);
  }

  @Override
  public Collection<String> getHeaders(String name) {
    return headers.getOrDefault(name, List.of());
  }

  @Override
  public Collection<String> getHeaderNames() {
    return headers.keySet();
  }

  @Override
  public void setStatus(int sc) {
    status = sc;
  }

  @Override
  public int getStatus() {
    return status;
  }

  @Override
  public void sendError(int sc) {
    status = sc;
    committed = true;
  }

  @Override
  public void sendError(int sc, String msg) {
    status = sc;
    committed = true;
  }

  @Override
  public boolean isCommitted() {
    return committed;
  }

  @Override
  public void resetBuffer() {}

  @Override
  public void reset() {
    recycle();
  }

  @Override
  public ServletOutputStream getOutputStream() {
    return out;
  }

  @Override
  public PrintWriter getWriter() {
    return writer;
  }
}
