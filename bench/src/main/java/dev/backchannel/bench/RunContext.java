package dev.backchannel.bench;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a scenario needs to know of the run.
 *
 * @param smoke a few seconds of each scenario, so that CI shows the harness still works; its
 *     figures mean nothing
 * @param work a folder the scenario may write into (removed after the run)
 * @param stationJar the station's executable jar, started as a separate process as a user would
 * @param java the {@code java} launcher of the JDK the run uses
 * @param peers whether to run the peers (Prosody, Postfix) alternating with the station
 */
public record RunContext(boolean smoke, Path work, Path stationJar, Path java, boolean peers) {
  public RunContext {
    Objects.requireNonNull(work, "work");
    Objects.requireNonNull(stationJar, "stationJar");
    Objects.requireNonNull(java, "java");
  }
}
