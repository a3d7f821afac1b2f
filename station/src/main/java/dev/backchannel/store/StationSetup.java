package dev.backchannel.store;

import java.util.Objects;

/**
 * What {@code init} sets up.
 *
 * @param prefix the station prefix, e.g. {@code WHS}
 * @param name the station's name
 * @param publicKey the station's Ed25519 public key, base64 X.509
 * @param admin the first administrator
 */
public record StationSetup(String prefix, String name, String publicKey, NewUser admin) {
  public StationSetup {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(admin, "admin");
  }
}
