package dev.jwtsecurity.benchmarks.servlet;

/**
 * Base of the in-process response used by the filter benchmark. Generated from the servlet 6.0
 * interfaces; every method returns a neutral value (null, 0, false) unless a subclass overrides it.
 */
@SuppressWarnings({
  "deprecation",
  "removal",
  "unchecked",
  "rawtypes",
  "TypeParameterUnusedInFormals"
})
abstract class AbstractResponse implements jakarta.servlet.http.HttpServletResponse {
  @Override
  public void addCookie(jakarta.servlet.http.Cookie p0) {}

  @Override
  public void addDateHeader(java.lang.String p0, long p1) {}

  @Override
  public void addHeader(java.lang.String p0, java.lang.String p1) {}

  @Override
  public void addIntHeader(java.lang.String p0, int p1) {}

  @Override
  public boolean containsHeader(java.lang.String p0) {
    return false;
  }

  @Override
  public java.lang.String encodeRedirectURL(java.lang.String p0) {
    return null;
  }

  @Override
  public java.lang.String encodeURL(java.lang.String p0) {
    return null;
  }

  @Override
  public void flushBuffer() throws java.io.IOException {}

  @Override
  public int getBufferSize() {
    return 0;
  }

  @Override
  public java.lang.String getCharacterEncoding() {
    return null;
  }

  @Override
  public java.lang.String getContentType() {
    return null;
  }

  @Override
  public java.lang.String getHeader(java.lang.String p0) {
    return null;
  }

  @Override
  public java.util.Collection<java.lang.String> getHeaderNames() {
    return null;
  }

  @Override
  public java.util.Collection<java.lang.String> getHeaders(java.lang.String p0) {
    return null;
  }

  @Override
  public java.util.Locale getLocale() {
    return null;
  }

  @Override
  public jakarta.servlet.ServletOutputStream getOutputStream() throws java.io.IOException {
    return null;
  }

  @Override
  public int getStatus() {
    return 0;
  }

  @Override
  public java.io.PrintWriter getWriter() throws java.io.IOException {
    return null;
  }

  @Override
  public boolean isCommitted() {
    return false;
  }

  @Override
  public void reset() {}

  @Override
  public void resetBuffer() {}

  @Override
  public void sendError(int p0, java.lang.String p1) throws java.io.IOException {}

  @Override
  public void sendError(int p0) throws java.io.IOException {}

  @Override
  public void sendRedirect(java.lang.String p0) throws java.io.IOException {}

  @Override
  public void setBufferSize(int p0) {}

  @Override
  public void setCharacterEncoding(java.lang.String p0) {}

  @Override
  public void setContentLength(int p0) {}

  @Override
  public void setContentLengthLong(long p0) {}

  @Override
  public void setContentType(java.lang.String p0) {}

  @Override
  public void setDateHeader(java.lang.String p0, long p1) {}

  @Override
  public void setHeader(java.lang.String p0, java.lang.String p1) {}

  @Override
  public void setIntHeader(java.lang.String p0, int p1) {}

  @Override
  public void setLocale(java.util.Locale p0) {}

  @Override
  public void setStatus(int p0) {}
}
