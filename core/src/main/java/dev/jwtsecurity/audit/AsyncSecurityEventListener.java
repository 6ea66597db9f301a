package dev.jwtsecurity.audit;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands events to a slow listener (a database-backed sink, a remote SIEM) on one background thread,
 * through a bounded queue, so a request never waits for it. When the queue is full the event is
 * <strong>dropped and counted</strong> ({@link #droppedCount()}), never blocking the caller.
 *
 * <pre>{@code
 * AsyncSecurityEventListener async = AsyncSecurityEventListener.builder(siemSink).capacity(10_000).build();
 * SecurityEventListener events = SecurityEventListener.all(Slf4jSecurityEventLog.create(), monitor, async);
 * // at shutdown:
 * async.close();
 * }</pre>
 *
 * <h2>Security considerations</h2>
 *
 * <p>Under a flood, events beyond the queue's capacity are lost to the slow sink: keep a
 * synchronous, fast listener (the slf4j log, whose appender may itself be asynchronous) and the
 * {@link FailureMonitor} in front of this one, and watch {@link #droppedCount()}. Events still
 * queued at {@link #close(Duration)} are delivered until the timeout, then dropped and counted. The
 * worker thread is a daemon by default.
 */
public final class AsyncSecurityEventListener implements SecurityEventListener, AutoCloseable {

  /** The default queue capacity, in events. */
  public static final int DEFAULT_CAPACITY = 10_000;

  /** The largest queue capacity accepted. */
  public static final int MAX_CAPACITY = 1_000_000;

  private final SecurityEventListener delegate;
  private final BlockingQueue<SecurityEvent> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final Thread worker;
  private volatile boolean closed;

  private AsyncSecurityEventListener(Builder b) {
    this.delegate = b.delegate;
    this.queue = new ArrayBlockingQueue<>(b.capacity);
    this.worker = b.threadFactory.newThread(this::drain);
    worker.start();
  }

  /**
   * Returns a builder for a listener that delivers to {@code delegate}.
   *
   * @param delegate the slow listener
   * @return a new builder
   * @throws NullPointerException if {@code delegate} is {@code null}
   */
  public static Builder builder(SecurityEventListener delegate) {
    return new Builder(delegate);
  }

  /**
   * Queues {@code event}, or drops and counts it when the queue is full or the listener closed;
   * never blocks.
   */
  @Override
  public void onEvent(SecurityEvent event) {
    if (closed || !queue.offer(event)) {
      dropped.incrementAndGet();
    }
  }

  /**
   * Returns how many events were dropped (queue full, or after close).
   *
   * @return the count since creation
   */
  public long droppedCount() {
    return dropped.get();
  }

  /**
   * Returns how many events wait for delivery.
   *
   * @return the queue length
   */
  public int pending() {
    return queue.size();
  }

  /** Stops accepting events and delivers those queued, waiting at most 5 seconds. */
  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  /**
   * Stops accepting events, delivers those queued for at most {@code timeout}, then stops the
   * worker; what is left is dropped and counted.
   *
   * @param timeout how long to wait for the queue to drain
   * @throws NullPointerException if {@code timeout} is {@code null}
   */
  public void close(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    closed = true;
    try {
      worker.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (worker.isAlive()) {
      worker.interrupt();
    }
    dropped.addAndGet(queue.size());
    queue.clear();
  }

  private void drain() {
    while (!closed || !queue.isEmpty()) {
      SecurityEvent event;
      try {
        event = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (event != null) {
        SecurityEventListener.deliver(delegate, event);
      }
    }
  }

  /** Builds an {@link AsyncSecurityEventListener}. Not thread-safe. */
  public static final class Builder {
    private final SecurityEventListener delegate;
    private int capacity = DEFAULT_CAPACITY;
    private ThreadFactory threadFactory =
        r -> {
          Thread t = new Thread(r, "jwt-security-events");
          t.setDaemon(true);
          return t;
        };

    private Builder(SecurityEventListener delegate) {
      this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /**
     * Sets the queue capacity; default {@value #DEFAULT_CAPACITY}.
     *
     * @param capacity the most queued events, 1 to {@value #MAX_CAPACITY}
     * @return this builder
     * @throws IllegalArgumentException if {@code capacity} is out of range
     */
    public Builder capacity(int capacity) {
      if (capacity < 1 || capacity > MAX_CAPACITY) {
        throw new IllegalArgumentException(
            "capacity must be between 1 and " + MAX_CAPACITY + ", was " + capacity);
      }
      this.capacity = capacity;
      return this;
    }

    /**
     * Sets the factory of the one worker thread; default a daemon thread named {@code
     * jwt-security-events}.
     *
     * @param threadFactory the factory
     * @return this builder
     * @throws NullPointerException if {@code threadFactory} is {@code null}
     */
    public Builder threadFactory(ThreadFactory threadFactory) {
      this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
      return this;
    }

    /**
     * Returns the listener and starts its worker thread.
     *
     * @return a running, thread-safe listener
     */
    public AsyncSecurityEventListener build() {
      return new AsyncSecurityEventListener(this);
    }
  }
}
