package dev.backchannel.server;

import java.util.Objects;

/** A setting of the station's configuration has a value it cannot run with; start-up stops. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String setting;

  /**
   * @param setting the setting's name as written in the file, e.g. {@code http.port}
   * @param message what is wrong, including the bad value and where it came from
   */
  public ConfigException(String setting, String message) {
    super(Objects.requireNonNull(setting, "setting") + ": " + message);
    this.setting = setting;
  }

  /** The setting's name. */
  public String setting() {
    return setting;
  }
}
