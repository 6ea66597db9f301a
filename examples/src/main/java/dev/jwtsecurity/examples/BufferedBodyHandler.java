package dev.jwtsecurity.examples;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request body completely, without a thread, before the application sees the request: a
 * client trickling its body one byte at a time holds a connection and a few bytes of memory, never
 * a thread, and is answered 408 when the whole body has not arrived within the deadline.
 *
 * <pre>{@code
 * server.setHandler(new BufferedBodyHandler(context, 16 * 1024, Duration.ofSeconds(10)));
 * }</pre>
 *
 * <p>The deadline runs from the moment the request's headers were read and covers the whole body,
 * so it is also the minimum data rate: a body of {@code maxBytes} must arrive at {@code maxBytes /
 * deadline} bytes per second at least (Jetty's idle timeout alone would let a client send one byte
 * every idle-timeout-minus-one seconds for ever). A declared {@code Content-Length} above {@code
 * maxBytes} is refused with 413 before anything is read; a chunked body is refused as soon as it
 * exceeds {@code maxBytes}. The servlets then read from memory: a body read never blocks, never
 * times out, and never answers 500.
 */
final class BufferedBodyHandler extends Handler.Wrapper {

  private final int maxBytes;
  private final Duration deadline;

  BufferedBodyHandler(Handler next, int maxBytes, Duration deadline) {
    super(next);
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be at least 1");
    }
    if (Objects.requireNonNull(deadline, "deadline").isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("the body deadline must be positive");
    }
    this.maxBytes = maxBytes;
    this.deadline = deadline;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    HttpFields headers = request.getHeaders();
    long declared = headers.getLongField(HttpHeader.CONTENT_LENGTH);
    boolean chunked = headers.contains(HttpHeader.TRANSFER_ENCODING);
    if (!chunked && declared <= 0) {
      return super.handle(request, response, callback);
    }
    if (!chunked && declared > maxBytes) {
      Response.writeError(request, response, callback, 413);
      return true;
    }
    new Loader(request, response, callback).run();
    return true;
  }

  /** Reads the body chunk by chunk as it arrives; whoever finishes first answers. */
  private final class Loader implements Runnable {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final AtomicBoolean decided = new AtomicBoolean();
    private final Scheduler.Task timer;
    private byte[] body = new byte[256];
    private int size;

    Loader(Request request, Response response, Callback callback) {
      this.request = request;
      this.response = response;
      this.callback = callback;
      this.timer =
          request
              .getComponents()
              .getScheduler()
              .schedule(this::expire, deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads what is there, then asks to be called again when more arrives. */
    @Override
    public void run() {
      while (!decided.get()) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          request.demand(this);
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          // The client went away or the connection's idle timeout struck mid-body.
          refuse(408);
          return;
        }
        try {
          ByteBuffer bytes = chunk.getByteBuffer();
          int n = bytes.remaining();
          if (n > maxBytes - size) {
            refuse(413);
            return;
          }
          if (size + n > body.length) {
            body = Arrays.copyOf(body, Math.min(maxBytes, Math.max(size + n, 2 * size)));
          }
          bytes.get(body, size, n);
          size += n;
          if (chunk.isLast()) {
            dispatch();
            return;
          }
        } finally {
          chunk.release();
        }
      }
    }

    private void expire() {
      refuse(408);
    }

    private void refuse(int status) {
      if (decided.compareAndSet(false, true)) {
        timer.cancel();
        Response.writeError(request, response, callback, status);
      }
    }

    private void dispatch() {
      if (!decided.compareAndSet(false, true)) {
        return;
      }
      timer.cancel();
      Request buffered = new BufferedRequest(request, ByteBuffer.wrap(body, 0, size));
      try {
        if (!getHandler().handle(buffered, response, callback)) {
          Response.writeError(buffered, response, callback, 404);
        }
      } catch (Throwable t) {
        Response.writeError(buffered, response, callback, t);
      }
    }
  }

  /** The request with its body served from memory; the connection's own content is at its end. */
  private static final class BufferedRequest extends Request.Wrapper {
    private Content.Chunk body;

    BufferedRequest(Request wrapped, ByteBuffer body) {
      super(wrapped);
      this.body = Content.Chunk.from(body, false);
    }

    @Override
    public Content.Chunk read() {
      synchronized (this) {
        Content.Chunk c = body;
        if (c != null) {
          body = null;
          return c;
        }
      }
      return super.read();
    }
  }
}
