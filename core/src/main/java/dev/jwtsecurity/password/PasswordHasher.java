package dev.jwtsecurity.password;

import dev.jwtsecurity.internal.ConstantTime;
import dev.jwtsecurity.internal.SetOnce;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Hashes passwords with Argon2id into standard PHC strings and verifies stored hashes, with bounded
 * memory and cost.
 *
 * <pre>{@code
 * PasswordHasher hasher = security.passwords();                // Argon2id m=19456 t=2 p=1 (OWASP)
 * String phc = hasher.hash(password);                          // $argon2id$v=19$m=19456,t=2,p=1$salt$hash
 * PasswordVerification v = hasher.verify(password, phc);
 * if (v.matches() && v.needsRehash()) { users.updateHash(id, hasher.hash(password)); }
 * hasher.verify(CharBuffer.wrap(chars), phc);                  // a char[] you wipe afterwards
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
 *       #MAX_PASSWORD_CODE_POINTS} Unicode code points is refused before any work, so huge inputs
 *       cannot burn CPU. Every limit counts code points ({@link #length}), so 1,024 emoji are
 *       accepted everywhere or nowhere.
 *   <li><b>No Unicode normalisation.</b> Passwords are hashed as their exact UTF-8 bytes, as every
 *       interoperable implementation does; the NFC and NFD spellings of "é" are different
 *       passwords. Applications that want NIST SP 800-63B §5.1.1.2 normalisation must apply it
 *       identically at registration and login.
 *   <li><b>Wiping.</b> Internal copies of the password are zeroed after use; the caller's
 *       characters are never modified. A {@link String} cannot be wiped: pass {@code
 *       CharBuffer.wrap(chars)} and wipe the array yourself.
 *   <li><b>Tampered hashes.</b> A stored hash whose parameters exceed the {@link HashLimits} is
 *       refused without computing ({@link PasswordVerification.Status#PARAMETERS_EXCEED_LIMITS}); a
 *       malformed one gets {@link PasswordVerification.Status#MALFORMED_HASH}. Neither throws.
 *   <li><b>Bounded memory.</b> Each computation reserves its memory cost from a budget (default
 *       {@value #DEFAULT_MEMORY_BUDGET_KIB} KiB = 256 MiB of native memory), so at most {@link
 *       #maxConcurrentHashes()} {@code = budget / m} run at once; callers beyond that wait up to
 *       the busy timeout (default 2 s) and then get {@link PasswordVerification.Status#BUSY} or
 *       {@link PasswordHashingException.Reason#BUSY}. The budget bounds resident memory too:
 *       computations run on at most that many threads owned by the hasher (named {@code
 *       jwt-security-argon2-N}, started on demand, gone after a minute idle: nothing to close).
 *   <li><b>Unknown users.</b> {@link #verifyDummy} does the same work as a verification against a
 *       hash with the current parameters, so an unknown user costs the same as a wrong password.
 *       bcrypt hashes cost what their cost factor says; migrate them promptly.
 * </ul>
 */
public final class PasswordHasher {

  /**
   * The longest password accepted, in Unicode code points: the one unit every password limit of
   * jwt-security counts in (see {@link #length}). An emoji is one code point (two Java chars, four
   * UTF-8 bytes).
   */
  public static final int MAX_PASSWORD_CODE_POINTS = 1024;

  /**
   * The shortest new password {@link dev.jwtsecurity.JwtSecurity#register} and {@link
   * dev.jwtsecurity.JwtSecurity#changePassword} accept, in Unicode code points (NIST SP 800-63B's
   * minimum for a password the user chooses). Verification accepts any non-empty password.
   */
  public static final int MIN_NEW_PASSWORD_CODE_POINTS = 8;

  /** The longest password's UTF-8 encoding: four bytes per code point at most. */
  static final int MAX_PASSWORD_BYTES = 4 * MAX_PASSWORD_CODE_POINTS;

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
  private final int budgetKiB;
  private final HashScheduler scheduler;
  private final byte[] dummySalt;

  private PasswordHasher(Builder b) {
    this.parameters = b.parameters;
    this.limits = b.limits;
    this.migration = b.migration;
    this.random = b.random;
    this.engine = b.engine;
    this.budgetKiB = b.memoryBudgetKiB;
    this.scheduler =
        new HashScheduler(
            b.memoryBudgetKiB, maxConcurrentHashes(), b.busyTimeout.toNanos(), b.ticker);
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

  /** How many computations (Argon2 or bcrypt) ran: what tests count to prove uniform cost. */
  long hashComputations() {
    return scheduler.computations();
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
   * @param password the password; not modified (pass {@code CharBuffer.wrap(chars)} to wipe the
   *     array afterwards)
   * @return a PHC string
   * @throws PasswordHashingException if the password is empty or too long, or the budget stayed
   *     exhausted
   * @throws NullPointerException if {@code password} is {@code null}
   */
  public String hash(CharSequence password) throws PasswordHashingException {
    Objects.requireNonNull(password, "password");
    checkHashInput(length(password), MAX_PASSWORD_CODE_POINTS);
    byte[] bytes = PasswordBytes.utf8(password);
    try {
      return hashBytes(bytes);
    } finally {
      PasswordBytes.wipe(bytes);
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

  /**
   * Returns the length of a password as every limit counts it: Unicode code points (a lone
   * surrogate counts as one). Counting stops early for a huge input, which is too long anyway.
   *
   * <pre>{@code
   * PasswordHasher.length("pässwörd");                  // 8
   * PasswordHasher.length("\uD83D\uDE00".repeat(1024)); // 1024: 2048 chars, accepted
   * }</pre>
   *
   * @param password the password
   * @return its length in code points, or {@code MAX_PASSWORD_CODE_POINTS + 1} when it is longer
   * @throws NullPointerException if {@code password} is {@code null}
   */
  public static int length(CharSequence password) {
    int chars = password.length();
    if (chars > 2 * MAX_PASSWORD_CODE_POINTS) {
      return MAX_PASSWORD_CODE_POINTS + 1; // at least that many code points: no need to count
    }
    return Math.min(Character.codePointCount(password, 0, chars), MAX_PASSWORD_CODE_POINTS + 1);
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
   * @param password the password; not modified (pass {@code CharBuffer.wrap(chars)} to wipe the
   *     array afterwards)
   * @param storedHash the stored PHC string or bcrypt hash; any text, including {@code null}
   * @return the outcome; never throws on a bad password or hash
   * @throws NullPointerException if {@code password} is {@code null}
   */
  public PasswordVerification verify(CharSequence password, String storedHash) {
    Objects.requireNonNull(password, "password");
    PasswordVerification.Status problem = inputProblem(length(password), MAX_PASSWORD_CODE_POINTS);
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
   * Does the work of a verification against a hash with the current parameters, for a user who does
   * not exist (or whose stored hash is unusable), so that the answer takes as long as for a wrong
   * password. Never matches.
   *
   * @param password the presented password; not modified
   * @return {@link PasswordVerification.Status#MISMATCH}, or the same input or busy status {@link
   *     #verify} would give
   * @throws NullPointerException if {@code password} is {@code null}
   */
  public PasswordVerification verifyDummy(CharSequence password) {
    Objects.requireNonNull(password, "password");
    PasswordVerification.Status problem = inputProblem(length(password), MAX_PASSWORD_CODE_POINTS);
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
        Boolean ok =
            scheduler.run(BCRYPT_BUDGET_KIB, password, pw -> engine.bcrypt(pw, h.bcryptText));
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
    HashScheduler.Computation<byte[]> derive;
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
    byte[] derived = scheduler.run(kib, password, derive);
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
    return scheduler.run(p.memoryKiB(), password, pw -> engine.argon2(p, pw, salt));
  }

  /**
   * Builds a {@link PasswordHasher}. Defaults: {@link Argon2Parameters#DEFAULT}, {@link
   * HashLimits#DEFAULT}, a 256 MiB memory budget, a 2 s busy timeout, a new {@link SecureRandom}.
   * Not thread-safe.
   */
  public static final class Builder {
    private final SetOnce once = new SetOnce();
    private Argon2Parameters parameters = Argon2Parameters.DEFAULT;
    private boolean unsafeParameters;
    private HashLimits limits = HashLimits.DEFAULT;
    private PasswordMigration migration = PasswordMigration.DEFAULT;
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
      once.mark("parameters");
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
      Objects.requireNonNull(parameters, "parameters");
      once.mark("parameters");
      this.parameters = parameters;
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
      Objects.requireNonNull(limits, "limits");
      once.mark("limits");
      this.limits = limits;
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
      once.mark("migration");
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
      Objects.requireNonNull(random, "random");
      once.mark("random");
      this.random = random;
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
      once.mark("memoryBudgetKiB");
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
      once.mark("busyTimeout");
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
      once.mark("argon2Engine");
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
