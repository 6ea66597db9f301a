package dev.jwtsecurity.audit;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener of {@link SecurityEventListener#async}: one daemon worker thread drains a bounded
 * queue into the slow delegate; when the queue is full an event is dropped and counted, never
 * blocking the caller, and the drops are reported on the library's log at most once a minute.
 */
final class AsyncSecurityEventListener implements SecurityEventListener {

  /** The default queue capacity, in events. */
  static final int DEFAULT_CAPACITY = 10_000;

  /** The largest queue capacity accepted. */
  static final int MAX_CAPACITY = 1_000_000;

  private static final Logger LOG = LoggerFactory.getLogger(AsyncSecurityEventListener.class);
  private static final long REPORT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final SecurityEventListener delegate;
  private final int capacity;
  private final LongSupplier ticker = System::nanoTime;
  // Touched by the worker only, and by close() after the worker has stopped.
  private long reported;
  private long lastReport = ticker.getAsLong() - REPORT_INTERVAL_NANOS;
  private final BlockingQueue<SecurityEvent> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final Thread worker;
  private volatile boolean closed;

  private AsyncSecurityEventListener(Builder b) {
    this.delegate = b.delegate;
    this.capacity = b.capacity;
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
  static Builder builder(SecurityEventListener delegate) {
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
  long droppedCount() {
    return dropped.get();
  }

  /**
   * Returns how many events wait for delivery.
   *
   * @return the queue length
   */
  int pending() {
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
  void close(Duration timeout) {
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
    if (!worker.isAlive()) {
      reportDrops(true);
    }
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
      reportDrops(false);
    }
  }

  /**
   * Says on the library's log how many events were lost since the last report, at most once a
   * minute (and once more at close), so a flood shows without a line per dropped event.
   */
  private void reportDrops(boolean closing) {
    long now = ticker.getAsLong();
    long total = dropped.get();
    if (total > reported && (closing || now - lastReport >= REPORT_INTERVAL_NANOS)) {
      LOG.warn(
          "{} security events were dropped because the asynchronous listener's queue of {} was"
              + " full (or the listener was closed); a slower sink than the event rate",
          total - reported,
          capacity);
      reported = total;
      lastReport = now;
    }
  }

  /** Builds an {@link AsyncSecurityEventListener}. Not thread-safe. */
  static final class Builder {
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
    Builder capacity(int capacity) {
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
    Builder threadFactory(ThreadFactory threadFactory) {
      this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
      return this;
    }

    /**
     * Returns the listener and starts its worker thread.
     *
     * @return a running, thread-safe listener
     */
    AsyncSecurityEventListener build() {
      return new AsyncSecurityEventListener(this);
    }
  }
}
