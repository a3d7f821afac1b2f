package dev.backchannel.store;

import java.util.Objects;
import java.util.Optional;

/**
 * What a login is checked against: the user and his secrets' hashes.
 *
 * @param user the user
 * @param passwordHash his Argon2id password hash, once set
 * @param setupTokenHash the SHA-256 of his one-time set-up token, until a password is set
 */
public record Credentials(
    UserInfo user, Optional<String> passwordHash, Optional<String> setupTokenHash) {
  public Credentials {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(setupTokenHash, "setupTokenHash");
  }
}
