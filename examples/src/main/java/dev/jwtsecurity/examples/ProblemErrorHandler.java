package dev.jwtsecurity.examples;

import dev.jwtsecurity.servlet.ProblemResponses;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers, for requests refused before any servlet or filter runs: an oversized
 * header (431), an ambiguous or malformed path (400), a bad character in the request line, a body
 * that is too large (413) or arrives too slowly (408). Each gets the same generic problem body and
 * security headers as the application's answers, instead of Jetty's HTML page (which echoes the URI
 * and the parser's message).
 *
 * <pre>{@code
 * server.setErrorHandler(new ProblemErrorHandler(filters.securityHeadersFilter()::responseHeaders));
 * }</pre>
 *
 * <p>Tomcat's equivalent is an {@code ErrorReportValve} replacement; see the README's production
 * settings.
 */
final class ProblemErrorHandler extends ErrorHandler {

  private final Function<Boolean, Map<String, String>> securityHeaders;

  /**
   * @param securityHeaders the security headers of an answer, given whether it goes out over HTTPS
   */
  ProblemErrorHandler(Function<Boolean, Map<String, String>> securityHeaders) {
    this.securityHeaders = Objects.requireNonNull(securityHeaders, "securityHeaders");
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException e) {
      status = e.getCode();
    }
    if (status < 400 || status > 599) {
      status = 500;
    }
    response.setStatus(status);
    HttpFields.Mutable headers = response.getHeaders();
    securityHeaders.apply(request.isSecure()).forEach(headers::put);
    headers.put(HttpHeader.CACHE_CONTROL, "no-store");
    if (status == 408 || status == 413) {
      // The rest of the body was never read: the connection cannot carry another request.
      headers.put(HttpHeader.CONNECTION, "close");
    }
    byte[] body = ProblemResponses.body(status);
    headers.put(HttpHeader.CONTENT_TYPE, ProblemResponses.CONTENT_TYPE);
    headers.put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }
}
