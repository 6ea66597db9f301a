package dev.jwtsecurity.password;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A small pool of at most {@code max} daemon threads, created only when no idle one exists, that
 * run the hash computations of one {@link PasswordHasher}. Not API.
 *
 * <p>Why not a {@code ThreadPoolExecutor}: with {@code core = max = N} it starts a new thread for
 * every submission until N exist, even while others are idle, so a hasher with cheap test
 * parameters (N in the thousands) would start thousands of threads. Here a thread is started only
 * when every existing one is busy.
 *
 * <p>glibc gives each thread that allocates a malloc arena and keeps freed Argon2 blocks cached in
 * it; running every computation on at most N threads bounds the process's retained native memory to
 * about N blocks, which is what the memory budget promises. Idle threads exit after {@link
 * #KEEP_ALIVE_SECONDS}, so an abandoned hasher costs no threads (glibc hands the arena of an exited
 * thread to the next new one, so the bound holds across restarts).
 */
final class HashWorkers {

  static final long KEEP_ALIVE_SECONDS = 60;

  private final int max;
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>(); // guarded by lock
  private final ArrayDeque<Worker> idle = new ArrayDeque<>(); // guarded by lock
  private int threads; // guarded by lock
  private int started; // guarded by lock; for thread names

  HashWorkers(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be positive");
    }
    this.max = max;
  }

  /**
   * Runs {@code task} on a worker. Callers hold one of at most {@code max} admission slots, so the
   * queue holds at most {@code max} tasks (it is only used in the short window where a worker has
   * released its slot but not yet taken new work).
   *
   * @throws RejectedExecutionException if more than {@code max} tasks are queued (a caller bypassed
   *     admission)
   */
  void execute(Runnable task) {
    lock.lock();
    try {
      Worker w = idle.pollFirst();
      if (w != null) {
        w.next = task;
        w.wake.signal();
        return;
      }
      if (threads < max) {
        threads++;
        started++;
        Worker nw = new Worker(task);
        Thread t = new Thread(nw, "jwt-security-argon2-" + started);
        t.setDaemon(true);
        try {
          t.start();
        } catch (Error e) { // OutOfMemoryError "unable to create native thread"
          threads--;
          throw e;
        }
        return;
      }
      if (queue.size() >= max) {
        throw new RejectedExecutionException("hash worker queue full");
      }
      queue.addLast(task);
    } finally {
      lock.unlock();
    }
  }

  /** How many worker threads are alive now; for tests. */
  int threads() {
    lock.lock();
    try {
      return threads;
    } finally {
      lock.unlock();
    }
  }

  private final class Worker implements Runnable {
    final Condition wake = lock.newCondition();
    Runnable next; // guarded by lock

    Worker(Runnable first) {
      this.next = first;
    }

    @Override
    public void run() {
      Runnable task;
      lock.lock();
      try {
        task = next;
        next = null;
      } finally {
        lock.unlock();
      }
      while (task != null) {
        try {
          task.run();
        } catch (RuntimeException | Error e) {
          // Tasks catch everything themselves; this only keeps the worker alive on a bug.
        }
        task = take();
      }
    }

    /**
     * The next task, or {@code null} after {@link #KEEP_ALIVE_SECONDS} idle (the thread then
     * exits).
     */
    private Runnable take() {
      lock.lock();
      try {
        Runnable queued = queue.pollFirst();
        if (queued != null) {
          return queued;
        }
        idle.addFirst(this); // LIFO: the most recently used threads stay warm, the others time out
        long nanos = TimeUnit.SECONDS.toNanos(KEEP_ALIVE_SECONDS);
        while (next == null && nanos > 0) {
          try {
            nanos = wake.awaitNanos(nanos);
          } catch (InterruptedException e) {
            // Nobody else holds these private threads; treat an interrupt as a spurious wake-up and
            // keep waiting.
          }
        }
        Runnable t = next;
        next = null;
        if (t == null) {
          idle.remove(this);
          threads--;
        }
        return t;
      } finally {
        lock.unlock();
      }
    }
  }
}
