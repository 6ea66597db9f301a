package dev.jwtsecurity.servlet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A deliberately dumb HTTP/1.1 client over raw sockets: it sends exactly the bytes it is given
 * (duplicate headers, CR/LF, 100 KB values, non-ASCII), and reads the whole response of a {@code
 * Connection: close} exchange.
 */
final class RawHttp {

  /** One header line of a response. */
  record Header(String name, String value) {}

  /** A parsed response. */
  record Response(int status, List<Header> headers, String body, String raw) {
    Optional<String> header(String name) {
      return headers.stream()
          .filter(h -> h.name().equalsIgnoreCase(name))
          .map(Header::value)
          .findFirst();
    }

    List<String> headers(String name) {
      return headers.stream()
          .filter(h -> h.name().equalsIgnoreCase(name))
          .map(Header::value)
          .toList();
    }

    String bodyText() {
      return body;
    }

    /**
     * Status line and headers except those that vary per response ({@code Date}), in order, plus
     * the body.
     */
    String comparable() {
      StringBuilder sb = new StringBuilder().append(status).append('\n');
      for (Header h : headers) {
        if (!h.name().equalsIgnoreCase("Date")) {
          sb.append(h.name().toLowerCase(Locale.ROOT)).append(": ").append(h.value()).append('\n');
        }
      }
      return sb.append('\n').append(bodyText()).toString();
    }
  }

  /** A request under construction. */
  static final class Request {
    private final String method;
    private final String target;
    private final List<String> lines = new ArrayList<>();
    private byte[] body = new byte[0];
    private boolean host = true;

    Request(String method, String target) {
      this.method = method;
      this.target = target;
    }

    Request header(String name, String value) {
      lines.add(name + ": " + value);
      return this;
    }

    /** A raw header line, sent as is (may contain CR, LF or anything). */
    Request rawLine(String line) {
      lines.add(line);
      return this;
    }

    Request body(String text) {
      this.body = text.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    Request noHost() {
      this.host = false;
      return this;
    }

    byte[] bytes(String authority) {
      StringBuilder sb = new StringBuilder();
      sb.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
      if (host) {
        sb.append("Host: ").append(authority).append("\r\n");
      }
      for (String l : lines) {
        sb.append(l).append("\r\n");
      }
      sb.append("Connection: close\r\n");
      if (body.length > 0 || !(method.equals("GET") || method.equals("HEAD"))) {
        sb.append("Content-Length: ").append(body.length).append("\r\n");
      }
      sb.append("\r\n");
      byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
      byte[] all = new byte[head.length + body.length];
      System.arraycopy(head, 0, all, 0, head.length);
      System.arraycopy(body, 0, all, head.length, body.length);
      return all;
    }
  }

  private RawHttp() {}

  static Response send(int port, boolean tls, Request request) throws IOException {
    Socket socket = tls ? tlsSocket() : new Socket();
    try (socket) {
      socket.setSoTimeout(15_000);
      socket.connect(
          new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 5_000);
      if (socket instanceof SSLSocket ssl) {
        ssl.startHandshake();
      }
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request.bytes("127.0.0.1:" + port));
        out.flush();
      } catch (IOException e) {
        // The server may answer and close before reading a huge request; read what it said.
      }
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      byte[] chunk = new byte[8192];
      try {
        for (int n; (n = in.read(chunk)) >= 0; ) {
          buf.write(chunk, 0, n);
        }
      } catch (IOException e) {
        if (buf.size() == 0) {
          throw e;
        }
      }
      return parse(buf.toByteArray(), request.method.equals("HEAD"));
    }
  }

  static Response parse(byte[] raw, boolean head) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IllegalStateException("no complete response head: " + text);
    }
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < end) {
      int nl = text.indexOf("\r\n", start);
      if (nl < 0 || nl > end) {
        nl = end;
      }
      lines.add(text.substring(start, nl));
      start = nl + 2;
    }
    String statusLine = lines.get(0);
    int status = Integer.parseInt(statusLine.substring(9, 12));
    List<Header> headers = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      int colon = l.indexOf(':');
      headers.add(new Header(l.substring(0, colon).trim(), l.substring(colon + 1).trim()));
    }
    byte[] body = new byte[raw.length - end - 4];
    System.arraycopy(raw, end + 4, body, 0, body.length);
    boolean chunked =
        headers.stream()
            .anyMatch(
                h ->
                    h.name().equalsIgnoreCase("Transfer-Encoding")
                        && h.value().equalsIgnoreCase("chunked"));
    if (chunked && !head) {
      body = dechunk(body);
    }
    return new Response(status, headers, new String(body, StandardCharsets.UTF_8), text);
  }

  private static byte[] dechunk(byte[] in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < in.length) {
      int nl = i;
      while (nl + 1 < in.length && !(in[nl] == '\r' && in[nl + 1] == '\n')) {
        nl++;
      }
      String sizeText = new String(in, i, nl - i, StandardCharsets.ISO_8859_1);
      int semi = sizeText.indexOf(';');
      int size = Integer.parseInt((semi < 0 ? sizeText : sizeText.substring(0, semi)).trim(), 16);
      if (size == 0) {
        break;
      }
      out.write(in, nl + 2, size);
      i = nl + 2 + size + 2;
    }
    return out.toByteArray();
  }

  private static Socket tlsSocket() throws IOException {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
      return ctx.getSocketFactory().createSocket();
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  /** The test server's certificate is self-signed and generated per run. */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
