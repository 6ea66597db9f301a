package dev.jwtsecurity.password;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Runs the hash computations of one {@link PasswordHasher} within its memory budget: each caller
 * waits up to the busy timeout for a worker slot and its memory cost in budget, then the
 * computation runs on one of at most {@code maxConcurrent} owned {@link HashWorkers} threads while
 * the caller blocks for the result.
 *
 * <p>Why owned threads: glibc caches a freed Argon2 block in the malloc arena of the thread that
 * freed it, so computing on many distinct request threads would keep one block resident per thread
 * although only a few ran at once; on {@code maxConcurrent} owned threads at most that many blocks
 * stay cached, and {@link NativeMemory} hands them back to the OS after each computation.
 *
 * <p>The worker gets its own copy of the password bytes, wiped when it is done. An interrupted
 * caller gets "busy" with its interrupt flag restored; work not yet started is skipped, and a
 * result computed after the caller gave up is wiped.
 */
final class HashScheduler {

  /** One computation over the worker's own copy of the password. */
  @FunctionalInterface
  interface Computation<R> {
    R apply(byte[] password);
  }

  private final Semaphore budget;
  private final Semaphore slots;
  private final HashWorkers workers;
  private final LongSupplier ticker;
  private final int budgetKiB;
  private final long busyTimeoutNanos;
  private final AtomicLong computations = new AtomicLong();

  HashScheduler(int budgetKiB, int maxConcurrent, long busyTimeoutNanos, LongSupplier ticker) {
    this.budgetKiB = budgetKiB;
    this.budget = new Semaphore(budgetKiB, true);
    this.slots = new Semaphore(maxConcurrent, true);
    this.workers = new HashWorkers(maxConcurrent);
    this.busyTimeoutNanos = busyTimeoutNanos;
    this.ticker = ticker;
  }

  /** How many computations ran: what tests count to prove that every login costs the same. */
  long computations() {
    return computations.get();
  }

  /**
   * Runs {@code computation} with {@code kib} of budget on a worker and blocks until its result is
   * ready.
   *
   * @return the result; {@code null} when the wait timed out or the caller was interrupted
   */
  <R> R run(int kib, byte[] password, Computation<R> computation) {
    int weight = Math.min(kib, budgetKiB);
    if (!admit(weight)) {
      return null;
    }
    Job<R> job = new Job<>(weight, password.clone(), computation);
    try {
      workers.execute(job);
    } catch (RuntimeException | Error e) {
      job.abandon(); // never queued: release the slot and budget, wipe the copy
      throw e;
    }
    return job.await();
  }

  /**
   * Takes a worker slot and budget, in that order (one order for every caller: no deadlock), within
   * the timeout.
   */
  private boolean admit(int weight) {
    long start = ticker.getAsLong(); // an interval only, never wall time
    boolean slot = false;
    try {
      slot = slots.tryAcquire(busyTimeoutNanos, TimeUnit.NANOSECONDS);
      if (slot) {
        long left = Math.max(0, busyTimeoutNanos - (ticker.getAsLong() - start));
        if (budget.tryAcquire(weight, left, TimeUnit.NANOSECONDS)) {
          return true;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (slot) {
      slots.release();
    }
    return false;
  }

  private void release(int weight) {
    budget.release(weight);
    slots.release();
  }

  /**
   * One computation handed to a worker. States: PENDING (queued) -> RUNNING (a worker owns it) ->
   * DONE; or ABANDONED when the caller gives up: if still PENDING the worker skips it and the
   * caller releases its slot and budget; if RUNNING the worker finishes, releases, and wipes the
   * unused result.
   */
  private final class Job<R> implements Runnable {
    private static final int PENDING = 0;
    private static final int RUNNING = 1;
    private static final int DONE = 2;
    private static final int ABANDONED = 3;

    private final int weight;
    private final byte[] password; // the worker's own copy, wiped by whoever ends the job
    private final Computation<R> computation;
    private int state = PENDING; // guarded by this
    private R result; // guarded by this
    private Throwable failure; // guarded by this

    Job(int weight, byte[] password, Computation<R> computation) {
      this.weight = weight;
      this.password = password;
      this.computation = computation;
    }

    @Override
    public void run() {
      synchronized (this) {
        if (state != PENDING) {
          return; // the caller gave up before a worker was free: never run work nobody waits for
        }
        state = RUNNING;
      }
      R r = null;
      Throwable f = null;
      try {
        computations.incrementAndGet();
        r = computation.apply(password);
      } catch (RuntimeException | Error e) {
        f = e;
      } finally {
        PasswordBytes.wipe(password);
        release(weight);
      }
      synchronized (this) {
        if (state == ABANDONED) {
          discard(r);
          return;
        }
        result = r;
        failure = f;
        state = DONE;
        notifyAll();
      }
    }

    /** Blocks until done; {@code null} (interrupt flag restored) if interrupted first. */
    R await() {
      synchronized (this) {
        while (state != DONE) {
          try {
            wait();
          } catch (InterruptedException e) {
            abandon();
            Thread.currentThread().interrupt();
            return null;
          }
        }
        if (failure instanceof RuntimeException re) {
          throw re;
        }
        if (failure instanceof Error err) {
          throw err;
        }
        return result;
      }
    }

    synchronized void abandon() {
      if (state == PENDING) {
        PasswordBytes.wipe(password);
        release(weight);
      }
      state = ABANDONED;
    }

    private void discard(R r) {
      if (r instanceof byte[] b) {
        PasswordBytes.wipe(b);
      }
    }
  }
}
