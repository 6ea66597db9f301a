package dev.jwtsecurity.token;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Fetches a provider's JSON documents (discovery metadata, JWK Sets) with the JDK {@link
 * HttpClient}, on the assumption that the network and the answer may be hostile:
 *
 * <ul>
 *   <li>HTTPS only; plain HTTP only to a loopback address, and only when the development switch is
 *       on;
 *   <li>no redirect is followed by the client: this class follows at most {@value #MAX_REDIRECTS},
 *       and only to the same scheme, host and port, so a redirect cannot move key retrieval to
 *       another host;
 *   <li>a time limit on the whole exchange (headers and body), on top of the client's connect
 *       timeout;
 *   <li>a size cap: a {@code Content-Length} above it is refused before the body is read, and a
 *       body that grows past it is cut off;
 *   <li>only {@code 200} with one of the expected media types is an answer;
 *   <li>no cookies: the client has no cookie handler, and none is accepted.
 * </ul>
 */
final class JwksHttp {

  static final int MAX_REDIRECTS = 3;

  private static final Pattern COMMA = Pattern.compile(",");

  /** Why a fetch failed. Names appear in security events. */
  enum Failure {
    /** The connection failed (refused, reset, DNS, TLS). */
    UNREACHABLE,
    /** No complete answer within the time limit. */
    TIMEOUT,
    /** A status other than 200 (or a redirect without a usable {@code Location}). */
    HTTP_STATUS,
    /** The answer's media type is not one expected. */
    WRONG_CONTENT_TYPE,
    /** The answer is larger than the size cap. */
    TOO_LARGE,
    /** A redirect to another scheme, host or port, or too many redirects. */
    REDIRECT_REFUSED,
    /** A URI that is not HTTPS (or loopback HTTP with the development switch). */
    INSECURE_URI,
    /** The answer is not the JSON document expected. */
    MALFORMED,
    /** The discovery document names another issuer, or no usable {@code jwks_uri}. */
    ISSUER_MISMATCH,
    /** The JWK Set holds no key usable with the allowed algorithms. */
    NO_USABLE_KEYS
  }

  /** A failed fetch; stackless, with nothing from the answer but the status. */
  static final class FetchException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Failure failure;
    private final transient URI uri;
    private final int status;

    FetchException(Failure failure, URI uri, int status) {
      super(failure.name(), null, false, false);
      this.failure = failure;
      this.uri = uri;
      this.status = status;
    }

    FetchException(Failure failure, URI uri) {
      this(failure, uri, 0);
    }

    Failure failure() {
      return failure;
    }

    URI uri() {
      return uri;
    }

    int status() {
      return status;
    }
  }

  /** A 200 answer: the body, and the {@code Cache-Control: max-age} in seconds (-1 when none). */
  static final class Response {
    private final URI uri;
    private final byte[] body;
    private final long maxAgeSeconds;

    Response(URI uri, byte[] body, long maxAgeSeconds) {
      this.uri = uri;
      this.body = body;
      this.maxAgeSeconds = maxAgeSeconds;
    }

    URI uri() {
      return uri;
    }

    byte[] body() {
      return body;
    }

    long maxAgeSeconds() {
      return maxAgeSeconds;
    }
  }

  private final HttpClient client;
  private final Duration timeout;
  private final int maxBytes;
  private final boolean plainHttpOnLoopback;

  JwksHttp(HttpClient client, Duration timeout, int maxBytes, boolean plainHttpOnLoopback) {
    this.client = client;
    this.timeout = timeout;
    this.maxBytes = maxBytes;
    this.plainHttpOnLoopback = plainHttpOnLoopback;
  }

  /** A client as this class needs it: no redirects, no cookies, the given connect timeout. */
  static HttpClient newClient(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(connectTimeout)
        .build();
  }

  /**
   * Checks that a caller's client can be used.
   *
   * @throws IllegalArgumentException if it follows redirects or keeps cookies
   */
  static HttpClient checkClient(HttpClient client) {
    if (client.followRedirects() != HttpClient.Redirect.NEVER) {
      throw new IllegalArgumentException(
          "the HttpClient must not follow redirects (HttpClient.Redirect.NEVER): key retrieval"
              + " follows same-host redirects itself and refuses the others");
    }
    if (client.cookieHandler().isPresent()) {
      throw new IllegalArgumentException(
          "the HttpClient must have no cookie handler: key retrieval sends and keeps no cookies");
    }
    return client;
  }

  /**
   * Whether {@code uri} may be fetched: an absolute HTTPS URI with a host, no user info and no
   * fragment; or, with the development switch, plain HTTP to a loopback address.
   */
  boolean allowed(URI uri) {
    return allowed(uri, plainHttpOnLoopback);
  }

  static boolean allowed(URI uri, boolean plainHttpOnLoopback) {
    if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null) {
      return false;
    }
    if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
      return false;
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) {
      return true;
    }
    return scheme.equals("http") && plainHttpOnLoopback && isLoopback(uri.getHost());
  }

  /**
   * A loopback host written literally ({@code 127.0.0.0/8}, {@code [::1]}) or {@code localhost}.
   * Names other than {@code localhost} are not resolved: DNS must not decide whether plain HTTP is
   * allowed.
   */
  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.equals("[::1]") || h.equals("::1")) {
      return true;
    }
    String[] parts = h.split("\\.", -1);
    if (parts.length != 4 || !parts[0].equals("127")) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return false;
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  /**
   * GETs {@code uri}, expecting status 200 and one of {@code mediaTypes}. The future fails with a
   * {@link FetchException} (wrapped in a {@link CompletionException} where the JDK wraps).
   */
  CompletableFuture<Response> get(URI uri, List<String> mediaTypes) {
    if (!allowed(uri)) {
      return CompletableFuture.failedFuture(new FetchException(Failure.INSECURE_URI, uri));
    }
    return hop(uri, mediaTypes, 0);
  }

  private CompletableFuture<Response> hop(URI uri, List<String> mediaTypes, int redirects) {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .GET()
            .timeout(timeout)
            .header("Accept", String.join(", ", mediaTypes))
            .build();
    CompletableFuture<HttpResponse<Body>> sent;
    try {
      sent = client.sendAsync(request, info -> subscriber(info, mediaTypes));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(new FetchException(Failure.UNREACHABLE, uri));
    }
    // The request timeout covers the headers only; this bounds the body too. On expiry the
    // exchange is cancelled, which closes the connection.
    return sent.copy()
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete(
            (r, e) -> {
              if (e != null) {
                sent.cancel(true);
              }
            })
        .handle((r, e) -> e != null ? failed(uri, e) : answer(uri, r, mediaTypes, redirects))
        .thenCompose(f -> f);
  }

  private CompletionStage<Response> answer(
      URI uri, HttpResponse<Body> r, List<String> mediaTypes, int redirects) {
    int status = r.statusCode();
    if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
      Optional<String> location = r.headers().firstValue("Location");
      if (location.isEmpty()) {
        return CompletableFuture.failedFuture(new FetchException(Failure.HTTP_STATUS, uri, status));
      }
      URI next;
      try {
        next = uri.resolve(location.get());
      } catch (IllegalArgumentException e) {
        return CompletableFuture.failedFuture(new FetchException(Failure.HTTP_STATUS, uri, status));
      }
      if (redirects >= MAX_REDIRECTS || !sameOrigin(uri, next) || !allowed(next)) {
        return CompletableFuture.failedFuture(
            new FetchException(Failure.REDIRECT_REFUSED, uri, status));
      }
      return hop(next, mediaTypes, redirects + 1);
    }
    if (status != 200) {
      return CompletableFuture.failedFuture(new FetchException(Failure.HTTP_STATUS, uri, status));
    }
    Body body = r.body();
    if (body.failure != null) {
      return CompletableFuture.failedFuture(new FetchException(body.failure, uri, status));
    }
    return CompletableFuture.completedFuture(
        new Response(uri, body.bytes, maxAge(r.headers().allValues("Cache-Control"))));
  }

  private static CompletionStage<Response> failed(URI uri, Throwable e) {
    Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    if (c instanceof FetchException f) {
      return CompletableFuture.failedFuture(f);
    }
    // Anything else (connection refused or reset, DNS, TLS, a cancelled exchange) is unreachable.
    Failure why =
        c instanceof TimeoutException || c instanceof HttpTimeoutException
            ? Failure.TIMEOUT
            : Failure.UNREACHABLE;
    return CompletableFuture.failedFuture(new FetchException(why, uri));
  }

  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null
        && b.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }

  /**
   * The {@code max-age} of {@code Cache-Control}, -1 when absent, 0 for {@code no-store} or {@code
   * no-cache} (which the caller's lower bound then governs).
   */
  static long maxAge(List<String> cacheControl) {
    long maxAge = -1;
    for (String header : cacheControl) {
      for (String directive : COMMA.split(header, -1)) {
        String d = directive.trim().toLowerCase(Locale.ROOT);
        if (d.equals("no-store") || d.equals("no-cache")) {
          return 0;
        }
        if (d.startsWith("max-age=")) {
          String v = d.substring(8);
          if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
          }
          if (v.isEmpty() || v.length() > 10 || !v.chars().allMatch(Character::isDigit)) {
            continue;
          }
          maxAge = Long.parseLong(v);
        }
      }
    }
    return maxAge;
  }

  /** Whether a {@code Content-Type} value names one of {@code mediaTypes} (parameters ignored). */
  static boolean mediaTypeIn(Optional<String> contentType, List<String> mediaTypes) {
    if (contentType.isEmpty()) {
      return false;
    }
    String t = contentType.get();
    int semi = t.indexOf(';');
    String type = (semi < 0 ? t : t.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    return mediaTypes.contains(type);
  }

  /** What the body subscriber made of the body: the bytes, or why it was not read. */
  static final class Body {
    final byte[] bytes;
    final Failure failure;

    Body(byte[] bytes, Failure failure) {
      this.bytes = bytes;
      this.failure = failure;
    }
  }

  private HttpResponse.BodySubscriber<Body> subscriber(
      HttpResponse.ResponseInfo info, List<String> mediaTypes) {
    if (info.statusCode() != 200) {
      return new Capped(0, null); // not read: cancelled at once
    }
    if (!mediaTypeIn(info.headers().firstValue("Content-Type"), mediaTypes)) {
      return new Capped(0, Failure.WRONG_CONTENT_TYPE);
    }
    OptionalLong length = info.headers().firstValueAsLong("Content-Length");
    if (length.isPresent() && length.getAsLong() > maxBytes) {
      return new Capped(0, Failure.TOO_LARGE);
    }
    return new Capped(maxBytes, null);
  }

  /**
   * Collects at most {@code cap} bytes; with {@code cap == 0} it cancels at once and reports {@code
   * refusal} (or nothing, for a status that is not read).
   */
  private static final class Capped implements HttpResponse.BodySubscriber<Body> {
    private final int cap;
    private final Failure refusal;
    private final CompletableFuture<Body> result = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private byte[] buf = new byte[0];
    private int len;

    Capped(int cap, Failure refusal) {
      this.cap = cap;
      this.refusal = refusal;
    }

    @Override
    public CompletionStage<Body> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      this.subscription = s;
      if (cap == 0) {
        s.cancel();
        result.complete(new Body(null, refusal));
        return;
      }
      s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer b : items) {
        int n = b.remaining();
        if (len + (long) n > cap) {
          subscription.cancel();
          result.complete(new Body(null, Failure.TOO_LARGE));
          return;
        }
        if (len + n > buf.length) {
          buf =
              java.util.Arrays.copyOf(buf, Math.min(cap, Math.max(len + n, buf.length * 2 + 1024)));
        }
        b.get(buf, len, n);
        len += n;
      }
      subscription.request(1);
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(new Body(java.util.Arrays.copyOf(buf, len), null));
    }
  }
}
