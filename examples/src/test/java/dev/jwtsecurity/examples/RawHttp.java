package dev.jwtsecurity.examples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what an HTTP client library will not send: oversized headers,
 * control characters, ambiguous paths, stalled bodies, a chosen source address.
 */
final class RawHttp {

  private RawHttp() {}

  /** One parsed answer: status line, headers (lower-cased names, last wins) and body. */
  record Answer(int status, Map<String, String> headers, String body, String raw) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** Sends {@code request} (bytes as ISO-8859-1) and reads until the server closes or 10 s pass. */
  static Answer exchange(URI base, String request) {
    return exchange(base, request.getBytes(StandardCharsets.ISO_8859_1), null);
  }

  static Answer exchange(URI base, byte[] request, InetAddress from) {
    try (Socket s = connect(base, from)) {
      s.getOutputStream().write(request);
      s.getOutputStream().flush();
      return parse(readAll(s.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Socket connect(URI base, InetAddress from) throws IOException {
    Socket s = new Socket();
    if (from != null) {
      s.bind(new InetSocketAddress(from, 0));
    }
    s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
    s.setSoTimeout(10_000);
    return s;
  }

  static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      for (int n; (n = in.read(buf)) >= 0; ) {
        out.write(buf, 0, n);
      }
    } catch (SocketTimeoutException e) {
      // what arrived is the answer
    }
    return out.toByteArray();
  }

  static Answer parse(byte[] bytes) {
    String raw = new String(bytes, StandardCharsets.UTF_8);
    int end = raw.indexOf("\r\n\r\n");
    if (!raw.startsWith("HTTP/1.1 ") || end < 0) {
      return new Answer(-1, Map.of(), "", raw);
    }
    String[] lines = raw.substring(0, end).split("\r\n", -1);
    int status = Integer.parseInt(lines[0].substring(9, 12));
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    return new Answer(status, headers, raw.substring(end + 4), raw);
  }
}
