package dev.backchannel.accounts;

import dev.backchannel.cable.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing (DESIGN 5.4: m = 64 MiB, t = 3, p = 1), encoded in the PHC string
 * format {@code $argon2id$v=19$m=65536,t=3,p=1$salt$hash}, so that a hash carries its own cost and
 * stays verifiable when the defaults change.
 *
 * @param memoryKib memory cost in KiB
 * @param iterations time cost
 * @param parallelism lanes
 */
public record PasswordHasher(int memoryKib, int iterations, int parallelism) {
  /** The cost of DESIGN 5.4. */
  public static final PasswordHasher DEFAULT = new PasswordHasher(64 * 1024, 3, 1);

  private static final Pattern ENCODED =
      Pattern.compile(
          "\\$argon2id\\$v=19\\$m=([0-9]{1,8}),t=([0-9]{1,3}),p=([0-9]{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;

  /**
   * @throws InvalidValueException if a cost is below Argon2's minimum
   */
  public PasswordHasher {
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
  }

  /** The PHC-encoded Argon2id hash of {@code password} with a fresh random salt. */
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
   * an encoding this hasher cannot read. Compares in constant time.
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

  private static byte[] derive(
      char[] password, byte[] salt, int memoryKib, int iterations, int parallelism) {
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
    generator.generateBytes(toBytes(password), out);
    return out;
  }

  private static byte[] toBytes(char[] password) {
    return new String(password).getBytes(StandardCharsets.UTF_8);
  }
}
