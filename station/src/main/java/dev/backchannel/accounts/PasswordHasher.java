package dev.backchannel.accounts;

import dev.backchannel.cable.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing (DESIGN 5.4: m = 64 MiB, t = 3, p = 1), encoded in the PHC string
 * format {@code $argon2id$v=19$m=65536,t=3,p=1$salt$hash}, so that a hash carries its own cost and
 * stays verifiable when the defaults change.
 *
 * <p>A hash holds its memory cost on the heap while it runs. At most {@link #concurrent()} hashes
 * and verifications run at once, so a burst of logins needs at most that many times the memory
 * cost, not one each; the others wait their turn, first come first served.
 *
 * <p>Thread-safe.
 */
public final class PasswordHasher {
  /** The memory cost of DESIGN 5.4, in KiB. */
  public static final int MEMORY_KIB = 64 * 1024;

  /** The time cost of DESIGN 5.4. */
  public static final int ITERATIONS = 3;

  private static final Pattern ENCODED =
      Pattern.compile(
          "\\$argon2id\\$v=19\\$m=([0-9]{1,8}),t=([0-9]{1,3}),p=([0-9]{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;

  /** The key derivation under the permits: Argon2id, or a stand-in that tests can watch. */
  @FunctionalInterface
  interface Derivation {
    byte[] derive(byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism);
  }

  /** Argon2id itself, as BouncyCastle computes it. */
  static final Derivation ARGON2ID = PasswordHasher::argon2id;

  private final int memoryKib;
  private final int iterations;
  private final int parallelism;
  private final int concurrent;
  private final Semaphore permits;
  private final Derivation derivation;

  /**
   * @param memoryKib memory cost in KiB
   * @param iterations time cost
   * @param parallelism lanes within one hash
   * @param concurrent how many hashes and verifications may run at once
   * @throws InvalidValueException if a cost is below Argon2's minimum or {@code concurrent} is
   *     below 1
   */
  public PasswordHasher(int memoryKib, int iterations, int parallelism, int concurrent) {
    this(memoryKib, iterations, parallelism, concurrent, ARGON2ID);
  }

  PasswordHasher(
      int memoryKib, int iterations, int parallelism, int concurrent, Derivation derivation) {
    if (parallelism < 1 || iterations < 1 || memoryKib < 8 * parallelism) {
      throw new InvalidValueException(
          "argon2",
          "needs p >= 1, t >= 1 and m >= 8p KiB; got m="
              + memoryKib
              + ", t="
              + iterations
              + ", p="
              + parallelism);
    }
    if (concurrent < 1) {
      throw new InvalidValueException("argon2", "needs at least 1 hash at once; got " + concurrent);
    }
    this.memoryKib = memoryKib;
    this.iterations = iterations;
    this.parallelism = parallelism;
    this.concurrent = concurrent;
    this.permits = new Semaphore(concurrent, true);
    this.derivation = derivation;
  }

  /**
   * The cost of DESIGN 5.4, one hash at a time: for the command line, which hashes one password at
   * a time anyway.
   */
  public static PasswordHasher standard() {
    return new PasswordHasher(MEMORY_KIB, ITERATIONS, 1, 1);
  }

  /** Memory cost in KiB. */
  public int memoryKib() {
    return memoryKib;
  }

  /** Time cost. */
  public int iterations() {
    return iterations;
  }

  /** Lanes within one hash. */
  public int parallelism() {
    return parallelism;
  }

  /** How many hashes and verifications may run at once. */
  public int concurrent() {
    return concurrent;
  }

  /**
   * The PHC-encoded Argon2id hash of {@code password} with a fresh random salt. Waits while {@link
   * #concurrent()} others run.
   *
   * @throws CancellationException if the thread is interrupted while it waits; its interrupt status
   *     is kept
   */
  public String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] hash = derive(password, salt, memoryKib, iterations, parallelism);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "$argon2id$v=19$m="
        + memoryKib
        + ",t="
        + iterations
        + ",p="
        + parallelism
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(hash);
  }

  /**
   * True if {@code password} matches {@code encoded}, whatever cost it was hashed with; false for
   * an encoding this hasher cannot read. Compares in constant time. Waits as {@link #hash} does.
   *
   * @throws CancellationException if the thread is interrupted while it waits; its interrupt status
   *     is kept
   */
  public boolean verify(char[] password, String encoded) {
    Matcher m = ENCODED.matcher(encoded);
    if (!m.matches()) {
      return false;
    }
    Base64.Decoder b64 = Base64.getDecoder();
    byte[] expected = b64.decode(m.group(5));
    byte[] actual =
        derive(
            password,
            b64.decode(m.group(4)),
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)));
    return expected.length == HASH_BYTES && MessageDigest.isEqual(expected, actual);
  }

  private byte[] derive(
      char[] password, byte[] salt, int memoryKib, int iterations, int parallelism) {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting to hash a password");
    }
    try {
      return derivation.derive(toBytes(password), salt, memoryKib, iterations, parallelism);
    } finally {
      permits.release();
    }
  }

  private static byte[] argon2id(
      byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memoryKib)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .withSalt(salt)
            .build());
    byte[] out = new byte[HASH_BYTES];
    generator.generateBytes(password, out);
    return out;
  }

  private static byte[] toBytes(char[] password) {
    return new String(password).getBytes(StandardCharsets.UTF_8);
  }
}
