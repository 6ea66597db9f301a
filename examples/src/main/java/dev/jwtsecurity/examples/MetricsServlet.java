package dev.jwtsecurity.examples;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /metrics}: the security metrics in the Prometheus text format, for a scraper on the
 * same machine only. Everyone else gets the demo's ordinary 404, as if there were nothing here.
 *
 * <p>Why loopback only: counts of failed logins, refused tokens and lockouts tell an attacker how
 * an attack is going. A request relayed by a proxy on the same machine also arrives from loopback,
 * so a request carrying any forwarding header is refused too. In production, serve metrics on a
 * separate management port or behind the monitoring network's authentication instead.
 */
final class MetricsServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /** The Prometheus text exposition format, version 0.0.4: what every Prometheus server reads. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** Headers a reverse proxy adds; their presence means the peer is not the client. */
  private static final List<String> FORWARDING_HEADERS =
      List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Real-IP", "Via");

  private final transient PrometheusMeterRegistry registry;

  MetricsServlet(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
    boolean forwarded = false;
    for (String h : FORWARDING_HEADERS) {
      forwarded |= req.getHeader(h) != null;
    }
    if (!fromLoopback(req.getRemoteAddr(), forwarded)) {
      res.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    if (!"GET".equals(req.getMethod()) && !"HEAD".equals(req.getMethod())) {
      res.setHeader("Allow", "GET, HEAD");
      res.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      return;
    }
    byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
    res.setStatus(HttpServletResponse.SC_OK);
    res.setContentType(CONTENT_TYPE);
    res.setHeader("Cache-Control", "no-store");
    res.setContentLength(body.length);
    if ("GET".equals(req.getMethod())) {
      try (OutputStream out = res.getOutputStream()) {
        out.write(body);
      }
    }
  }

  /**
   * Whether a request comes straight from this machine: the connection's peer is a loopback address
   * literal and no proxy relayed it.
   *
   * @param remoteAddr the connection's peer address, as the container reports it (a literal)
   * @param forwarded whether any forwarding header is present
   */
  static boolean fromLoopback(String remoteAddr, boolean forwarded) {
    if (forwarded || remoteAddr == null || remoteAddr.isEmpty()) {
      return false;
    }
    String literal =
        remoteAddr.startsWith("[") && remoteAddr.endsWith("]")
            ? remoteAddr.substring(1, remoteAddr.length() - 1)
            : remoteAddr;
    // A literal only: a name here would mean a DNS look-up decides who sees the metrics.
    if (!literal.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
      return false;
    }
    try {
      return InetAddress.getByName(literal).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
