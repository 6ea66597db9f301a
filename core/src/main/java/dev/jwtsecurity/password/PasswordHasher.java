package dev.jwtsecurity.password;

import dev.jwtsecurity.crypto.ConstantTime;
import java.nio.CharBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Hashes passwords with Argon2id into standard PHC strings and verifies stored hashes, with bounded
 * memory and cost.
 *
 * <pre>{@code
 * PasswordHasher hasher = PasswordHasher.builder().build();     // Argon2id m=19456 t=2 p=1 (OWASP)
 * String phc = hasher.hash(password);                          // $argon2id$v=19$m=19456,t=2,p=1$salt$hash
 * PasswordVerification v = hasher.verify(password, phc);
 * if (v.matches() && v.needsRehash()) { users.updateHash(id, hasher.hash(password)); }
 * }</pre>
 *
 * <p>New hashes are always Argon2id version 19 ({@link Argon2Parameters#DEFAULT}, or stronger
 * parameters given to the builder), written as {@code $argon2id$v=19$m=..,t=..,p=..$<salt>$<hash>}
 * with unpadded standard base64: the format of the reference {@code argon2} command, libsodium,
 * argon2-cffi and Spring Security's {@code Argon2PasswordEncoder}, so hashes move freely between
 * them.
 *
 * <p>Verification accepts any valid Argon2 PHC string (argon2id, argon2i, argon2d; {@code v=19},
 * {@code v=16}, and the legacy form without {@code v=} meaning 16) and, for migration, the hashes
 * of earlier systems that {@link PasswordMigration} lists: bcrypt, PBKDF2 and scrypt in Django's
 * and Spring Security's formats, and Spring's {@code {id}} prefixes. Such a hash always reports
 * {@link PasswordVerification#needsRehash()} on a match, so every user is upgraded to Argon2id at
 * the next login; one below the migration cost floor is refused. Plain text and fast digests (MD5,
 * SHA-*, {@code {noop}}, ...) are never accepted ({@link
 * PasswordVerification.Status#INSECURE_SCHEME}).
 *
 * <p>The Argon2 computation is the reference C implementation (argon2-jvm) unless another {@link
 * Argon2Engine} is chosen or argon2-jvm is absent (see {@link Argon2Engine}).
 *
 * <h2>Security considerations</h2>
 *
 * <ul>
 *   <li><b>Input limits.</b> An empty password is refused. A password longer than {@value
 *       #MAX_PASSWORD_CHARS} chars ({@code char[]}/{@code CharSequence}) or {@value
 *       #MAX_PASSWORD_BYTES} bytes ({@code byte[]}) is refused before any work, so huge inputs
 *       cannot burn CPU.
 *   <li><b>No Unicode normalisation.</b> Passwords are hashed as their exact UTF-8 bytes, as every
 *       interoperable implementation does; the NFC and NFD spellings of "é" are different
 *       passwords. Normalising here would break hashes made elsewhere and would need an unwipeable
 *       {@link String} copy. Applications that want NIST SP 800-63B §5.1.1.2 normalisation must
 *       apply it identically at registration and login.
 *   <li><b>Wiping.</b> Internal copies of the password are zeroed after use. The caller's {@code
 *       char[]} or {@code byte[]} is never modified: wipe it yourself when done. The {@link
 *       CharSequence} overloads are a convenience; a {@link String} cannot be wiped.
 *   <li><b>Tampered hashes.</b> A stored hash whose parameters exceed the {@link HashLimits} is
 *       refused without computing ({@link PasswordVerification.Status#PARAMETERS_EXCEED_LIMITS}); a
 *       malformed one gets {@link PasswordVerification.Status#MALFORMED_HASH}. Neither throws.
 *   <li><b>Bounded concurrency.</b> Each computation reserves its memory cost from a budget
 *       (default {@value #DEFAULT_MEMORY_BUDGET_KIB} KiB = 256 MiB of native memory), so at most
 *       {@link #maxConcurrentHashes()} {@code = budget / m} run at once; callers beyond that wait
 *       up to the busy timeout (default 2 s) and then get {@link PasswordVerification.Status#BUSY}
 *       or {@link PasswordHashingException.Reason#BUSY}.
 *   <li><b>The budget bounds resident memory, not only concurrency.</b> Every computation (Argon2
 *       hash, verify, dummy verify, and bcrypt) runs on one of at most {@link
 *       #maxConcurrentHashes()} daemon threads owned by this hasher (named {@code
 *       jwt-security-argon2-N}), never on the request thread. glibc caches a freed Argon2 block in
 *       the malloc arena of the thread that freed it, so computing on 100 distinct request threads
 *       would keep up to 100 blocks resident although only N ran at once; on N owned threads at
 *       most N blocks stay cached, and after each Argon2 computation glibc's {@code malloc_trim}
 *       hands the freed block back to the OS (on Linux with glibc; elsewhere nothing is trimmed).
 *       The caller blocks until its result is ready; an interrupted caller gets BUSY with its
 *       interrupt flag restored, work not yet started is skipped and a result computed after that
 *       is wiped. The worker gets its own copy of the password bytes, wiped when the worker is
 *       done. Threads start only when every existing one is busy and exit after a minute idle, so
 *       there is nothing to close: an unused hasher holds no threads.
 *   <li><b>Unknown users.</b> {@link #verifyDummy} does the same work as a verification against a
 *       hash with the current parameters, so an unknown user costs the same as a wrong password.
 *       bcrypt hashes cost what their cost factor says; migrate them promptly.
 * </ul>
 */
public final class PasswordHasher {

  /** The longest password accepted as chars. */
  public static final int MAX_PASSWORD_CHARS = 1024;

  /** The longest password accepted as bytes (UTF-8 of {@value #MAX_PASSWORD_CHARS} chars fits). */
  public static final int MAX_PASSWORD_BYTES = 4096;

  /** The default memory budget shared by all concurrent computations, in KiB (256 MiB). */
  public static final int DEFAULT_MEMORY_BUDGET_KIB = 262_144;

  /** The default longest wait for memory budget. */
  public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(2);

  /**
   * bcrypt needs about 4 KiB, but costs CPU: it reserves this much budget so bcrypt storms are
   * bounded too.
   */
  static final int BCRYPT_BUDGET_KIB = 4096;

  private final Argon2Parameters parameters;
  private final HashLimits limits;
  private final PasswordMigration migration;
  private final SecureRandom random;
  private final HashEngine engine;
  private final Semaphore budget;
  private final Semaphore slots;
  private final HashWorkers workers;
  private final LongSupplier ticker;
  private final int budgetKiB;
  private final long busyTimeoutNanos;
  private final AtomicLong computations = new AtomicLong();
  private final byte[] dummySalt;

  private PasswordHasher(Builder b) {
    this.parameters = b.parameters;
    this.limits = b.limits;
    this.migration = b.migration;
    this.random = b.random;
    this.engine = b.engine;
    this.budgetKiB = b.memoryBudgetKiB;
    this.budget = new Semaphore(b.memoryBudgetKiB, true);
    int n = maxConcurrentHashes();
    this.slots = new Semaphore(n, true);
    this.workers = new HashWorkers(n);
    this.ticker = b.ticker;
    this.busyTimeoutNanos = b.busyTimeout.toNanos();
    this.dummySalt = new byte[parameters.saltLength()];
    random.nextBytes(dummySalt);
  }

  /**
   * Returns a builder with the safe defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the parameters new hashes are made with.
   *
   * @return the current policy
   */
  public Argon2Parameters parameters() {
    return parameters;
  }

  /**
   * Returns the limits stored hashes must stay within.
   *
   * @return the limits
   */
  public HashLimits limits() {
    return limits;
  }

  /**
   * Returns how many hash computations (Argon2 or bcrypt) this hasher has run: a monitoring
   * counter, and what tests count to prove uniform cost.
   *
   * @return the number of computations so far
   */
  public long hashComputations() {
    return computations.get();
  }

  /**
   * Returns how many computations with the current parameters can run at once within the memory
   * budget.
   *
   * @return {@code budget / memoryKiB}, at least 1
   */
  public int maxConcurrentHashes() {
    return Math.max(1, budgetKiB / parameters.memoryKiB());
  }

  /**
   * Hashes a password with the current parameters and a fresh salt.
   *
   * @param password the password; not modified (wipe it yourself)
   * @return a PHC string
   * @throws PasswordHashingException if the password is empty or too long, or the budget stayed
   *     exhausted
   * @throws NullPointerException if {@code password} is {@code null}
   */
  public String hash(char[] password) throws PasswordHashingException {
    Objects.requireNonNull(password, "password");
    checkHashInput(password.length, MAX_PASSWORD_CHARS);
    byte[] bytes = PasswordBytes.utf8(CharBuffer.wrap(password));
    try {
      return hashBytes(bytes);
    } finally {
      PasswordBytes.wipe(bytes);
    }
  }

  /**
   * Hashes a password given as text; see {@link #hash(char[])}. A {@link String} cannot be wiped:
   * prefer {@code char[]}.
   *
   * @param password the password
   * @return a PHC string
   * @throws PasswordHashingException if the password is empty or too long, or the budget stayed
   *     exhausted
   * @throws NullPointerException if {@code password} is {@code null}
   */
  public String hash(CharSequence password) throws PasswordHashingException {
    Objects.requireNonNull(password, "password");
    checkHashInput(password.length(), MAX_PASSWORD_CHARS);
    byte[] bytes = PasswordBytes.utf8(password);
    try {
      return hashBytes(bytes);
    } finally {
      PasswordBytes.wipe(bytes);
    }
  }

  /**
   * Hashes a password given as exact bytes (UTF-8 recommended), such as read from a file or stdin.
   *
   * @param password the password bytes; not modified
   * @return a PHC string
   * @throws PasswordHashingException if the password is empty or longer than {@value
   *     #MAX_PASSWORD_BYTES} bytes, or the budget stayed exhausted
   * @throws NullPointerException if {@code password} is {@code null}
   */
  public String hash(byte[] password) throws PasswordHashingException {
    Objects.requireNonNull(password, "password");
    checkHashInput(password.length, MAX_PASSWORD_BYTES);
    byte[] copy = password.clone();
    try {
      return hashBytes(copy);
    } finally {
      PasswordBytes.wipe(copy);
    }
  }

  /** Test seam: hash with a given salt (RFC and interoperability vectors). */
  String hashWithSalt(byte[] password, byte[] salt) throws PasswordHashingException {
    checkHashInput(password.length, MAX_PASSWORD_BYTES);
    Argon2Parameters p =
        new Argon2Parameters(
            parameters.variant(),
            parameters.version(),
            parameters.memoryKiB(),
            parameters.iterations(),
            parameters.parallelism(),
            salt.length,
            parameters.hashLength());
    byte[] tag = compute(p, password, salt);
    if (tag == null) {
      throw new PasswordHashingException(PasswordHashingException.Reason.BUSY);
    }
    return StoredHash.phc(p, salt, tag);
  }

  private String hashBytes(byte[] password) throws PasswordHashingException {
    byte[] salt = new byte[parameters.saltLength()];
    random.nextBytes(salt);
    byte[] tag = compute(parameters, password, salt);
    if (tag == null) {
      throw new PasswordHashingException(PasswordHashingException.Reason.BUSY);
    }
    return StoredHash.phc(parameters, salt, tag);
  }

  private static void checkHashInput(int length, int max) throws PasswordHashingException {
    if (length == 0) {
      throw new PasswordHashingException(PasswordHashingException.Reason.EMPTY);
    }
    if (length > max) {
      throw new PasswordHashingException(PasswordHashingException.Reason.TOO_LONG);
    }
  }

  /**
   * Verifies a password against a stored hash.
   *
   * @param password the password; not modified (wipe it yourself)
   * @param storedHash the stored PHC string or bcrypt hash; any text, including {@code null}
   * @return the outcome; never throws on a bad password or hash
   * @throws NullPointerException if {@code password} is {@code null}
   */
  public PasswordVerification verify(char[] password, String storedHash) {
    Objects.requireNonNull(password, "password");
    PasswordVerification.Status problem = inputProblem(password.length, MAX_PASSWORD_CHARS);
    if (problem != null) {
      return PasswordVerification.of(problem);
    }
    byte[] bytes = PasswordBytes.utf8(CharBuffer.wrap(password));
    try {
      return verifyBytes(bytes, storedHash);
    } finally {
      PasswordBytes.wipe(bytes);
    }
  }

  /**
   * Verifies a password given as text; see {@link #verify(char[], String)}.
   *
   * @param password the password
   * @param storedHash the stored hash
   * @return the outcome
   * @throws NullPointerException if {@code password} is {@code null}
   */
  public PasswordVerification verify(CharSequence password, String storedHash) {
    Objects.requireNonNull(password, "password");
    PasswordVerification.Status problem = inputProblem(password.length(), MAX_PASSWORD_CHARS);
    if (problem != null) {
      return PasswordVerification.of(problem);
    }
    byte[] bytes = PasswordBytes.utf8(password);
    try {
      return verifyBytes(bytes, storedHash);
    } finally {
      PasswordBytes.wipe(bytes);
    }
  }

  /**
   * Verifies a password given as exact bytes; see {@link #verify(char[], String)}.
   *
   * @param password the password bytes; not modified
   * @param storedHash the stored hash
   * @return the outcome
   * @throws NullPointerException if {@code password} is {@code null}
   */
  public PasswordVerification verify(byte[] password, String storedHash) {
    Objects.requireNonNull(password, "password");
    PasswordVerification.Status problem = inputProblem(password.length, MAX_PASSWORD_BYTES);
    if (problem != null) {
      return PasswordVerification.of(problem);
    }
    byte[] copy = password.clone();
    try {
      return verifyBytes(copy, storedHash);
    } finally {
      PasswordBytes.wipe(copy);
    }
  }

  /**
   * Does the work of a verification against a hash with the current parameters, for a user who does
   * not exist (or whose stored hash is unusable), so that the answer takes as long as for a wrong
   * password. Never matches.
   *
   * @param password the presented password; not modified
   * @return {@link PasswordVerification.Status#MISMATCH}, or the same input or busy status {@link
   *     #verify(char[], String)} would give
   * @throws NullPointerException if {@code password} is {@code null}
   */
  public PasswordVerification verifyDummy(char[] password) {
    Objects.requireNonNull(password, "password");
    PasswordVerification.Status problem = inputProblem(password.length, MAX_PASSWORD_CHARS);
    if (problem != null) {
      return PasswordVerification.of(problem);
    }
    byte[] bytes = PasswordBytes.utf8(CharBuffer.wrap(password));
    try {
      return dummy(bytes);
    } finally {
      PasswordBytes.wipe(bytes);
    }
  }

  /**
   * Text convenience for {@link #verifyDummy(char[])}.
   *
   * @param password the presented password
   * @return as {@link #verifyDummy(char[])}
   * @throws NullPointerException if {@code password} is {@code null}
   */
  public PasswordVerification verifyDummy(CharSequence password) {
    Objects.requireNonNull(password, "password");
    PasswordVerification.Status problem = inputProblem(password.length(), MAX_PASSWORD_CHARS);
    if (problem != null) {
      return PasswordVerification.of(problem);
    }
    byte[] bytes = PasswordBytes.utf8(password);
    try {
      return dummy(bytes);
    } finally {
      PasswordBytes.wipe(bytes);
    }
  }

  private PasswordVerification dummy(byte[] password) {
    byte[] tag = compute(parameters, password, dummySalt);
    if (tag == null) {
      return PasswordVerification.of(PasswordVerification.Status.BUSY);
    }
    // Compare like a real verification would, then discard: the dummy never matches.
    ConstantTime.equals(tag, dummySalt);
    PasswordBytes.wipe(tag);
    return PasswordVerification.of(PasswordVerification.Status.MISMATCH);
  }

  /**
   * Returns whether a stored hash should be replaced by a new hash with the current parameters:
   * true for every bcrypt, PBKDF2 or scrypt hash, and for an Argon2 hash whose variant, version,
   * memory, iterations, parallelism, salt length or hash length is below the current parameters. A
   * malformed or unsupported hash also returns {@code true} (it cannot be kept), but {@link
   * #verify} never matches it.
   *
   * @param storedHash the stored hash
   * @return whether to rehash after the next successful verification
   */
  public boolean needsRehash(String storedHash) {
    StoredHash h = StoredHash.parse(storedHash, migration);
    return h.kind != StoredHash.Kind.ARGON2 || h.parameters.isBelow(parameters);
  }

  private static PasswordVerification.Status inputProblem(int length, int max) {
    if (length == 0) {
      return PasswordVerification.Status.PASSWORD_EMPTY;
    }
    if (length > max) {
      return PasswordVerification.Status.PASSWORD_TOO_LONG;
    }
    return null;
  }

  private PasswordVerification verifyBytes(byte[] password, String storedHash) {
    StoredHash h = StoredHash.parse(storedHash, migration);
    switch (h.kind) {
      case INVALID -> {
        return PasswordVerification.of(h.problem);
      }
      case PBKDF2, SCRYPT -> {
        return verifyLegacy(password, h);
      }
      case BCRYPT -> {
        if (h.bcryptCost > limits.maxBcryptCost()) {
          return PasswordVerification.of(PasswordVerification.Status.PARAMETERS_EXCEED_LIMITS);
        }
        if (h.bcryptCost < migration.minBcryptCost) {
          return PasswordVerification.of(PasswordVerification.Status.PARAMETERS_BELOW_FLOOR);
        }
        Boolean ok = run(BCRYPT_BUDGET_KIB, password, pw -> engine.bcrypt(pw, h.bcryptText));
        if (ok == null) {
          return PasswordVerification.of(PasswordVerification.Status.BUSY);
        }
        // A bcrypt match always needs a rehash: the migration to Argon2id.
        return ok
            ? new PasswordVerification(PasswordVerification.Status.MATCH, true)
            : PasswordVerification.of(PasswordVerification.Status.MISMATCH);
      }
      case ARGON2 -> {
        if (!limits.allows(h.parameters)) {
          return PasswordVerification.of(PasswordVerification.Status.PARAMETERS_EXCEED_LIMITS);
        }
        byte[] tag = compute(h.parameters, password, h.salt);
        if (tag == null) {
          return PasswordVerification.of(PasswordVerification.Status.BUSY);
        }
        boolean ok = ConstantTime.equals(tag, h.hash);
        PasswordBytes.wipe(tag);
        return ok
            ? new PasswordVerification(
                PasswordVerification.Status.MATCH, h.parameters.isBelow(parameters))
            : PasswordVerification.of(PasswordVerification.Status.MISMATCH);
      }
    }
    throw new AssertionError(h.kind);
  }

  /**
   * PBKDF2 and scrypt hashes of earlier systems: caps first (nothing computed beyond them), then
   * floors, then one computation on the workers like any other. A match always needs a rehash.
   */
  private PasswordVerification verifyLegacy(byte[] password, StoredHash h) {
    int kib;
    Computation<byte[]> derive;
    if (h.kind == StoredHash.Kind.PBKDF2) {
      if (h.iterations > migration.maxPbkdf2Iterations) {
        return PasswordVerification.of(PasswordVerification.Status.PARAMETERS_EXCEED_LIMITS);
      }
      if (h.iterations < migration.minPbkdf2Iterations) {
        return PasswordVerification.of(PasswordVerification.Status.PARAMETERS_BELOW_FLOOR);
      }
      // CPU only, like bcrypt: reserve the same share of the budget so a storm stays bounded.
      kib = BCRYPT_BUDGET_KIB;
      derive = pw -> LegacyKdf.pbkdf2(h.prf, pw, h.salt, h.iterations, h.hash.length);
    } else {
      long memory = h.scryptMemoryKiB();
      if (memory > limits.maxMemoryKiB() || h.parallelism > migration.maxScryptParallelism) {
        return PasswordVerification.of(PasswordVerification.Status.PARAMETERS_EXCEED_LIMITS);
      }
      if (memory < migration.minScryptMemoryKiB) {
        return PasswordVerification.of(PasswordVerification.Status.PARAMETERS_BELOW_FLOOR);
      }
      kib = (int) memory;
      derive =
          pw ->
              LegacyKdf.scrypt(pw, h.salt, h.iterations, h.blockSize, h.parallelism, h.hash.length);
    }
    byte[] derived = run(kib, password, derive);
    if (derived == null) {
      return PasswordVerification.of(PasswordVerification.Status.BUSY);
    }
    boolean ok = ConstantTime.equals(derived, h.hash);
    PasswordBytes.wipe(derived);
    return ok
        ? new PasswordVerification(PasswordVerification.Status.MATCH, true)
        : PasswordVerification.of(PasswordVerification.Status.MISMATCH);
  }

  /**
   * Runs one Argon2 computation within the memory budget; {@code null} when busy or interrupted.
   */
  private byte[] compute(Argon2Parameters p, byte[] password, byte[] salt) {
    return run(p.memoryKiB(), password, pw -> engine.argon2(p, pw, salt));
  }

  /**
   * Runs one computation on this hasher's workers: waits up to the busy timeout for a worker slot
   * and {@code kib} of budget, hands the worker its own copy of {@code password}, and blocks until
   * the result is ready.
   *
   * @return the result; {@code null} when the wait timed out or the caller was interrupted (flag
   *     restored; a result computed after that is wiped and discarded, work not yet started is
   *     skipped)
   */
  private <R> R run(int kib, byte[] password, Computation<R> computation) {
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

  @FunctionalInterface
  private interface Computation<R> {
    R apply(byte[] password);
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

  /**
   * Builds a {@link PasswordHasher}. Defaults: {@link Argon2Parameters#DEFAULT}, {@link
   * HashLimits#DEFAULT}, a 256 MiB memory budget, a 2 s busy timeout, a new {@link SecureRandom}.
   * Not thread-safe.
   */
  public static final class Builder {
    private Argon2Parameters parameters = Argon2Parameters.DEFAULT;
    private boolean unsafeParameters;
    private HashLimits limits = HashLimits.DEFAULT;
    private PasswordMigration migration;
    private SecureRandom random;
    private HashEngine engine = null;
    private Argon2Engine argon2Engine = null;
    private int memoryBudgetKiB = DEFAULT_MEMORY_BUDGET_KIB;
    private Duration busyTimeout = DEFAULT_BUSY_TIMEOUT;
    private LongSupplier ticker = System::nanoTime;

    private Builder() {}

    /**
     * Sets the parameters for new hashes; they must meet the OWASP floor ({@link
     * Argon2Parameters#meetsOwaspFloor()}).
     *
     * @param parameters Argon2id parameters at least as strong as OWASP's
     * @return this builder
     * @throws NullPointerException if {@code parameters} is {@code null}
     * @throws IllegalArgumentException if they are below the OWASP floor (the message says the
     *     minimum)
     */
    public Builder parameters(Argon2Parameters parameters) {
      Objects.requireNonNull(parameters, "parameters");
      if (!parameters.meetsOwaspFloor()) {
        throw new IllegalArgumentException(
            "Argon2 parameters "
                + parameters
                + " are below the OWASP Password Storage Cheat Sheet floor: use Argon2id v=19 with memory >= 7168"
                + " KiB and memory * iterations >= 35840 (for example m=19456,t=2,p=1), salt >= 16 and hash >= 32"
                + " bytes");
      }
      this.parameters = parameters;
      this.unsafeParameters = false;
      return this;
    }

    /**
     * Sets parameters without the OWASP floor: for fast unit tests only, never in production.
     *
     * @param parameters any valid parameters
     * @return this builder
     * @throws NullPointerException if {@code parameters} is {@code null}
     */
    public Builder unsafeParametersForTesting(Argon2Parameters parameters) {
      this.parameters = Objects.requireNonNull(parameters, "parameters");
      this.unsafeParameters = true;
      return this;
    }

    /**
     * Sets the limits stored hashes must stay within; default {@link HashLimits#DEFAULT}.
     *
     * @param limits the limits
     * @return this builder
     * @throws NullPointerException if {@code limits} is {@code null}
     */
    public Builder limits(HashLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Sets which hashes of earlier systems are verified (and upgraded at the next login), and at
     * what cost they are refused; default {@link PasswordMigration#DEFAULT}.
     *
     * @param migration the migration policy
     * @return this builder
     * @throws NullPointerException if {@code migration} is {@code null}
     * @throws IllegalStateException if already set
     */
    public Builder migration(PasswordMigration migration) {
      Objects.requireNonNull(migration, "migration");
      if (this.migration != null) {
        throw new IllegalStateException(
            "the migration policy was already set to " + this.migration);
      }
      this.migration = migration;
      return this;
    }

    /**
     * Sets the source of salts; default a new {@link SecureRandom}.
     *
     * @param random the randomness
     * @return this builder
     * @throws NullPointerException if {@code random} is {@code null}
     */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Sets the memory all concurrent computations may use together, in KiB; default {@value
     * #DEFAULT_MEMORY_BUDGET_KIB}.
     *
     * @param kib the budget
     * @return this builder
     * @throws IllegalArgumentException if {@code kib} is not positive
     */
    public Builder memoryBudgetKiB(int kib) {
      if (kib < 1) {
        throw new IllegalArgumentException("memory budget must be positive, was " + kib);
      }
      this.memoryBudgetKiB = kib;
      return this;
    }

    /**
     * Sets how long a caller waits for memory budget before getting BUSY; default 2 s.
     *
     * @param timeout zero (no wait) or positive, at most one minute
     * @return this builder
     * @throws NullPointerException if {@code timeout} is {@code null}
     * @throws IllegalArgumentException if negative or longer than a minute
     */
    public Builder busyTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new IllegalArgumentException("busy timeout must be 0..60 s, was " + timeout);
      }
      this.busyTimeout = timeout;
      return this;
    }

    Builder ticker(LongSupplier nanoTicker) {
      this.ticker = Objects.requireNonNull(nanoTicker, "nanoTicker");
      return this;
    }

    /**
     * Chooses the Argon2 implementation; by default the native one (argon2-jvm), or the one {@link
     * Argon2Engine} service provider when argon2-jvm is absent. See {@link Argon2Engine}.
     *
     * @param engine the engine, such as {@code new BouncyCastleArgon2Engine()}
     * @return this builder
     * @throws NullPointerException if {@code engine} is {@code null}
     * @throws IllegalStateException if an engine was already chosen
     */
    public Builder argon2Engine(Argon2Engine engine) {
      Objects.requireNonNull(engine, "engine");
      if (argon2Engine != null) {
        throw new IllegalStateException("the Argon2 engine was already set to " + argon2Engine);
      }
      this.argon2Engine = engine;
      return this;
    }

    Builder engine(HashEngine engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
      return this;
    }

    /**
     * Builds the hasher.
     *
     * @return a thread-safe hasher
     * @throws IllegalStateException if the settings contradict each other (the limits must admit
     *     the parameters, and the memory budget must hold at least one computation at the limits'
     *     largest memory cost), or if no Argon2 engine is available (argon2-jvm absent or its
     *     native library not loading, and not exactly one {@link Argon2Engine} service provider)
     */
    public PasswordHasher build() {
      if (!unsafeParameters && !parameters.meetsOwaspFloor()) {
        throw new IllegalStateException("parameters below the OWASP floor");
      }
      if (!limits.allows(parameters)) {
        throw new IllegalStateException(
            "the limits "
                + limits
                + " do not admit the hashing parameters "
                + parameters
                + "; raise the limits");
      }
      if (limits.maxMemoryKiB() > memoryBudgetKiB) {
        throw new IllegalStateException(
            "the memory budget ("
                + memoryBudgetKiB
                + " KiB) is smaller than the largest memory cost a stored hash may have ("
                + limits.maxMemoryKiB()
                + " KiB); raise memoryBudgetKiB or lower HashLimits.maxMemoryKiB");
      }
      if (random == null) {
        random = new SecureRandom();
      }
      if (migration == null) {
        migration = PasswordMigration.DEFAULT;
      }
      if (engine == null) {
        engine = HashEngines.resolve(argon2Engine);
      }
      return new PasswordHasher(this);
    }
  }

  @Override
  public String toString() {
    return "PasswordHasher[" + parameters + ", limits=" + limits + ", budgetKiB=" + budgetKiB + "]";
  }
}
